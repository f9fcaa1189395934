<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business rules of air cargo manifests (CARGO_MANIFEST with BorderTransportMeans/ModeCode 4, UN/ECE Rec 19), run
  after ../rules.xsl: AIR-001 flight number, AIR-002 air waybill numbers. See README.md.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                xmlns:air="urn:hk:tsw:rules-air"
                exclude-result-prefixes="xs t rc air">

  <xsl:include href="../../common/rules-common.xsl"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <!-- AIR-001 the flight number: airline designator (2 characters, or 3 letters) and 1 to 4 digits, optional suffix letter -->
        <xsl:variable name="flight" select="normalize-space(t:BorderTransportMeans/t:JourneyID)"/>
        <xsl:choose>
          <xsl:when test="$flight eq ''">
            <xsl:sequence select="rc:failure('AIR-001', '/TradeDocument/BorderTransportMeans/JourneyID', (),
                'The air cargo manifest gives no flight number (TDT 8028)')"/>
          </xsl:when>
          <xsl:when test="not(matches($flight, '^([A-Z0-9]{2}|[A-Z]{3})[0-9]{1,4}[A-Z]?$'))">
            <xsl:sequence select="rc:failure('AIR-001', '/TradeDocument/BorderTransportMeans/JourneyID', $flight,
                'Flight number ''' || $flight || ''' is not an airline designator followed by 1 to 4 digits (e.g. CX2081)')"/>
          </xsl:when>
        </xsl:choose>
        <!-- AIR-002 air waybill numbers: 3-digit airline prefix and 8-digit serial whose last digit is the first seven mod 7 -->
        <xsl:for-each select="t:Consignment/t:TransportContractDocument/t:ID">
          <xsl:variable name="awb" select="replace(normalize-space(.), '[ -]', '')"/>
          <xsl:if test="not(air:awb-valid($awb))">
            <xsl:sequence select="rc:failure('AIR-002', rc:path(.), string(.), 'Air waybill number ''' || . || ''' of '
                || rc:where(.) || ' is not valid: 3-digit airline prefix and 8-digit serial number whose last digit is the first seven modulo 7'
                || (if (matches($awb, '^[0-9]{11}$')) then ' (expected ' || air:awb-check($awb) || ')' else ''))"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

  <xsl:function name="air:awb-check" as="xs:integer">
    <xsl:param name="awb" as="xs:string"/>
    <xsl:sequence select="xs:integer(substring($awb, 4, 7)) mod 7"/>
  </xsl:function>

  <xsl:function name="air:awb-valid" as="xs:boolean">
    <xsl:param name="awb" as="xs:string"/>
    <xsl:sequence select="matches($awb, '^[0-9]{11}$') and air:awb-check($awb) eq xs:integer(substring($awb, 11, 1))"/>
  </xsl:function>

</xsl:stylesheet>
