<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business rules of rail cargo manifests (CARGO_MANIFEST with BorderTransportMeans/ModeCode 2, UN/ECE Rec 19), run
  after ../rules.xsl: RAIL-001 the train number, RAIL-002 each goods item's container is one the train carries.
  See README.md.
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
        <!-- RAIL-001 the train number (Cap. 60C: the voyage, flight or vehicle number; for rail the train) -->
        <xsl:sequence select="rc:required(t:BorderTransportMeans/t:JourneyID[normalize-space()], 'RAIL-001',
            '/TradeDocument/BorderTransportMeans/JourneyID', 'The rail cargo manifest gives no train number (TDT 8028)')"/>
        <!-- RAIL-002 each goods item (of a house consignment too) is placed (SGP) in a container the manifest lists for the train (EQD) -->
        <xsl:variable name="listed" select="t:TransportEquipment/t:ID ! normalize-space()"/>
        <xsl:for-each select="t:Consignment//t:GoodsItem/t:TransportEquipment/t:ID[not(normalize-space() = $listed)]">
          <xsl:sequence select="rc:failure('RAIL-002', rc:path(.), string(.), 'Container ' || . || ' of ' || rc:where(.)
              || ' is not among the containers the manifest lists for the train (EQD): '
              || (if (empty($listed)) then 'none' else string-join($listed, ', ')))"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
