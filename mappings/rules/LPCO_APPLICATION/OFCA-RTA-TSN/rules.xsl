<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type OFCA-RTA-TSN only (OFCA, transhipment notification for radiocommunications transmitting
  apparatus); they run after ../rules.xsl (the rules of every LPCO application). See README.md next to this file.
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
        <!-- TSN-001 transhipped apparatus leaves Hong Kong: every line has a destination abroad -->
        <xsl:for-each select="t:GoodsItem[not(t:Destination/t:CountryCode[normalize-space()])]">
          <xsl:sequence select="rc:failure('TSN-001', rc:path(.) || '/Destination/CountryCode', (), 'Goods line '
              || rc:index(.) || ' has no country of destination: transhipped apparatus must leave Hong Kong')"/>
        </xsl:for-each>
        <xsl:for-each select="t:GoodsItem/t:Destination/t:CountryCode[normalize-space() = 'HK']">
          <xsl:sequence select="rc:failure('TSN-001', rc:path(.), 'HK', 'Goods line ' || rc:index(../..)
              || ' stays in Hong Kong: that is an import, for which an import permit (OFCA-RTA) is needed, not a transhipment notification')"/>
        </xsl:for-each>
        <!-- TSN-002 arrival and departure dates (CCYY-MM-DD), departure not before arrival -->
        <xsl:for-each select="'ArrivalDate', 'DepartureDate'">
          <xsl:variable name="name" select="."/>
          <xsl:variable name="item" select="$data[t:Name = $name]"/>
          <xsl:sequence select="rc:required($item, 'TSN-002', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''' || $name || ''']',
              'The notification gives no ' || $name || ' (CCYY-MM-DD)')"/>
          <xsl:for-each select="$item/t:Value[not(normalize-space() castable as xs:date)]">
            <xsl:sequence select="rc:failure('TSN-002', rc:path(.), normalize-space(.), $name || ' '''
                || normalize-space(.) || ''' is not a date written CCYY-MM-DD')"/>
          </xsl:for-each>
        </xsl:for-each>
        <xsl:variable name="arrival" select="$data[t:Name = 'ArrivalDate']/t:Value[normalize-space() castable as xs:date][1]"/>
        <xsl:variable name="departure" select="$data[t:Name = 'DepartureDate']/t:Value[normalize-space() castable as xs:date][1]"/>
        <xsl:if test="exists($arrival) and exists($departure) and xs:date(normalize-space($departure)) lt xs:date(normalize-space($arrival))">
          <xsl:sequence select="rc:failure('TSN-002', rc:path($departure), normalize-space($departure), 'The apparatus departs ('
              || normalize-space($departure) || ') before it arrives (' || normalize-space($arrival) || ')')"/>
        </xsl:if>
        <!-- TSN-003 the through transport document (bill of lading or air waybill) the goods are transhipped under -->
        <xsl:sequence select="rc:required($data[t:Name = 'ThroughTransportDocumentNumber']/t:Value[normalize-space()], 'TSN-003',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ThroughTransportDocumentNumber'']',
            'The notification gives no through bill of lading or air waybill (data item ThroughTransportDocumentNumber)')"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
