<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type AFCD-ANIMAL-PROD only (AFCD: import permit for animal carcasses and animal products, s.11 of
  the Rabies Regulation, Cap. 421); they run after ../rules.xsl (the rules of every LPCO application).
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
        <!-- APRD-001 an import permit: the goods come into Hong Kong -->
        <xsl:for-each select="t:LPCOApplication/t:DocumentCode[normalize-space() and normalize-space() ne '911']">
          <xsl:sequence select="rc:failure('APRD-001', rc:path(.), normalize-space(.), 'Document code ''' || normalize-space(.)
              || ''' is not an import permit (911): AFCD permits the import of animal carcasses and animal products')"/>
        </xsl:for-each>
        <xsl:for-each select="t:GoodsItem/t:Destination/t:CountryCode[normalize-space() and normalize-space() ne 'HK']">
          <xsl:sequence select="rc:failure('APRD-001', rc:path(.), normalize-space(.), 'Goods of ' || rc:where(.) || ' go to '
              || normalize-space(.) || ': the permit covers imports into Hong Kong only')"/>
        </xsl:for-each>
        <!-- APRD-002 the animal species and the kind of product: a carcass or an animal product (a live animal needs AFCD's special permit) -->
        <xsl:sequence select="rc:required($data[t:Name = 'AnimalSpecies']/t:Value[normalize-space()], 'APRD-002',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''AnimalSpecies'']',
            'The application does not name the animal species the carcass or product comes from (data item AnimalSpecies)')"/>
        <xsl:variable name="kind" select="$data[t:Name = 'ProductKind']"/>
        <xsl:sequence select="rc:required($kind, 'APRD-002', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ProductKind'']',
            'The application does not say whether it is for a CARCASS or an ANIMAL PRODUCT (data item ProductKind)')"/>
        <xsl:for-each select="$kind[not(upper-case(normalize-space(t:Value)) = ('CARCASS', 'ANIMAL PRODUCT'))]">
          <xsl:sequence select="rc:failure('APRD-002', rc:path(t:Value), normalize-space(t:Value), 'Product kind '''
              || normalize-space(t:Value) || ''' is neither CARCASS nor ANIMAL PRODUCT: live animals and birds need AFCD''s special permit, not this one')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
