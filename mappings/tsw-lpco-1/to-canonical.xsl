<?xml version="1.0" encoding="UTF-8"?>
<!--
  TSW LPCO application XML (xsd/inbound/tsw-lpco-1/LPCOApplication.xsd)  ->  canonical TradeDocument of type
  LPCO_APPLICATION. The input is already schema-valid; what remains are the checks a schema cannot express.
  Output: a TradeDocument, or err:MappingErrors with one err:Error per problem; @xpath names the offending node so
  the engine gives its line. README.md next to this file is the message implementation guide.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:a="urn:hk:tsw:inbound:lpco-application:1"
    xmlns:err="urn:hk:tsw:mapping-errors:1"
    xmlns:f="urn:hk:tsw:xslt:tsw-lpco-1"
    xmlns="urn:hk:tsw:canonical:trade-document:1"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:variable name="app" select="a:LPCOApplication"/>
    <xsl:variable name="errors" as="element(err:Error)*">
      <xsl:if test="not(matches(f:val($app/a:TypeCode), '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$')) or string-length(f:val($app/a:TypeCode)) gt 35">
        <xsl:sequence select="f:error($app/a:TypeCode, string($app/a:TypeCode),
            'TypeCode ''' || f:val($app/a:TypeCode) || ''' is not a catalogue code of an LPCO (capital letters and digits in parts joined by -, e.g. TID-SC-EXP)')"/>
      </xsl:if>
      <xsl:if test="empty(f:val($app/a:Submitter/a:ID))">
        <xsl:sequence select="f:error($app/a:Submitter, '', 'the application has no Submitter/ID, so the sender cannot be identified')"/>
      </xsl:if>
      <xsl:for-each select="$app/a:LicenceData/a:Item/a:Name[not(matches(f:val(.), '^[A-Za-z][A-Za-z0-9_.]{0,63}$'))]">
        <xsl:sequence select="f:error(., string(.), 'data item name ''' || f:val(.) || ''' must start with a letter and hold only letters, digits, _ or . (at most 64)')"/>
      </xsl:for-each>
      <xsl:for-each select="$app/a:GoodsItem/a:SequenceNumeric[. = (preceding::a:SequenceNumeric)]">
        <xsl:sequence select="f:error(., string(.), 'goods item sequence number ' || . || ' is used twice')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($errors)">
        <err:MappingErrors><xsl:sequence select="$errors"/></err:MappingErrors>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$app"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="a:LPCOApplication">
    <TradeDocument>
      <Header>
        <DocumentType>LPCO_APPLICATION</DocumentType>
        <FunctionalReferenceID>{f:val(a:FunctionalReferenceID)}</FunctionalReferenceID>
        <FunctionCode>{f:val(a:FunctionCode)}</FunctionCode>
        <xsl:for-each select="a:IssueDateTime"><IssueDateTime>{f:val(.)}</IssueDateTime></xsl:for-each>
        <Source>
          <Format>XML</Format>
          <MessageType>LPCO-APPLICATION</MessageType>
          <Version>1</Version>
          <SenderID>{f:val(a:Submitter/a:ID)}</SenderID>
        </Source>
      </Header>
      <xsl:apply-templates select="a:Applicant" mode="party"><xsl:with-param name="role" select="'APPLICANT'"/></xsl:apply-templates>
      <xsl:apply-templates select="a:Consignor" mode="party"><xsl:with-param name="role" select="'CONSIGNOR'"/></xsl:apply-templates>
      <xsl:apply-templates select="a:Consignee" mode="party"><xsl:with-param name="role" select="'CONSIGNEE'"/></xsl:apply-templates>
      <xsl:for-each select="a:GoodsItem">
        <GoodsItem>
          <SequenceNumeric>{f:val(a:SequenceNumeric)}</SequenceNumeric>
          <Commodity>
            <xsl:for-each select="a:Commodity/a:Description[f:val(.)]"><Description>{f:val(.)}</Description></xsl:for-each>
            <xsl:for-each select="a:Commodity/a:Classification">
              <Classification listID="{(f:val(a:IdentificationTypeCode), 'HS')[1]}"><ID>{f:val(a:ID)}</ID></Classification>
            </xsl:for-each>
          </Commodity>
          <xsl:for-each select="a:GoodsMeasure/a:TariffQuantity">
            <GoodsMeasure><TariffQuantity unitCode="{f:val(@unitCode)}">{f:val(.)}</TariffQuantity></GoodsMeasure>
          </xsl:for-each>
          <xsl:for-each select="a:Origin"><Origin><CountryCode>{f:val(a:CountryCode)}</CountryCode></Origin></xsl:for-each>
          <xsl:for-each select="a:ValueAmount"><ValueAmount currencyID="{f:val(@currencyID)}">{f:val(.)}</ValueAmount></xsl:for-each>
          <xsl:for-each select="a:Destination"><Destination><CountryCode>{f:val(a:CountryCode)}</CountryCode></Destination></xsl:for-each>
        </GoodsItem>
      </xsl:for-each>
      <LPCOApplication>
        <TypeCode>{f:val(a:TypeCode)}</TypeCode>
        <xsl:for-each select="a:DocumentCode"><DocumentCode>{f:val(.)}</DocumentCode></xsl:for-each>
        <xsl:for-each select="a:RequestedValidity[*]">
          <RequestedValidity>
            <xsl:for-each select="a:EffectiveDateTime"><StartDate>{f:val(.)}</StartDate></xsl:for-each>
            <xsl:for-each select="a:ExpirationDateTime"><EndDate>{f:val(.)}</EndDate></xsl:for-each>
          </RequestedValidity>
        </xsl:for-each>
        <xsl:for-each select="a:AdditionalDocument">
          <SupportingDocument>
            <ID>{f:val(a:ID)}</ID>
            <xsl:for-each select="a:TypeCode"><TypeCode>{f:val(.)}</TypeCode></xsl:for-each>
          </SupportingDocument>
        </xsl:for-each>
        <xsl:for-each select="a:LicenceData">
          <LicenceData>
            <xsl:for-each select="a:Item">
              <Item>
                <Name>{f:val(a:Name)}</Name>
                <xsl:for-each select="a:WcoID"><WcoID>{f:val(.)}</WcoID></xsl:for-each>
                <Value>{f:val(a:Value)}</Value>
                <xsl:for-each select="a:Unit"><Unit>{f:val(.)}</Unit></xsl:for-each>
              </Item>
            </xsl:for-each>
          </LicenceData>
        </xsl:for-each>
      </LPCOApplication>
    </TradeDocument>
  </xsl:template>

  <xsl:template match="*" mode="party">
    <xsl:param name="role" as="xs:string"/>
    <Party role="{$role}">
      <xsl:for-each select="a:ID[f:val(.)]"><ID>{f:val(.)}</ID></xsl:for-each>
      <xsl:for-each select="a:Name[f:val(.)]"><Name>{f:val(.)}</Name></xsl:for-each>
      <xsl:for-each select="a:Address[*]">
        <Address>
          <xsl:for-each select="a:Line[f:val(.)]"><Line>{f:val(.)}</Line></xsl:for-each>
          <xsl:for-each select="a:CityName[f:val(.)]"><CityName>{f:val(.)}</CityName></xsl:for-each>
          <xsl:for-each select="a:PostcodeID[f:val(.)]"><PostcodeID>{f:val(.)}</PostcodeID></xsl:for-each>
          <xsl:for-each select="a:CountryCode"><CountryCode>{f:val(.)}</CountryCode></xsl:for-each>
        </Address>
      </xsl:for-each>
    </Party>
  </xsl:template>

  <xsl:function name="f:val" as="xs:string?">
    <xsl:param name="node" as="item()?"/>
    <xsl:sequence select="let $v := normalize-space(string($node)) return if ($v eq '') then () else $v"/>
  </xsl:function>

  <xsl:function name="f:error" as="element(err:Error)">
    <xsl:param name="node" as="node()?"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="reason" as="xs:string"/>
    <err:Error xpath="{f:path($node)}" value="{$value}">{$reason}</err:Error>
  </xsl:function>

  <!-- /Local/Names with [n] where siblings share the name, e.g. /LPCOApplication/GoodsItem[2]/SequenceNumeric -->
  <xsl:function name="f:path" as="xs:string">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="string-join(
        for $e in $node/ancestor-or-self::*
        return '/' || local-name($e)
               || (if (count($e/../*[node-name() eq node-name($e)]) gt 1)
                   then '[' || (1 + count($e/preceding-sibling::*[node-name() eq node-name($e)])) || ']'
                   else ''))"/>
  </xsl:function>

</xsl:stylesheet>
