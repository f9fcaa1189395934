<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type DH-PHARM only (DH, import/export licence for pharmaceutical products and medicines under the
  Pharmacy and Poisons Ordinance, Cap. 138); they run after ../rules.xsl (the rules of every LPCO application).
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
        <xsl:variable name="reg" select="$data[t:Name = 'ProductRegistrationNumber']/t:Value[normalize-space()]"/>
        <!-- PHRM-001 a registered product: its Pharmacy and Poisons Board registration HK-nnnnn (a pCm's HKC-/HKP-
             number belongs to the licence DH-PCM); an unregistered product: the purpose of its import or export -->
        <xsl:for-each select="$reg[not(matches(normalize-space(.), '^HK-[0-9]{5}$'))]">
          <xsl:sequence select="rc:failure('PHRM-001', rc:path(.), normalize-space(.), 'Registration number ''' || normalize-space(.)
              || ''' is not a pharmaceutical product registration (HK- followed by 5 digits)'
              || (if (matches(normalize-space(.), '^HK[CP]-')) then '; HKC- and HKP- register proprietary Chinese medicines: apply for DH-PCM' else ''))"/>
        </xsl:for-each>
        <xsl:if test="empty($reg) and not($data[t:Name = 'UnregisteredProductPurpose']/t:Value[normalize-space()])">
          <xsl:sequence select="rc:failure('PHRM-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ProductRegistrationNumber'']', (),
              'The application gives neither the product''s registration number (data item ProductRegistrationNumber) nor,'
              || ' for an unregistered product, the purpose of its import or export (data item UnregisteredProductPurpose)')"/>
        </xsl:if>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
