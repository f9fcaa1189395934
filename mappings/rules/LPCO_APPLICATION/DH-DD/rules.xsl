<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type DH-DD only (DH, licence to import or export dangerous drugs under the Dangerous Drugs
  Ordinance, Cap. 134, ss. 11-13); they run after ../rules.xsl (the rules of every LPCO application).
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
        <xsl:variable name="code" select="t:LPCOApplication/t:DocumentCode"/>
        <!-- DD-001 s.12: an export licence on production of the importing country's import certificate;
             s.11: an import accompanied by the exporting country's export authorization -->
        <xsl:if test="$code = '811' and not($data[t:Name = 'ImportCertificateNumber']/t:Value[normalize-space()])">
          <xsl:sequence select="rc:failure('DD-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ImportCertificateNumber'']', (),
              'An export of a dangerous drug is licensed on the import certificate of the importing country: give its number (data item ImportCertificateNumber)')"/>
        </xsl:if>
        <xsl:if test="$code = '911' and not($data[t:Name = 'ExportAuthorizationNumber']/t:Value[normalize-space()])">
          <xsl:sequence select="rc:failure('DD-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ExportAuthorizationNumber'']', (),
              'An import of a dangerous drug comes with the export authorization of the exporting country: give its number (data item ExportAuthorizationNumber)')"/>
        </xsl:if>
        <!-- DD-002 s.12: an export licence is for a specified country, the one whose import certificate is cited -->
        <xsl:variable name="country" select="normalize-space($data[t:Name = 'ImportCertificateCountry'][1]/t:Value)"/>
        <xsl:if test="$code = '811'">
          <xsl:sequence select="rc:required($data[t:Name = 'ImportCertificateCountry']/t:Value[normalize-space()], 'DD-002',
              '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ImportCertificateCountry'']',
              'The application gives no country that issued the import certificate (data item ImportCertificateCountry)')"/>
          <xsl:for-each select="t:GoodsItem/t:Destination/t:CountryCode[$country and normalize-space() ne $country]">
            <xsl:sequence select="rc:failure('DD-002', rc:path(.), normalize-space(.), 'Goods of ' || rc:where(.) || ' go to '
                || normalize-space(.) || ' but the import certificate is of ' || $country
                || ': an export licence for a dangerous drug is for the one country whose import certificate it cites')"/>
          </xsl:for-each>
        </xsl:if>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
