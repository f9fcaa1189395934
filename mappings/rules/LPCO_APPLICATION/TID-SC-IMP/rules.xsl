<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type TID-SC-IMP only (TID, Import (Strategic Commodities) Licence); they run after ../rules.xsl
  (the rules of every LPCO application). See README.md next to this file.
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
        <xsl:variable name="data" select="t:LPCOApplication/t:LicenceData/t:Item"/>
        <!-- TSCI-001 the ultimate consignee or end-user and the specific end-use -->
        <xsl:sequence select="rc:required($data[t:Name = 'EndUser']/t:Value[normalize-space()], 'TSCI-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''EndUser'']',
            'The application names no ultimate consignee or end-user (data item EndUser)')"/>
        <xsl:sequence select="rc:required($data[t:Name = 'EndUse']/t:Value[normalize-space()], 'TSCI-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''EndUse'']',
            'The application gives no specific end-use of the goods (data item EndUse)')"/>
        <!-- TSCI-002 an import licence is valid for six months at most -->
        <xsl:for-each select="t:LPCOApplication/t:RequestedValidity[t:StartDate castable as xs:date and t:EndDate castable as xs:date]
                              [xs:date(t:EndDate) gt xs:date(t:StartDate) + xs:yearMonthDuration('P6M')]">
          <xsl:sequence select="rc:failure('TSCI-002', rc:path(t:EndDate), string(t:EndDate), 'The requested validity '
              || t:StartDate || ' to ' || t:EndDate || ' is longer than six months, the most an import licence is valid for')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
