<?xml version="1.0" encoding="UTF-8"?>
<!--
  WCO DEC-DMS 2 (UK CDS, WCO DM 3.6) declaration  ->  TSW canonical TradeDocument.

  Input: md:MetaData with one dec:Declaration, already validated against
  xsd/inbound/wco-dec-dms-2/DocumentMetaData_2_DMS_DEC.xsd.
  Output: either a TradeDocument valid against xsd/canonical/trade-document.xsd, or, when the declaration
  cannot be mapped, err:MappingErrors with one err:Error per problem (all problems, not just the first).
  The error's @xpath names the offending input node (or, for a missing element, its parent) so the engine can
  turn it into a line number.

  The mapping table, and what is deliberately ignored, is in README.md next to this file.
  Every value is whitespace-normalised; elements whose source is absent or blank are omitted.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"
    xmlns:dec="urn:wco:datamodel:WCO:DEC-DMS:2"
    xmlns:p1="urn:wco:datamodel:WCO:Declaration_DS:DMS:2"
    xmlns:err="urn:hk:tsw:mapping-errors:1"
    xmlns:f="urn:hk:tsw:xslt:wco-dec-dms-2"
    xmlns="urn:hk:tsw:canonical:trade-document:1"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>

  <!-- CDS mass data elements (DE 6/1, 6/5) are always in kilograms; the unitCode attribute is optional there
       but required in the canonical MeasureType. -->
  <xsl:variable name="default-mass-unit" as="xs:string" select="'KGM'"/>

  <!-- ================================================================== entry point -->

  <xsl:template match="/">
    <xsl:variable name="decl" as="element(dec:Declaration)?" select="md:MetaData/dec:Declaration"/>
    <xsl:variable name="errors" as="element(err:Error)*">
      <xsl:choose>
        <xsl:when test="empty($decl)">
          <xsl:sequence select="f:error(*, local-name(*),
              'the document is not a WCO DEC-DMS 2 declaration: expected MetaData containing Declaration')"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$decl" mode="check"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($errors)">
        <err:MappingErrors>
          <xsl:sequence select="$errors"/>
        </err:MappingErrors>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$decl"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================== checks (mode check) -->
  <!-- Only what a schema-valid DEC-DMS declaration can still get wrong for the canonical contract. -->

  <xsl:template match="dec:Declaration" mode="check">
    <xsl:variable name="type" select="f:val(dec:TypeCode)"/>
    <xsl:choose>
      <xsl:when test="empty($type)">
        <xsl:sequence select="f:error(., '',
            'the declaration has no TypeCode (DE 1/1 + 1/2), so its document type cannot be determined')"/>
      </xsl:when>
      <xsl:when test="empty(f:document-type($type))">
        <xsl:sequence select="f:error(dec:TypeCode, $type,
            'declaration type ''' || $type || ''' is not mapped: only import (IM..) and export (EX..) declarations can be converted to a TradeDocument')"/>
      </xsl:when>
    </xsl:choose>

    <xsl:if test="empty(f:val(dec:FunctionalReferenceID))">
      <xsl:sequence select="f:error(., '',
          'the declaration has no FunctionalReferenceID (DE 2/5 LRN), which the TradeDocument header requires')"/>
    </xsl:if>

    <xsl:if test="empty(f:sender(.))">
      <xsl:sequence select="f:error(., '',
          'the declaration has neither Submitter/ID nor Declarant/ID, so the sender cannot be identified')"/>
    </xsl:if>

    <xsl:for-each select="dec:IssueDateTime/p1:DateTimeString">
      <xsl:if test="empty(f:date-time(.))">
        <xsl:sequence select="f:error(., string(.),
            'IssueDateTime ''' || normalize-space(.) || ''' with formatCode ''' || @formatCode
            || ''' is not a valid date (102 = CCYYMMDD) or date-time (304 = CCYYMMDDHHMMSS with optional zone Z, +HH or +HHMM)')"/>
      </xsl:if>
    </xsl:for-each>

    <xsl:variable name="country-codes" select="
        (dec:Declarant | dec:Exporter | dec:Consignment/dec:Carrier | dec:Consignment/dec:Consignor
         | dec:GoodsShipment/(dec:Importer | dec:Consignor | dec:Consignee))/dec:Address/dec:CountryCode,
        dec:BorderTransportMeans/dec:RegistrationNationalityCode,
        dec:GoodsShipment/dec:GovernmentAgencyGoodsItem/f:origin(.)/dec:CountryCode"/>
    <xsl:for-each select="$country-codes[exists(f:val(.)) and not(matches(f:val(.), '^[A-Z]{2}$'))]">
      <xsl:sequence select="f:error(., string(.),
          'country code ''' || f:val(.) || ''' is not an ISO 3166-1 alpha-2 code in upper case')"/>
    </xsl:for-each>

    <xsl:for-each select="dec:GoodsShipment/dec:GovernmentAgencyGoodsItem/dec:SequenceNumeric
                          [not(f:val(.) castable as xs:positiveInteger)]">
      <xsl:sequence select="f:error(., string(.),
          'goods item number ''' || f:val(.) || ''' is not a positive whole number')"/>
    </xsl:for-each>

    <xsl:for-each select="dec:GoodsItemQuantity[exists(f:val(.)) and not(f:val(.) castable as xs:nonNegativeInteger)]">
      <xsl:sequence select="f:error(., string(.),
          'total number of items ''' || f:val(.) || ''' is not a whole number of zero or more')"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ================================================================== TradeDocument -->

  <xsl:template match="dec:Declaration">
    <xsl:variable name="gs" select="dec:GoodsShipment"/>
    <TradeDocument>
      <Header>
        <DocumentType>{f:document-type(f:val(dec:TypeCode))}</DocumentType>
        <FunctionalReferenceID>{f:val(dec:FunctionalReferenceID)}</FunctionalReferenceID>
        <FunctionCode>{f:val(dec:FunctionCode)}</FunctionCode>
        <xsl:for-each select="f:date-time(dec:IssueDateTime/p1:DateTimeString)">
          <IssueDateTime>{.}</IssueDateTime>
        </xsl:for-each>
        <Source>
          <Format>XML</Format>
          <MessageType>DEC-DMS</MessageType>
          <Version>2</Version>
          <SenderID>{f:sender(.)}</SenderID>
        </Source>
      </Header>

      <xsl:apply-templates select="dec:Declarant" mode="party"><xsl:with-param name="role" select="'DECLARANT'"/></xsl:apply-templates>
      <xsl:apply-templates select="dec:Exporter" mode="party"><xsl:with-param name="role" select="'EXPORTER'"/></xsl:apply-templates>
      <xsl:apply-templates select="$gs/dec:Importer" mode="party"><xsl:with-param name="role" select="'IMPORTER'"/></xsl:apply-templates>
      <xsl:apply-templates select="($gs/dec:Consignor, dec:Consignment/dec:Consignor)[1]" mode="party"><xsl:with-param name="role" select="'CONSIGNOR'"/></xsl:apply-templates>
      <xsl:apply-templates select="$gs/dec:Consignee" mode="party"><xsl:with-param name="role" select="'CONSIGNEE'"/></xsl:apply-templates>
      <xsl:apply-templates select="dec:Consignment/dec:Carrier" mode="party"><xsl:with-param name="role" select="'CARRIER'"/></xsl:apply-templates>

      <xsl:apply-templates select="dec:BorderTransportMeans"/>

      <xsl:for-each select="$gs/dec:Consignment/dec:LoadingLocation[exists(f:val(dec:ID))]">
        <LoadingLocation>
          <ID>{f:val(dec:ID)}</ID>
          <xsl:sequence select="f:leaf('Name', dec:Name)"/>
        </LoadingLocation>
      </xsl:for-each>

      <xsl:for-each select="dec:ExitOffice[exists(f:val(dec:ID))]">
        <ExitOffice>
          <ID>{f:val(dec:ID)}</ID>
        </ExitOffice>
      </xsl:for-each>

      <xsl:apply-templates select="$gs/dec:Consignment/dec:TransportEquipment"/>

      <xsl:apply-templates select="$gs/dec:GovernmentAgencyGoodsItem"/>

      <xsl:variable name="totals" as="element()*">
        <xsl:sequence select="f:leaf('GoodsItemQuantity', dec:GoodsItemQuantity)"/>
        <xsl:sequence select="f:leaf('TotalPackageQuantity', dec:TotalPackageQuantity)"/>
        <xsl:sequence select="f:measure('TotalGrossMassMeasure', dec:TotalGrossMassMeasure)"/>
        <xsl:sequence select="f:amount('InvoiceAmount', dec:InvoiceAmount)"/>
      </xsl:variable>
      <xsl:if test="exists($totals)">
        <Totals>
          <xsl:sequence select="$totals"/>
        </Totals>
      </xsl:if>
    </TradeDocument>
  </xsl:template>

  <!-- ================================================================== parties -->

  <xsl:template match="*" mode="party">
    <xsl:param name="role" as="xs:string" required="yes"/>
    <xsl:variable name="content" as="element()*">
      <xsl:sequence select="f:leaf('ID', dec:ID)"/>
      <xsl:sequence select="f:leaf('Name', dec:Name)"/>
      <xsl:apply-templates select="dec:Address"/>
    </xsl:variable>
    <xsl:if test="exists($content)">
      <Party role="{$role}">
        <xsl:sequence select="$content"/>
      </Party>
    </xsl:if>
  </xsl:template>

  <!-- DEC-DMS orders Address as CityName, CountryCode, Line, PostcodeID; the canonical order differs. -->
  <xsl:template match="dec:Address">
    <xsl:variable name="content" as="element()*">
      <xsl:sequence select="f:leaf('Line', dec:Line)"/>
      <xsl:sequence select="f:leaf('CityName', dec:CityName)"/>
      <xsl:sequence select="f:leaf('PostcodeID', dec:PostcodeID)"/>
      <xsl:sequence select="f:leaf('CountryCode', dec:CountryCode)"/>
    </xsl:variable>
    <xsl:if test="exists($content)">
      <Address>
        <xsl:sequence select="$content"/>
      </Address>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================== transport -->

  <xsl:template match="dec:BorderTransportMeans">
    <xsl:variable name="content" as="element()*">
      <xsl:for-each select="dec:ID[exists(f:val(.))]">
        <ID>
          <!-- DE 7/14 identification type (e.g. 10 IMO number, 11 vessel name, 40 IATA flight) qualifies the ID -->
          <xsl:for-each select="f:val(../dec:IdentificationTypeCode)">
            <xsl:attribute name="schemeID" select="."/>
          </xsl:for-each>
          <xsl:value-of select="f:val(.)"/>
        </ID>
      </xsl:for-each>
      <xsl:sequence select="f:leaf('Name', dec:Name)"/>
      <xsl:sequence select="f:leaf('ModeCode', dec:ModeCode)"/>
      <xsl:sequence select="f:leaf('RegistrationNationalityCode', dec:RegistrationNationalityCode)"/>
    </xsl:variable>
    <xsl:if test="exists($content)">
      <BorderTransportMeans>
        <xsl:sequence select="$content"/>
      </BorderTransportMeans>
    </xsl:if>
  </xsl:template>

  <!-- Equipment without an ID (SequenceNumeric only) carries nothing the canonical form can hold. -->
  <xsl:template match="dec:TransportEquipment[exists(f:val(dec:ID))]">
    <TransportEquipment>
      <ID>{f:val(dec:ID)}</ID>
      <xsl:for-each select="dec:Seal[exists(f:val(dec:ID))]">
        <Seal>
          <ID>{f:val(dec:ID)}</ID>
        </Seal>
      </xsl:for-each>
    </TransportEquipment>
  </xsl:template>
  <xsl:template match="dec:TransportEquipment"/>

  <!-- ================================================================== goods items -->

  <xsl:template match="dec:GovernmentAgencyGoodsItem">
    <xsl:variable name="commodity" select="dec:Commodity"/>
    <GoodsItem>
      <SequenceNumeric>{xs:positiveInteger(f:val(dec:SequenceNumeric))}</SequenceNumeric>

      <xsl:variable name="commodity-content" as="element()*">
        <xsl:sequence select="f:leaf('Description', $commodity/dec:Description)"/>
        <!-- TSP = the commodity code (DE 6/14); TARIC suffix, additional and national codes are not mapped. -->
        <xsl:for-each select="$commodity/dec:Classification[f:val(dec:IdentificationTypeCode) = 'TSP'][exists(f:val(dec:ID))]">
          <Classification listID="HS">
            <ID>{f:val(dec:ID)}</ID>
          </Classification>
        </xsl:for-each>
      </xsl:variable>
      <xsl:if test="exists($commodity-content)">
        <Commodity>
          <xsl:sequence select="$commodity-content"/>
        </Commodity>
      </xsl:if>

      <xsl:variable name="measures" as="element()*">
        <xsl:sequence select="f:measure('GrossMassMeasure', $commodity/dec:GoodsMeasure/dec:GrossMassMeasure)"/>
        <xsl:sequence select="f:measure('NetMassMeasure', $commodity/dec:GoodsMeasure/dec:NetNetWeightMeasure)"/>
      </xsl:variable>
      <xsl:if test="exists($measures)">
        <GoodsMeasure>
          <xsl:sequence select="$measures"/>
        </GoodsMeasure>
      </xsl:if>

      <xsl:for-each select="dec:Packaging">
        <xsl:variable name="packaging" as="element()*">
          <xsl:sequence select="f:leaf('QuantityQuantity', dec:QuantityQuantity)"/>
          <xsl:sequence select="f:leaf('TypeCode', dec:TypeCode)"/>
          <xsl:sequence select="f:leaf('MarksNumbersID', dec:MarksNumbersID)"/>
        </xsl:variable>
        <xsl:if test="exists($packaging)">
          <Packaging>
            <xsl:sequence select="$packaging"/>
          </Packaging>
        </xsl:if>
      </xsl:for-each>

      <xsl:for-each select="f:origin(.)">
        <Origin>
          <CountryCode>{f:val(dec:CountryCode)}</CountryCode>
        </Origin>
      </xsl:for-each>

      <xsl:sequence select="f:amount('ValueAmount',
          ($commodity/dec:InvoiceLine/dec:ItemChargeAmount[exists(f:val(.))], dec:StatisticalValueAmount)[1])"/>

      <xsl:for-each select="dec:AdditionalDocument[exists(f:val(dec:ID))]">
        <AdditionalDocument>
          <ID>{f:val(dec:ID)}</ID>
          <!-- DE 2/3 document code = category (C, N, X, Y, ...) followed by type, e.g. N935 -->
          <xsl:sequence select="f:leaf('TypeCode', string-join((f:val(dec:CategoryCode), f:val(dec:TypeCode))))"/>
          <!-- the quantity written off the licence (checked against the licence ledger); kept only with its unit -->
          <xsl:for-each select="dec:WriteOff/dec:QuantityQuantity[exists(f:val(.))][exists(f:val(@unitCode))]">
            <WriteOff><QuantityQuantity unitCode="{f:val(@unitCode)}">{f:val(.)}</QuantityQuantity></WriteOff>
          </xsl:for-each>
        </AdditionalDocument>
      </xsl:for-each>

      <xsl:for-each select="$commodity/dec:TransportEquipment[exists(f:val(dec:ID))]">
        <TransportEquipment>
          <ID>{f:val(dec:ID)}</ID>
        </TransportEquipment>
      </xsl:for-each>
    </GoodsItem>
  </xsl:template>

  <!-- ================================================================== functions -->

  <!-- The normalised string value of a node or string, or the empty sequence when absent or blank. -->
  <xsl:function name="f:val" as="xs:string?">
    <xsl:param name="item" as="item()?"/>
    <xsl:variable name="v" select="normalize-space(string($item))"/>
    <xsl:sequence select="if ($v = '') then () else $v"/>
  </xsl:function>

  <!-- A canonical leaf element holding the source value, or nothing when the source has no value. -->
  <xsl:function name="f:leaf" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="source" as="item()?"/>
    <xsl:for-each select="f:val($source)">
      <xsl:element name="{$name}" namespace="urn:hk:tsw:canonical:trade-document:1">{.}</xsl:element>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="f:measure" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="source" as="element()?"/>
    <xsl:for-each select="$source[exists(f:val(.))]">
      <xsl:element name="{$name}" namespace="urn:hk:tsw:canonical:trade-document:1">
        <xsl:attribute name="unitCode" select="(f:val(@unitCode), $default-mass-unit)[1]"/>
        <xsl:value-of select="f:val(.)"/>
      </xsl:element>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="f:amount" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="source" as="element()?"/>
    <xsl:for-each select="$source[exists(f:val(.))]">
      <xsl:element name="{$name}" namespace="urn:hk:tsw:canonical:trade-document:1">
        <xsl:for-each select="f:val(@currencyID)">
          <xsl:attribute name="currencyID" select="."/>
        </xsl:for-each>
        <xsl:value-of select="f:val(.)"/>
      </xsl:element>
    </xsl:for-each>
  </xsl:function>

  <!-- DE 1/1 (first two letters of TypeCode) to the canonical document type catalog code. -->
  <xsl:function name="f:document-type" as="xs:string?">
    <xsl:param name="type-code" as="xs:string?"/>
    <xsl:sequence select="
        let $prefix := substring($type-code, 1, 2)
        return if ($prefix = 'IM') then 'IMPORT_DECLARATION'
               else if ($prefix = 'EX') then 'EXPORT_DECLARATION'
               else ()"/>
  </xsl:function>

  <xsl:function name="f:sender" as="xs:string?">
    <xsl:param name="decl" as="element(dec:Declaration)"/>
    <xsl:sequence select="(f:val($decl/dec:Submitter/dec:ID), f:val($decl/dec:Declarant/dec:ID))[1]"/>
  </xsl:function>

  <!-- The origin used for the canonical Origin: DE 5/15 (TypeCode 1, non-preferential) before DE 5/16. -->
  <xsl:function name="f:origin" as="element(dec:Origin)?">
    <xsl:param name="item" as="element(dec:GovernmentAgencyGoodsItem)"/>
    <xsl:variable name="with-country" select="$item/dec:Origin[exists(f:val(dec:CountryCode))]"/>
    <xsl:sequence select="($with-country[f:val(dec:TypeCode) = '1'], $with-country)[1]"/>
  </xsl:function>

  <!--
    WCO DateTimeString to xs:date (formatCode 102, CCYYMMDD) or xs:dateTime (304, CCYYMMDDHHMMSS followed by
    nothing, Z, +HH or +HHMM). Returns the lexical canonical value, or () when the string does not parse.
  -->
  <xsl:function name="f:date-time" as="xs:string?">
    <xsl:param name="dts" as="element()?"/>
    <xsl:variable name="v" select="string(f:val($dts))"/>
    <xsl:variable name="code" select="string($dts/@formatCode)"/>
    <xsl:variable name="lexical" as="xs:string?">
      <xsl:choose>
        <xsl:when test="$code = '102' and matches($v, '^\d{8}$')">
          <xsl:sequence select="replace($v, '^(\d{4})(\d{2})(\d{2})$', '$1-$2-$3')"/>
        </xsl:when>
        <xsl:when test="$code = '304' and matches($v, '^\d{14}(Z|[+\-]\d{2}(\d{2})?)?$')">
          <xsl:variable name="zone" select="substring($v, 15)"/>
          <xsl:sequence select="replace(substring($v, 1, 14), '^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$', '$1-$2-$3T$4:$5:$6')
              || (if (string-length($zone) = 3) then $zone || ':00'
                  else if (string-length($zone) = 5) then substring($zone, 1, 3) || ':' || substring($zone, 4)
                  else $zone)"/>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:sequence select="
        if ($code = '102' and $lexical castable as xs:date) then $lexical
        else if ($code = '304' and $lexical castable as xs:dateTime) then $lexical
        else ()"/>
  </xsl:function>

  <!-- ================================================================== errors -->

  <xsl:function name="f:error" as="element(err:Error)">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="reason" as="xs:string"/>
    <err:Error xpath="{f:path($node)}" value="{$value}">{$reason}</err:Error>
  </xsl:function>

  <!-- /Local/Names with a [n] position only where siblings share the name, e.g.
       /MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2]/SequenceNumeric -->
  <xsl:function name="f:path" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string-join(
        for $e in $node/ancestor-or-self::*
        return '/' || local-name($e)
               || (if (count($e/../*[node-name() eq node-name($e)]) gt 1)
                   then '[' || (1 + count($e/preceding-sibling::*[node-name() eq node-name($e)])) || ']'
                   else ''))"/>
  </xsl:function>

</xsl:stylesheet>
