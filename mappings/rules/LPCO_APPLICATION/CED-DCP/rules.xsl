<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type CED-DCP only (C&ED, dutiable commodities permit under the Dutiable Commodities Ordinance,
  Cap. 109); they run after ../rules.xsl (the rules of every LPCO application). See README.md next to this file.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                exclude-result-prefixes="t rc xs">

  <xsl:include href="../../common/rules-common.xsl"/>

  <!-- the permit types GETS offers: black (duty-paid), green (removal), red (export, ships' stores) -->
  <xsl:variable name="permit-types" select="('DUTY-PAID', 'REMOVAL', 'EXPORT', 'SHIPS-STORES')"/>
  <!-- dutiable commodities by HS: liquors (2203-2208), tobacco (chapter 24), hydrocarbon oil (2710), methyl alcohol (290511) -->
  <xsl:variable name="dutiable" select="'^(220[3-8]|24|2710|290511)'"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <xsl:variable name="data" select="t:LPCOApplication/t:LicenceData/t:Item"/>
        <!-- DCP-001 which permit: DUTY-PAID, REMOVAL, EXPORT or SHIPS-STORES -->
        <xsl:sequence select="rc:required($data[t:Name = 'PermitType'], 'DCP-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''PermitType'']',
            'The application does not say which permit it is for (data item PermitType: DUTY-PAID, REMOVAL, EXPORT or SHIPS-STORES)')"/>
        <xsl:for-each select="$data[t:Name = 'PermitType']/t:Value[not(normalize-space() = $permit-types)]">
          <xsl:sequence select="rc:failure('DCP-001', rc:path(.), normalize-space(.), 'Permit type ''' || normalize-space(.)
              || ''' is not DUTY-PAID (black), REMOVAL (green), EXPORT or SHIPS-STORES (red)')"/>
        </xsl:for-each>
        <!-- DCP-002 a dutiable commodities permit covers dutiable commodities only -->
        <xsl:for-each select="t:GoodsItem/t:Commodity/t:Classification/t:ID[normalize-space()][not(matches(normalize-space(.), $dutiable))]">
          <xsl:sequence select="rc:failure('DCP-002', rc:path(.), normalize-space(.), 'HS code ''' || normalize-space(.)
              || ''' of goods line ' || rc:index(../../..) || ' is not a dutiable commodity (liquor 2203-2208, tobacco 24, hydrocarbon oil 2710, methyl alcohol 2905.11)')"/>
        </xsl:for-each>
        <!-- DCP-003 the applicant's C&ED licence for dutiable commodities -->
        <xsl:sequence select="rc:required($data[t:Name = 'DutiableCommoditiesLicenceNumber']/t:Value[normalize-space()], 'DCP-003',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''DutiableCommoditiesLicenceNumber'']',
            'The application gives no C&amp;ED dutiable commodities licence number (data item DutiableCommoditiesLicenceNumber)')"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
