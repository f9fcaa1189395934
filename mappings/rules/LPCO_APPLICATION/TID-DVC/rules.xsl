<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type TID-DVC only (TID, Delivery Verification Certificate for strategic commodities); they run
  after ../rules.xsl (the rules of every LPCO application). See README.md next to this file.
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
        <!-- DVC-001 the Hong Kong import licence or International Import Certificate the goods came in under -->
        <xsl:sequence select="rc:required($data[t:Name = 'ImportLicenceNumber']/t:Value[normalize-space()], 'DVC-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ImportLicenceNumber'']',
            'The application names no import licence or International Import Certificate the delivery was made under (data item ImportLicenceNumber)')"/>
        <!-- DVC-002 delivery is verified after arrival: an arrival date (CCYY-MM-DD) not after the application's date -->
        <xsl:variable name="arrival" select="$data[t:Name = 'ArrivalDate']"/>
        <xsl:sequence select="rc:required($arrival, 'DVC-002', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ArrivalDate'']',
            'The application gives no date the goods arrived (data item ArrivalDate, CCYY-MM-DD)')"/>
        <xsl:variable name="issued" select="substring(normalize-space(t:Header/t:IssueDateTime), 1, 10)"/>
        <xsl:for-each select="$arrival/t:Value">
          <xsl:choose>
            <xsl:when test="not(normalize-space() castable as xs:date)">
              <xsl:sequence select="rc:failure('DVC-002', rc:path(.), normalize-space(.), 'Arrival date '''
                  || normalize-space(.) || ''' is not a date written CCYY-MM-DD')"/>
            </xsl:when>
            <xsl:when test="$issued castable as xs:date and xs:date(normalize-space()) gt xs:date($issued)">
              <xsl:sequence select="rc:failure('DVC-002', rc:path(.), normalize-space(.), 'The goods arrive ('
                  || normalize-space(.) || ') after the application (' || $issued || '): delivery can be verified only once they have arrived')"/>
            </xsl:when>
          </xsl:choose>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
