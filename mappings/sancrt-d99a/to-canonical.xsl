<?xml version="1.0" encoding="UTF-8"?>
<!--
  SANCRT D.99A (UN/EDIFACT "Sanitary/phytosanitary certificate" message, used here as the UN message for applying
  for licences, permits, certificates and other documents) -> canonical TradeDocument of type LPCO_APPLICATION.
  README.md next to this file is the message implementation guide (segment/element + qualifiers -> canonical field).

  Shared helpers (values, dates, errors, header, parties) come from ../common/edifact-common.xsl; everything that is
  particular to SANCRT is in this file, so the message type needed files only, no Java.
  Output: a TradeDocument, or err:MappingErrors with every problem found (segment, element, component, value).
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tsw="urn:hk:tsw:xslt:edifact-common"
                xmlns:s="urn:hk:tsw:xslt:sancrt"
                xmlns:err="urn:hk:tsw:mapping-errors:1"
                xmlns="urn:hk:tsw:canonical:trade-document:1"
                exclude-result-prefixes="#all">

  <xsl:include href="../common/edifact-common.xsl"/>

  <!-- D.99A SANCRT segment groups (UNECE TRMD SANCRT_D.99A): SG1 DOC-DTM-LOC (supporting documents),
       SG2 PNA-ADR-SG3 (parties), SG11 LIN-CST-MEA-PIA-IMD-GIN-RFF-ATT-DTM-LOC-FTX-QTY-MOA-SG12.. (goods lines) -->
  <xsl:variable name="s:groups" as="map(xs:string, xs:string)" select="map{
      'document': 'SegGrp-1', 'party': 'SegGrp-2', 'line': 'SegGrp-11' }"/>

  <!-- PNA 3035 -> party role; MS (document/message issuer/sender) is the applicant -->
  <xsl:variable name="s:roles" as="map(xs:string, xs:string)" select="map{
      'MS': 'APPLICANT', 'EX': 'EXPORTER', 'IM': 'IMPORTER', 'CZ': 'CONSIGNOR', 'CN': 'CONSIGNEE', 'DT': 'DECLARANT' }"/>

  <!-- FTX 4451 qualifier of a data item (C108: 4440 name : value : unit : WCO ID) -->
  <xsl:variable name="s:data-qualifier" select="'ACB'"/>

  <xsl:template match="/">
    <xsl:variable name="message" select="tsw:message(., 'SANCRT')"/>
    <xsl:variable name="bgm" select="$message/BGM[1]"/>
    <xsl:variable name="lpco-type" select="tsw:v($bgm/C002/E1000)"/>
    <xsl:variable name="lines" select="tsw:grp($message, $s:groups?line)"/>
    <xsl:variable name="errors" as="element(err:Error)*">
      <xsl:choose>
        <xsl:when test="empty($lpco-type)">
          <xsl:sequence select="tsw:error($bgm, $message, 1, 4, (),
              'LPCO type (BGM C002 1000) is missing; give the catalogue code of the licence, permit or certificate applied for, e.g. TID-SC-EXP')"/>
        </xsl:when>
        <xsl:when test="not(matches($lpco-type, '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$')) or string-length($lpco-type) gt 35">
          <xsl:sequence select="tsw:error($bgm, $message, 1, 4, $lpco-type,
              'LPCO type ' || $lpco-type || ' is not a catalogue code (capital letters and digits in parts joined by -)')"/>
        </xsl:when>
      </xsl:choose>
      <xsl:sequence select="tsw:header-errors($message)"/>
      <xsl:for-each select="$message/DTM[C507/E2005 = ('194', '206')]">
        <xsl:if test="empty(s:date(.))">
          <xsl:sequence select="tsw:error(., $message, 1, 2, tsw:v(C507/E2380),
              'Requested validity date ' || (tsw:v(C507/E2380), '(empty)')[1] || ' is not a valid date in format 102 (CCYYMMDD)')"/>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="$lines/LIN">
        <xsl:if test="not(tsw:v(E1082) castable as xs:positiveInteger)">
          <xsl:sequence select="tsw:error(., $message, 1, 1, tsw:v(E1082),
              'Line item number (1082) is missing or not a positive whole number')"/>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="$lines/QTY">
        <xsl:if test="not(tsw:decimal(tsw:v(C186/E6060)) castable as xs:decimal) or empty(tsw:v(C186/E6411))">
          <xsl:sequence select="tsw:error(., $message, 1, 2, tsw:v(C186/E6060),
              'Quantity (QTY C186 6060) must be a number with its unit (6411)')"/>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="$lines/FTX[E4451 eq $s:data-qualifier]">
        <xsl:sequence select="tsw:error(., $message, 4, 1, tsw:v(C108/E4440[1]),
            'Data item ' || (tsw:v(C108/E4440[1]), '(empty)')[1] || ' cannot be given on a line; data items go in the header FTX+ACB (the value of a line is its MOA 146)')"/>
      </xsl:for-each>
      <xsl:for-each select="$message/FTX[E4451 eq $s:data-qualifier]">
        <xsl:variable name="name" select="tsw:v(C108/E4440[1])"/>
        <xsl:if test="not(matches(($name, '')[1], '^[A-Za-z][A-Za-z0-9_.]{0,63}$')) or empty(tsw:v(C108/E4440[2]))">
          <xsl:sequence select="tsw:error(., $message, 4, 1, $name,
              'Data item (FTX+ACB) needs a name (letters, digits, _ or ., starting with a letter) and a value')"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($errors)">
        <xsl:call-template name="tsw:errors"><xsl:with-param name="errors" select="$errors"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="origin" select="tsw:v(($message/LOC[E3227 eq '27'])[1]/C517/E3225)"/>
        <xsl:variable name="destination" select="tsw:v(($message/LOC[E3227 eq '28'])[1]/C517/E3225)"/>
        <TradeDocument>
          <xsl:call-template name="tsw:header">
            <xsl:with-param name="message" select="$message"/>
            <xsl:with-param name="document-type" select="'LPCO_APPLICATION'"/>
          </xsl:call-template>
          <xsl:for-each select="tsw:grp($message, $s:groups?party)[exists($s:roles(string(PNA/E3035)))]">
            <xsl:call-template name="s:party"/>
          </xsl:for-each>
          <xsl:for-each select="$lines">
            <xsl:call-template name="s:line">
              <xsl:with-param name="origin" select="$origin"/>
              <xsl:with-param name="destination" select="$destination"/>
            </xsl:call-template>
          </xsl:for-each>
          <LPCOApplication>
            <TypeCode><xsl:value-of select="$lpco-type"/></TypeCode>
            <xsl:for-each select="tsw:v($bgm/C002/E1001)"><DocumentCode><xsl:value-of select="."/></DocumentCode></xsl:for-each>
            <xsl:variable name="start" select="s:date(($message/DTM[C507/E2005 eq '194'])[1])"/>
            <xsl:variable name="end" select="s:date(($message/DTM[C507/E2005 eq '206'])[1])"/>
            <xsl:if test="exists(($start, $end))">
              <RequestedValidity>
                <xsl:for-each select="$start"><StartDate><xsl:value-of select="."/></StartDate></xsl:for-each>
                <xsl:for-each select="$end"><EndDate><xsl:value-of select="."/></EndDate></xsl:for-each>
              </RequestedValidity>
            </xsl:if>
            <xsl:for-each select="tsw:grp($message, $s:groups?document)/DOC[tsw:v(C503/E1004)]">
              <SupportingDocument>
                <ID><xsl:value-of select="tsw:v(C503/E1004)"/></ID>
                <xsl:for-each select="tsw:v(C002/E1001)"><TypeCode><xsl:value-of select="."/></TypeCode></xsl:for-each>
              </SupportingDocument>
            </xsl:for-each>
            <xsl:variable name="items" select="$message/FTX[E4451 eq $s:data-qualifier]"/>
            <xsl:if test="exists($items)">
              <LicenceData>
                <xsl:for-each select="$items">
                  <Item>
                    <Name><xsl:value-of select="tsw:v(C108/E4440[1])"/></Name>
                    <xsl:for-each select="tsw:v(C108/E4440[4])"><WcoID><xsl:value-of select="."/></WcoID></xsl:for-each>
                    <Value><xsl:value-of select="tsw:v(C108/E4440[2])"/></Value>
                    <xsl:for-each select="tsw:v(C108/E4440[3])"><Unit><xsl:value-of select="."/></Unit></xsl:for-each>
                  </Item>
                </xsl:for-each>
              </LicenceData>
            </xsl:if>
          </LPCOApplication>
        </TradeDocument>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One SG2 party: PNA (qualifier, C082 id, C816 name components) with its first ADR -->
  <xsl:template name="s:party">
    <Party role="{$s:roles(string(PNA/E3035))}">
      <xsl:call-template name="tsw:identifier">
        <xsl:with-param name="name" select="'ID'"/>
        <xsl:with-param name="id" select="tsw:v(PNA/C082/E3039)"/>
        <xsl:with-param name="scheme" select="tsw:v(PNA/C082/E3055)"/>
      </xsl:call-template>
      <xsl:for-each select="tsw:join(PNA/C816/E3398)"><Name><xsl:value-of select="."/></Name></xsl:for-each>
      <xsl:for-each select="ADR[1]">
        <xsl:variable name="lines" select="(C090/E3286 ! string(.))[. ne '']"/>
        <xsl:if test="exists(($lines, tsw:v(E3164), tsw:v(E3251), tsw:v(E3207)))">
          <Address>
            <xsl:for-each select="$lines"><Line><xsl:value-of select="."/></Line></xsl:for-each>
            <xsl:for-each select="tsw:v(E3164)"><CityName><xsl:value-of select="."/></CityName></xsl:for-each>
            <xsl:for-each select="tsw:v(E3251)"><PostcodeID><xsl:value-of select="."/></PostcodeID></xsl:for-each>
            <xsl:for-each select="tsw:v(E3207)"><CountryCode><xsl:value-of select="."/></CountryCode></xsl:for-each>
          </Address>
        </xsl:if>
      </xsl:for-each>
    </Party>
  </xsl:template>

  <!-- One SG11 (LIN) goods line; origin/destination default to the header LOC 27/28. -->
  <xsl:template name="s:line">
    <xsl:param name="origin" as="xs:string?"/>
    <xsl:param name="destination" as="xs:string?"/>
    <xsl:variable name="hs" select="tsw:v((PIA/C212[E7143 eq 'HS'])[1]/E7140)"/>
    <xsl:variable name="description" select="tsw:join(IMD[E7077 eq 'F']/C273/E7008)"/>
    <xsl:variable name="quantity" select="QTY[1]"/>
    <xsl:variable name="value" select="(MOA[C516/E5025 eq '146'])[1]"/>
    <GoodsItem>
      <SequenceNumeric><xsl:value-of select="tsw:v(LIN/E1082)"/></SequenceNumeric>
      <xsl:if test="exists(($hs, $description))">
        <Commodity>
          <xsl:for-each select="$description"><Description><xsl:value-of select="."/></Description></xsl:for-each>
          <xsl:for-each select="$hs"><Classification listID="HS"><ID><xsl:value-of select="."/></ID></Classification></xsl:for-each>
        </Commodity>
      </xsl:if>
      <xsl:for-each select="$quantity">
        <GoodsMeasure>
          <TariffQuantity unitCode="{tsw:v(C186/E6411)}"><xsl:value-of select="tsw:decimal(tsw:v(C186/E6060))"/></TariffQuantity>
        </GoodsMeasure>
      </xsl:for-each>
      <xsl:for-each select="(tsw:v((LOC[E3227 eq '27'])[1]/C517/E3225), $origin)[1]">
        <Origin><CountryCode><xsl:value-of select="."/></CountryCode></Origin>
      </xsl:for-each>
      <xsl:for-each select="$value">
        <ValueAmount>
          <xsl:for-each select="tsw:v(C516/E6345)"><xsl:attribute name="currencyID" select="."/></xsl:for-each>
          <xsl:value-of select="tsw:decimal(tsw:v(C516/E5004))"/>
        </ValueAmount>
      </xsl:for-each>
      <xsl:for-each select="(tsw:v((LOC[E3227 eq '28'])[1]/C517/E3225), $destination)[1]">
        <Destination><CountryCode><xsl:value-of select="."/></CountryCode></Destination>
      </xsl:for-each>
    </GoodsItem>
  </xsl:template>

  <!-- DTM 102 date -> xs:date, () when absent or invalid -->
  <xsl:function name="s:date" as="xs:string?">
    <xsl:param name="dtm" as="element()?"/>
    <xsl:variable name="d" select="tsw:date-time(tsw:v($dtm/C507/E2380), (tsw:v($dtm/C507/E2379), '102')[1])"/>
    <xsl:sequence select="if ($d castable as xs:date) then $d else ()"/>
  </xsl:function>

</xsl:stylesheet>
