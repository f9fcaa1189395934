<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business rules of air advance cargo information (CARGO_REPORT with BorderTransportMeans/ModeCode 4, UN/ECE Rec 19),
  run after ../rules.xsl: ACIA-001 flight number and its arrival time, ACIA-002 air waybill numbers. See README.md.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                xmlns:aci="urn:hk:tsw:rules-aci-air"
                exclude-result-prefixes="xs t rc aci">

  <xsl:include href="../../common/rules-common.xsl"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <!-- ACIA-001 the flight: airline designator (2 characters, or 3 letters), 1 to 4 digits, optional suffix letter -->
        <xsl:variable name="flight" select="normalize-space(t:BorderTransportMeans/t:JourneyID)"/>
        <xsl:if test="not(matches($flight, '^([A-Z0-9]{2}|[A-Z]{3})[0-9]{1,4}[A-Z]?$'))">
          <xsl:sequence select="rc:failure('ACIA-001', '/TradeDocument/BorderTransportMeans/JourneyID',
              if ($flight eq '') then () else $flight,
              if ($flight eq '') then 'The air cargo information gives no flight number (TDT 8028)'
              else 'Flight number ''' || $flight || ''' is not an airline designator followed by 1 to 4 digits (e.g. CX509)')"/>
        </xsl:if>
        <!-- ACIA-002 every consignment travels on an air waybill: 3-digit prefix, 8-digit serial, mod 7 check digit -->
        <xsl:for-each select="t:Consignment/t:TransportContractDocument/t:ID">
          <xsl:variable name="awb" select="replace(normalize-space(.), '[ -]', '')"/>
          <xsl:if test="not(matches($awb, '^[0-9]{11}$') and aci:check($awb) eq xs:integer(substring($awb, 11, 1)))">
            <xsl:sequence select="rc:failure('ACIA-002', rc:path(.), string(.), 'Air waybill number ''' || . || ''' of '
                || rc:where(.) || ' is not valid: 3-digit airline prefix and 8-digit serial number whose last digit is the first seven modulo 7'
                || (if (matches($awb, '^[0-9]{11}$')) then ' (expected ' || aci:check($awb) || ')' else ''))"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

  <xsl:function name="aci:check" as="xs:integer">
    <xsl:param name="awb" as="xs:string"/>
    <xsl:sequence select="xs:integer(substring($awb, 4, 7)) mod 7"/>
  </xsl:function>

</xsl:stylesheet>
