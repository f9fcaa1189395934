<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type TID-KP-EXP only (TID, Kimberley Process Certificate (Export) for rough diamonds); they run
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
        <!-- KPE-001 a KP Certificate covers rough diamonds only: HS 7102.10, 7102.21, 7102.31 -->
        <xsl:for-each select="t:GoodsItem/t:Commodity/t:Classification/t:ID[normalize-space()]
                              [not(matches(normalize-space(.), '^7102(10|21|31)'))]">
          <xsl:sequence select="rc:failure('KPE-001', rc:path(.), normalize-space(.), 'HS code ''' || normalize-space(.)
              || ''' of goods line ' || rc:index(../../..) || ' is not rough diamonds (7102.10, 7102.21 or 7102.31): a KP Certificate covers rough diamonds only')"/>
        </xsl:for-each>
        <!-- KPE-002 an export certificate names the importing country on every line, and it is not Hong Kong -->
        <xsl:for-each select="t:GoodsItem[not(t:Destination/t:CountryCode[normalize-space()])]">
          <xsl:sequence select="rc:failure('KPE-002', rc:path(.) || '/Destination/CountryCode', (), 'Goods line '
              || rc:index(.) || ' has no country of destination: a KP Certificate (Export) names the importing Participant')"/>
        </xsl:for-each>
        <xsl:for-each select="t:GoodsItem/t:Destination/t:CountryCode[normalize-space() = 'HK']">
          <xsl:sequence select="rc:failure('KPE-002', rc:path(.), 'HK', 'Goods line ' || rc:index(../..)
              || ' is destined for Hong Kong: an export certificate needs the importing country abroad')"/>
        </xsl:for-each>
        <!-- KPE-003 the shipment travels in a tamper-evident container whose seal number the certificate shows -->
        <xsl:sequence select="rc:required(t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'ContainerSealNumber']/t:Value[normalize-space()],
            'KPE-003', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ContainerSealNumber'']',
            'The application gives no seal number of the tamper-evident container (data item ContainerSealNumber)')"/>
        <xsl:sequence select="rc:required(t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'RoughDiamondTraderRegistrationNumber']/t:Value[normalize-space()],
            'KPE-003', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''RoughDiamondTraderRegistrationNumber'']',
            'The application gives no rough diamond trader registration number (data item RoughDiamondTraderRegistrationNumber)')"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
