<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type FEHD-EGGS only (FEHD, written permission to import eggs under the Imported Game, Meat,
  Poultry and Eggs Regulations, Cap. 132AK); they run after ../rules.xsl (the rules of every LPCO application).
  See README.md next to this file.
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
        <!-- EGG-001 eggs: each line under HS headings 0407 (in shell) or 0408 (not in shell), and the kind of egg given;
             egg products and compounded food are not what this permission covers -->
        <xsl:for-each select="t:GoodsItem/t:Commodity/t:Classification[not(@listID) or @listID = 'HS']/t:ID
                              [matches(., '^[0-9]{6,10}$')][not(substring(., 1, 4) = ('0407', '0408'))]">
          <xsl:sequence select="rc:failure('EGG-001', rc:path(.), string(.), 'HS code ''' || . || ''' of ' || rc:where(.)
              || ' is not birds'' eggs (headings 0407, 0408): eggs in compounded food need no permission to import eggs')"/>
        </xsl:for-each>
        <xsl:sequence select="rc:required(t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'EggType']/t:Value[normalize-space()], 'EGG-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''EggType'']',
            'The application does not say which eggs are imported, e.g. HEN or DUCK (data item EggType)')"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
