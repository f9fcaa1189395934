<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business rules for canonical documents of type EXPORT_DECLARATION: the declaration rules (DECL-*) and the rules
  for every document (CMN-*) from ../common/rules-common.xsl, plus EXP-001. See README.md for the table.
  Output: r:Failures (urn:hk:tsw:rule-failures:1), one r:Failure per problem, empty when all is well.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                exclude-result-prefixes="t rc">

  <xsl:include href="../common/rules-common.xsl"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <xsl:call-template name="rc:declaration-rules"/>
        <!-- EXP-001 exporter -->
        <xsl:sequence select="rc:required(t:Party[@role = 'EXPORTER'], 'EXP-001', '/TradeDocument/Party[@role=''EXPORTER'']',
            'The export declaration has no EXPORTER party')"/>
        <xsl:call-template name="rc:common-rules"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
