<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type EPD-ODS only (EPD, licence to import or export ozone depleting substances under the Ozone
  Layer Protection Ordinance, Cap. 403); they run after ../rules.xsl (the rules of every LPCO application).
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

  <!-- The seven categories of scheduled substances of Cap. 403. -->
  <xsl:variable name="categories" as="xs:string+" select="('CFC', 'HALON', 'METHYL CHLOROFORM', 'CARBON TETRACHLORIDE',
      'METHYL BROMIDE', 'HBFC', 'HCFC')"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <xsl:variable name="data" select="t:LPCOApplication/t:LicenceData/t:Item"/>
        <!-- ODS-001 the category of the scheduled substance -->
        <xsl:variable name="category" select="$data[t:Name = 'SubstanceCategory']"/>
        <xsl:sequence select="rc:required($category/t:Value[normalize-space()], 'ODS-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''SubstanceCategory'']',
            'The application gives no category of the ozone depleting substance (data item SubstanceCategory)')"/>
        <xsl:for-each select="$category/t:Value[normalize-space()][not(upper-case(normalize-space(.)) = $categories)]">
          <xsl:sequence select="rc:failure('ODS-001', rc:path(.), normalize-space(.), 'Substance category ''' || normalize-space(.)
              || ''' is not a category of scheduled substances of the Ozone Layer Protection Ordinance; give one of: ' || string-join($categories, ', '))"/>
        </xsl:for-each>
        <!-- ODS-002 methyl bromide: AFCD's permit for its use for quarantine comes before the import licence -->
        <xsl:if test="upper-case(normalize-space($category/t:Value)) = 'METHYL BROMIDE'
                      and not($data[t:Name = 'QuarantineUsePermitNumber']/t:Value[normalize-space()])">
          <xsl:sequence select="rc:failure('ODS-002', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''QuarantineUsePermitNumber'']', (),
              'Methyl bromide is licensed only with AFCD''s permit for its use for quarantine: give that permit''s number'
              || ' (data item QuarantineUsePermitNumber)')"/>
        </xsl:if>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
