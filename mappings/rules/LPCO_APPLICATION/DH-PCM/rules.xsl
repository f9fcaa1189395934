<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type DH-PCM only (DH, import/export licence for proprietary Chinese medicines); they run after
  ../rules.xsl (the rules of every LPCO application). See README.md next to this file.
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
        <!-- PCM-001 the pCm's registration with the Chinese Medicines Board: HKC-nnnnn (registered) or HKP-nnnnn
             (transitional registration); a pharmaceutical product's HK-nnnnn is not one -->
        <xsl:variable name="reg" select="t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'PcmRegistrationNumber']"/>
        <xsl:sequence select="rc:required($reg/t:Value[normalize-space()], 'PCM-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''PcmRegistrationNumber'']',
            'The application gives no registration number of the proprietary Chinese medicine (data item PcmRegistrationNumber)')"/>
        <xsl:for-each select="$reg/t:Value[normalize-space()][not(matches(normalize-space(.), '^HK[CP]-[0-9]{5}$'))]">
          <xsl:sequence select="rc:failure('PCM-001', rc:path(.), normalize-space(.), 'Registration number ''' || normalize-space(.)
              || ''' is not a proprietary Chinese medicine registration (HKC- or HKP- followed by 5 digits)'
              || (if (matches(normalize-space(.), '^HK-[0-9]+$')) then '; HK- numbers register pharmaceutical products' else ''))"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
