<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type TID-CO only (TID, certificates of origin); they run after ../rules.xsl (the rules of every
  LPCO application). See README.md next to this file.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                xmlns:co="urn:hk:tsw:rules:tid-co"
                exclude-result-prefixes="t rc xs co">

  <xsl:include href="../../common/rules-common.xsl"/>

  <!-- the kinds TID's Certificate of Origin Circular No. 9/2019 lists -->
  <xsl:variable name="kinds" select="('CHO', 'CP', 'CEPA', 'NZ', 'GE', 'AHK')"/>
  <xsl:variable name="asean" select="('BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN')"/>

  <!-- the countries a preferential certificate may go to; empty for CHO and CP (any) -->
  <xsl:function name="co:partners" as="xs:string*">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="if ($kind = 'CEPA') then 'CN' else if ($kind = 'NZ') then 'NZ' else if ($kind = 'GE') then 'GE'
        else if ($kind = 'AHK') then $asean else ()"/>
  </xsl:function>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <xsl:variable name="item" select="t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'CertificateKind']"/>
        <xsl:variable name="kind" select="normalize-space($item[1]/t:Value)"/>
        <!-- CO-001 which certificate -->
        <xsl:sequence select="rc:required($item, 'CO-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''CertificateKind'']',
            'The application does not say which certificate it is for (data item CertificateKind: CHO, CP, CEPA, NZ, GE or AHK)')"/>
        <xsl:for-each select="$item/t:Value[not(normalize-space() = $kinds)]">
          <xsl:sequence select="rc:failure('CO-001', rc:path(.), normalize-space(.), 'Certificate kind ''' || normalize-space(.)
              || ''' is not CHO, CP, CEPA, NZ, GE or AHK')"/>
        </xsl:for-each>
        <!-- CO-002 every certificate but a Certificate of Processing certifies Hong Kong origin -->
        <xsl:if test="$kind = $kinds and $kind != 'CP'">
          <xsl:for-each select="t:GoodsItem[not(t:Origin/t:CountryCode = 'HK')]">
            <xsl:sequence select="rc:failure('CO-002', rc:path(.) || '/Origin/CountryCode', (t:Origin/t:CountryCode/normalize-space(), '')[1],
                'Goods line ' || rc:index(.) || ' is of origin ''' || (t:Origin/t:CountryCode/normalize-space(), 'none')[1]
                || ''': a ' || $kind || ' certificate certifies Hong Kong origin (HK); goods processed here from elsewhere need a Certificate of Processing (CP)')"/>
          </xsl:for-each>
        </xsl:if>
        <!-- CO-003 a preferential certificate goes to its agreement's partner -->
        <xsl:if test="exists(co:partners($kind))">
          <xsl:for-each select="t:GoodsItem[not(t:Destination/t:CountryCode = co:partners($kind))]">
            <xsl:sequence select="rc:failure('CO-003', rc:path(.) || '/Destination/CountryCode', (t:Destination/t:CountryCode/normalize-space(), '')[1],
                'Goods line ' || rc:index(.) || ' goes to ''' || (t:Destination/t:CountryCode/normalize-space(), 'nowhere')[1]
                || ''': a ' || $kind || ' certificate is for ' || string-join(co:partners($kind), ', '))"/>
          </xsl:for-each>
        </xsl:if>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
