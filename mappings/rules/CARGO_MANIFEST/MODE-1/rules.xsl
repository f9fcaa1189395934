<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business rules of ocean cargo manifests (CARGO_MANIFEST with BorderTransportMeans/ModeCode 1, UN/ECE Rec 19), run
  after ../rules.xsl: SEA-001 the vessel's IMO number, SEA-002 vessel name and voyage number. See README.md.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                xmlns:sea="urn:hk:tsw:rules-sea"
                exclude-result-prefixes="xs t rc sea">

  <xsl:include href="../../common/rules-common.xsl"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <xsl:variable name="btm" select="t:BorderTransportMeans"/>
        <!-- SEA-001 an ocean-going vessel is identified by its IMO ship number: 7 digits, the last the check digit -->
        <xsl:variable name="imo" select="replace(normalize-space($btm/t:ID), '^IMO ?', '')"/>
        <xsl:choose>
          <xsl:when test="$imo eq ''">
            <xsl:sequence select="rc:failure('SEA-001', '/TradeDocument/BorderTransportMeans/ID', (),
                'The ocean cargo manifest does not identify the vessel by its IMO number (TDT C222 8213)')"/>
          </xsl:when>
          <xsl:when test="not(sea:imo-valid($imo))">
            <xsl:sequence select="rc:failure('SEA-001', '/TradeDocument/BorderTransportMeans/ID', string($btm/t:ID),
                'IMO number ''' || normalize-space($btm/t:ID) || ''' is not valid: 7 digits, the last being the check digit of the first six'
                || (if (matches($imo, '^[0-9]{7}$')) then ' (expected ' || sea:imo-check($imo) || ')' else ''))"/>
          </xsl:when>
        </xsl:choose>
        <!-- SEA-002 the vessel's name and the voyage number (Cap. 60C: the carrier's name and the voyage number) -->
        <xsl:sequence select="rc:required($btm/t:Name[normalize-space()], 'SEA-002', '/TradeDocument/BorderTransportMeans/Name',
            'The ocean cargo manifest gives no vessel name (TDT C222 8212)')"/>
        <xsl:sequence select="rc:required($btm/t:JourneyID[normalize-space()], 'SEA-002', '/TradeDocument/BorderTransportMeans/JourneyID',
            'The ocean cargo manifest gives no voyage number (TDT 8028)')"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

  <xsl:function name="sea:imo-check" as="xs:integer">
    <xsl:param name="imo" as="xs:string"/>
    <xsl:sequence select="sum(for $i in 1 to 6 return xs:integer(substring($imo, $i, 1)) * (8 - $i)) mod 10"/>
  </xsl:function>

  <xsl:function name="sea:imo-valid" as="xs:boolean">
    <xsl:param name="imo" as="xs:string"/>
    <xsl:sequence select="matches($imo, '^[0-9]{7}$') and sea:imo-check($imo) eq xs:integer(substring($imo, 7, 1))"/>
  </xsl:function>

</xsl:stylesheet>
