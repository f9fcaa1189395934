<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type FEHD-FROZEN-CONF only (FEHD, Centre for Food Safety: import permission for frozen
  confections); they run after ../rules.xsl (the rules of every LPCO application). See README.md next to this file.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                exclude-result-prefixes="t rc xs">

  <xsl:include href="../../common/rules-common.xsl"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <!-- FCON-001 frozen confections: each line under HS heading 2105 (ice cream and other edible ice), and the
             permitted product named, as the permission lists every permitted product -->
        <xsl:for-each select="t:GoodsItem/t:Commodity/t:Classification[not(@listID) or @listID = 'HS']/t:ID
                              [matches(., '^[0-9]{6,10}$')][not(starts-with(., '2105'))]">
          <xsl:sequence select="rc:failure('FCON-001', rc:path(.), string(.), 'HS code ''' || . || ''' of ' || rc:where(.)
              || ' is not a frozen confection (heading 2105, ice cream and other edible ice): this permission does not cover it')"/>
        </xsl:for-each>
        <xsl:sequence select="rc:required(t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'PermittedProduct']/t:Value[normalize-space()], 'FCON-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''PermittedProduct'']',
            'The application names no frozen confection to be permitted (data item PermittedProduct)')"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
