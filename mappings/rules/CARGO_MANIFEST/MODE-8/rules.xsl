<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business rules of river cargo manifests (CARGO_MANIFEST with BorderTransportMeans/ModeCode 8, inland water, UN/ECE
  Rec 19), run after ../rules.xsl: RIV-001 vessel and voyage, RIV-002 a river trade voyage between Hong Kong and the
  Pearl River Delta (Mainland or Macao). See README.md.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                exclude-result-prefixes="t rc">

  <xsl:include href="../../common/rules-common.xsl"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <xsl:variable name="btm" select="t:BorderTransportMeans"/>
        <!-- RIV-001 the river trade vessel: its registration or licence number, its name and the voyage number -->
        <xsl:sequence select="rc:required($btm/t:ID[normalize-space()], 'RIV-001', '/TradeDocument/BorderTransportMeans/ID',
            'The river cargo manifest does not identify the vessel by its registration or licence number (TDT C222 8213)')"/>
        <xsl:sequence select="rc:required($btm/t:Name[normalize-space()], 'RIV-001', '/TradeDocument/BorderTransportMeans/Name',
            'The river cargo manifest gives no vessel name (TDT C222 8212)')"/>
        <xsl:sequence select="rc:required($btm/t:JourneyID[normalize-space()], 'RIV-001', '/TradeDocument/BorderTransportMeans/JourneyID',
            'The river cargo manifest gives no voyage number (TDT 8028)')"/>
        <!-- RIV-002 river trade runs between Hong Kong and a port of the Pearl River Delta (Mainland CN or Macao MO) -->
        <xsl:variable name="ends" select="(t:LoadingLocation/t:ID, t:UnloadingLocation/t:ID)[matches(., '^[A-Z]{2}')]"/>
        <xsl:choose>
          <xsl:when test="count($ends) lt 2">
            <xsl:sequence select="rc:failure('RIV-002', '/TradeDocument/' || (if (t:LoadingLocation) then 'UnloadingLocation' else 'LoadingLocation'), (),
                'The river cargo manifest must give both the port of loading and the port of unloading (LOC 9 and LOC 11)')"/>
          </xsl:when>
          <xsl:when test="not(some $e in $ends satisfies starts-with($e, 'HK'))">
            <xsl:sequence select="rc:failure('RIV-002', '/TradeDocument/UnloadingLocation/ID', string(t:UnloadingLocation/t:ID),
                'A river voyage from ' || t:LoadingLocation/t:ID || ' to ' || t:UnloadingLocation/t:ID || ' does not call at Hong Kong')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="$ends[not(substring(., 1, 2) = ('HK', 'CN', 'MO'))]">
              <xsl:sequence select="rc:failure('RIV-002', rc:path(.), string(.), 'Port ''' || . || ''' is outside the Pearl River Delta:'
                  || ' river trade runs between Hong Kong and the Mainland (CN) or Macao (MO); declare a sea-going voyage as mode 1')"/>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
