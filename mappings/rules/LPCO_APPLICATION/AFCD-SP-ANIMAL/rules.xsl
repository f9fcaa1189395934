<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type AFCD-SP-ANIMAL only (AFCD: special permit for the import, transit or transhipment of animals
  and birds, Cap. 139 and Cap. 421, form AF240); they run after ../rules.xsl (the rules of every LPCO application).
  See README.md next to this file.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                exclude-result-prefixes="t rc">

  <xsl:include href="../../common/rules-common.xsl"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <xsl:variable name="data" select="t:LPCOApplication/t:LicenceData/t:Item"/>
        <!-- SPA-001 the species and the head count: a whole number of animals or birds (NAR); the fee is per 50 birds -->
        <xsl:sequence select="rc:required($data[t:Name = 'AnimalSpecies']/t:Value[normalize-space()], 'SPA-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''AnimalSpecies'']',
            'The application does not name the species of the animals or birds (data item AnimalSpecies)')"/>
        <xsl:variable name="count" select="$data[t:Name = 'AnimalCount']"/>
        <xsl:sequence select="rc:required($count, 'SPA-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''AnimalCount'']',
            'The application does not give the number of animals or birds (data item AnimalCount)')"/>
        <xsl:for-each select="$count[not(matches(normalize-space(t:Value), '^[1-9][0-9]*$') and (not(t:Unit) or t:Unit = 'NAR'))]">
          <xsl:sequence select="rc:failure('SPA-001', rc:path(t:Value), normalize-space(t:Value), 'Number of animals '''
              || normalize-space(t:Value) || ''' ' || (t:Unit, '')[1] || ' must be a whole number of head above zero (unit NAR)')"/>
        </xsl:for-each>
        <!-- SPA-002 live animals and birds only: every line under HS chapter 01 -->
        <xsl:for-each select="t:GoodsItem/t:Commodity/t:Classification/t:ID[not(starts-with(normalize-space(), '01'))]">
          <xsl:sequence select="rc:failure('SPA-002', rc:path(.), normalize-space(.), 'HS code ' || normalize-space(.) || ' of '
              || rc:where(.) || ' is not a live animal (chapter 01): carcasses and animal products need AFCD''s import permit AFCD-ANIMAL-PROD')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
