<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business rules for canonical documents of type CARGO_MANIFEST: MANI-* here, plus the rules for every document
  (CMN-*) from ../common/rules-common.xsl. See README.md for the table.
  Output: r:Failures (urn:hk:tsw:rule-failures:1), one r:Failure per problem, empty when all is well.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                exclude-result-prefixes="t rc">

  <xsl:include href="../common/rules-common.xsl"/>
  <xsl:include href="dangerous-goods.xsl"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <!-- MANI-001 border transport means -->
        <xsl:sequence select="rc:required(t:BorderTransportMeans, 'MANI-001', '/TradeDocument/BorderTransportMeans',
            'The cargo manifest has no border transport means (vessel, flight or vehicle)')"/>
        <!-- MANI-002 at least one consignment -->
        <xsl:sequence select="rc:required(t:Consignment, 'MANI-002', '/TradeDocument/Consignment',
            'The cargo manifest has no consignment')"/>
        <!-- MANI-003 each consignment has its transport contract document number -->
        <xsl:for-each select="t:Consignment[empty(t:TransportContractDocument/t:ID[normalize-space()])]">
          <xsl:sequence select="rc:failure('MANI-003', rc:path(.) || '/TransportContractDocument/ID', (),
              'Consignment ' || rc:index(.) || ' has no transport contract document (bill of lading or air waybill) number')"/>
        </xsl:for-each>
        <!-- MANI-004 carrier -->
        <xsl:sequence select="rc:required(t:Party[@role = 'CARRIER'], 'MANI-004', '/TradeDocument/Party[@role=''CARRIER'']',
            'The cargo manifest has no CARRIER party')"/>
        <!-- MANI-005 HS code format, where goods items give one -->
        <xsl:sequence select="rc:hs-code-format(., 'MANI-005')"/>
        <!-- DG-001..003 where goods items declare dangerous goods (dangerous-goods.xsl) -->
        <xsl:call-template name="rc:dangerous-goods-rules"/>
        <xsl:call-template name="rc:common-rules"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
