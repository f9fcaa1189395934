<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type TID-IIC only (TID, International Import Certificate for strategic commodities); they run
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
        <!-- IIC-001 the certificate vouches for an import into Hong Kong: every line's destination is HK -->
        <xsl:for-each select="t:GoodsItem[not(t:Destination/t:CountryCode = 'HK')]">
          <xsl:sequence select="rc:failure('IIC-001', rc:path(.) || '/Destination/CountryCode', (t:Destination/t:CountryCode/normalize-space(), '')[1],
              'Goods line ' || rc:index(.) || ' is destined for ''' || (t:Destination/t:CountryCode/normalize-space(), 'nowhere')[1]
              || ''': an International Import Certificate covers goods imported into Hong Kong (HK)')"/>
        </xsl:for-each>
        <!-- IIC-002 the supplier abroad whose export authority receives the certificate -->
        <xsl:variable name="supplier" select="t:Party[@role = 'CONSIGNOR']"/>
        <xsl:sequence select="rc:required($supplier, 'IIC-002', '/TradeDocument/Party[@role=''CONSIGNOR'']',
            'The application names no supplier abroad (CONSIGNOR party): the certificate goes to the exporting country''s authority')"/>
        <xsl:for-each select="$supplier[not(t:Address/t:CountryCode[normalize-space()]) or t:Address/t:CountryCode = 'HK']">
          <xsl:sequence select="rc:failure('IIC-002', rc:path(.) || '/Address/CountryCode', (t:Address/t:CountryCode/normalize-space(), '')[1],
              'The supplier (CONSIGNOR party) must have an address country outside Hong Kong, not '''
              || (t:Address/t:CountryCode/normalize-space(), 'none')[1] || '''')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
