<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type FEHD-MILK only (FEHD, Centre for Food Safety: import permission for milk); they run after
  ../rules.xsl (the rules of every LPCO application). See README.md next to this file.
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
        <!-- MILK-001 an import permission is valid for 12 months: the requested validity is given and no longer -->
        <xsl:variable name="validity" select="t:LPCOApplication/t:RequestedValidity"/>
        <xsl:sequence select="rc:required($validity/t:EndDate, 'MILK-001', '/TradeDocument/LPCOApplication/RequestedValidity/EndDate',
            'The application gives no requested validity (start and end date; an import permission for milk is valid for up to 12 months)')"/>
        <xsl:for-each select="$validity[t:StartDate castable as xs:date and t:EndDate castable as xs:date]
                              [xs:date(t:EndDate) ge xs:date(t:StartDate) + xs:yearMonthDuration('P12M')]">
          <xsl:sequence select="rc:failure('MILK-001', rc:path(t:EndDate), string(t:EndDate), 'The requested validity '
              || t:StartDate || ' to ' || t:EndDate || ' is longer than 12 months: an import permission for milk is valid for 12 months')"/>
        </xsl:for-each>
        <!-- MILK-002 milk and cream: each line under HS headings 0401 or 0402 -->
        <xsl:for-each select="t:GoodsItem/t:Commodity/t:Classification[not(@listID) or @listID = 'HS']/t:ID
                              [matches(., '^[0-9]{6,10}$')][not(substring(., 1, 4) = ('0401', '0402'))]">
          <xsl:sequence select="rc:failure('MILK-002', rc:path(.), string(.), 'HS code ''' || . || ''' of ' || rc:where(.)
              || ' is not milk or cream (headings 0401, 0402): this permission does not cover it')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
