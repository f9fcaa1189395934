<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business rules of road cargo manifests (CARGO_MANIFEST with BorderTransportMeans/ModeCode 3, UN/ECE Rec 19), run
  after ../rules.xsl: ROAD-001 the vehicle, ROAD-002 every container under seal. See README.md.
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
        <!-- ROAD-001 the vehicle: its registration mark and the country that registered it (cross-boundary vehicles) -->
        <xsl:sequence select="rc:required($btm/t:ID[normalize-space()], 'ROAD-001', '/TradeDocument/BorderTransportMeans/ID',
            'The road cargo manifest does not give the vehicle registration number (TDT C222 8213)')"/>
        <xsl:sequence select="rc:required($btm/t:RegistrationNationalityCode[normalize-space()], 'ROAD-001',
            '/TradeDocument/BorderTransportMeans/RegistrationNationalityCode',
            'The road cargo manifest does not say where the vehicle is registered (TDT C222 8453)')"/>
        <!-- ROAD-002 a container crossing the land boundary is sealed: each one names at least one seal -->
        <xsl:for-each select="t:TransportEquipment[not(t:Seal/t:ID[normalize-space()])]">
          <xsl:sequence select="rc:failure('ROAD-002', rc:path(.) || '/Seal', string(t:ID), 'Container ' || t:ID
              || ' has no seal number (SEL after its EQD): a container crossing the land boundary travels under seal')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
