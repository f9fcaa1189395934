<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type TID-SC-EXP only (TID, export licence for strategic commodities); they run after ../rules.xsl (the rules of every LPCO application).
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
        <!-- TSCE-001 the Strategic Commodities Control List entry the goods fall under: a munitions item (ML1-ML22)
             or a dual-use item (category digit, group letter A-E, three digits, optional sub-items), e.g. 3A001.a.2.c -->
        <xsl:variable name="entry" select="t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'ControlListEntry']"/>
        <xsl:sequence select="rc:required($entry, 'TSCE-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ControlListEntry'']',
            'The application gives no Strategic Commodities Control List entry (data item ControlListEntry)')"/>
        <xsl:for-each select="$entry/t:Value[not(matches(normalize-space(.), '^(ML([1-9]|1[0-9]|2[0-2])|[0-9][A-E][0-9]{3})(\.[a-z0-9]+)*$'))]">
          <xsl:sequence select="rc:failure('TSCE-001', rc:path(.), normalize-space(.), 'Control list entry ''' || normalize-space(.)
              || ''' is neither a munitions item (ML1 to ML22) nor a dual-use item such as 3A001.a.2.c')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
