<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type AFCD-PEST only (AFCD, pesticide licence); they run after ../rules.xsl (the rules of every LPCO application).
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
        <!-- PEST-001 the pesticide's registration number under the Pesticides Ordinance (Cap. 133) -->
        <xsl:sequence select="rc:required(t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'PesticideRegistrationNumber']/t:Value[normalize-space()],
            'PEST-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''PesticideRegistrationNumber'']',
            'The application gives no pesticide registration number (data item PesticideRegistrationNumber)')"/>
        <!-- the number as AFCD prints it on registered pesticides' labels: 1P... (Part I) or 2P... (Part II) -->
        <xsl:for-each select="t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'PesticideRegistrationNumber']/t:Value
                              [normalize-space()][not(matches(normalize-space(.), '^[12]P[0-9]+$'))]">
          <xsl:sequence select="rc:failure('PEST-001', rc:path(.), normalize-space(.), 'Pesticide registration number '''
              || normalize-space(.) || ''' is not an AFCD registration (1P or 2P followed by digits)')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
