<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type AFCD-PIL only (AFCD, plant import licence under the Plant (Importation and Pest Control)
  Ordinance, Cap. 207); they run after ../rules.xsl (the rules of every LPCO application).
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
        <xsl:variable name="data" select="t:LPCOApplication/t:LicenceData/t:Item"/>
        <!-- PIL-001 a valid phytosanitary certificate from the country of origin: its number, and its issuing country
             is the origin of every goods line -->
        <xsl:sequence select="rc:required($data[t:Name = 'PhytosanitaryCertificateNumber']/t:Value[normalize-space()], 'PIL-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''PhytosanitaryCertificateNumber'']',
            'The application gives no phytosanitary certificate of the country of origin (data item PhytosanitaryCertificateNumber)')"/>
        <xsl:variable name="issuer" select="$data[t:Name = 'PhytosanitaryCertificateCountry']/t:Value[normalize-space()]"/>
        <xsl:sequence select="rc:required($issuer, 'PIL-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''PhytosanitaryCertificateCountry'']',
            'The application gives no country that issued the phytosanitary certificate (data item PhytosanitaryCertificateCountry)')"/>
        <xsl:for-each select="$issuer[1]">
          <xsl:variable name="country" select="normalize-space(.)"/>
          <xsl:for-each select="../../../../t:GoodsItem/t:Origin/t:CountryCode[normalize-space() and normalize-space() ne $country]">
            <xsl:sequence select="rc:failure('PIL-001', rc:path(.), normalize-space(.), 'The plants of ' || rc:where(.) || ' come from '
                || normalize-space(.) || ' but the phytosanitary certificate was issued by ' || $country
                || ': it must come from the country of origin')"/>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
