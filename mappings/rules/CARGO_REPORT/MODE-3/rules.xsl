<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business rules of road advance cargo information (CARGO_REPORT with BorderTransportMeans/ModeCode 3, UN/ECE Rec 19),
  run after ../rules.xsl: ACIR-001 the vehicle, ACIR-002 every container under seal and every goods item in a
  container the vehicle carries. See README.md.
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
        <!-- ACIR-001 the vehicle: registration mark and the country that registered it -->
        <xsl:sequence select="rc:required($btm/t:ID[normalize-space()], 'ACIR-001', '/TradeDocument/BorderTransportMeans/ID',
            'The road cargo information does not give the vehicle registration number (TDT C222 8213)')"/>
        <xsl:sequence select="rc:required($btm/t:RegistrationNationalityCode[normalize-space()], 'ACIR-001',
            '/TradeDocument/BorderTransportMeans/RegistrationNationalityCode',
            'The road cargo information does not say where the vehicle is registered (TDT C222 8453)')"/>
        <!-- ACIR-002 each container is sealed, and a goods item in a container names one the vehicle carries -->
        <xsl:for-each select="t:TransportEquipment[not(t:Seal/t:ID[normalize-space()])]">
          <xsl:sequence select="rc:failure('ACIR-002', rc:path(.) || '/Seal', string(t:ID), 'Container ' || t:ID
              || ' has no seal number (SEL after its EQD): a container crossing the land boundary travels under seal')"/>
        </xsl:for-each>
        <xsl:variable name="carried" select="t:TransportEquipment/t:ID ! normalize-space()"/>
        <xsl:for-each select="t:Consignment/t:GoodsItem/t:TransportEquipment/t:ID[not(normalize-space() = $carried)]">
          <xsl:sequence select="rc:failure('ACIR-002', rc:path(.), string(.), 'Container ' || . || ' of ' || rc:where(..)
              || ' is not one the vehicle carries (no EQD for it)')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
