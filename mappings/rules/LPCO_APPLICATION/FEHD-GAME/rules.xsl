<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type FEHD-GAME only (FEHD, permission to import game and prohibited meat under reg. 4(1)(b) of
  Cap. 132AK); they run after ../rules.xsl (the rules of every LPCO application). See README.md next to this file.
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
        <!-- GAME-001 game must come with a health certificate of a recognised issuing entity: its number and issuer -->
        <xsl:for-each select="('HealthCertificateNumber', 'HealthCertificateIssuer')">
          <xsl:variable name="name" select="."/>
          <xsl:if test="not($data[t:Name = $name]/t:Value[normalize-space()])">
            <xsl:sequence select="rc:failure('GAME-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''' || $name || ''']', (),
                'The application gives no ' || (if ($name = 'HealthCertificateNumber') then 'number' else 'issuing entity')
                || ' of the health certificate that must accompany game (data item ' || $name || ')')"/>
          </xsl:if>
        </xsl:for-each>
        <!-- GAME-002 the animal by its scientific name, genus and species (optionally subspecies), e.g. Cervus elaphus -->
        <xsl:variable name="species" select="$data[t:Name = 'ScientificName']"/>
        <xsl:sequence select="rc:required($species/t:Value[normalize-space()], 'GAME-002',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ScientificName'']',
            'The application gives no scientific name of the animal (data item ScientificName)')"/>
        <xsl:for-each select="$species/t:Value[normalize-space()][not(matches(normalize-space(.), '^[A-Z][a-z]+ [a-z]+( [a-z]+)?$'))]">
          <xsl:sequence select="rc:failure('GAME-002', rc:path(.), normalize-space(.), 'Scientific name ''' || normalize-space(.)
              || ''' is not a genus and species such as Cervus elaphus (a capitalised genus, then the species in lower case)')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
