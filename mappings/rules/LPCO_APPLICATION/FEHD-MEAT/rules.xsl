<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type FEHD-MEAT only (FEHD, import licence for frozen or chilled meat and poultry, issued under
  delegation from TID, Cap. 60A); they run after ../rules.xsl (the rules of every LPCO application).
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

  <!-- The kinds the licence covers (WTO import licensing notification of Hong Kong, China). -->
  <xsl:variable name="meat-kinds" as="xs:string+" select="('BEEF', 'MUTTON', 'PORK', 'VEAL', 'LAMB', 'OFFAL',
      'DOMESTIC FOWL', 'DUCK', 'GOOSE', 'TURKEY')"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <xsl:variable name="data" select="t:LPCOApplication/t:LicenceData/t:Item"/>
        <!-- MEAT-001 the kind of meat or poultry, one the licence covers -->
        <xsl:variable name="kind" select="$data[t:Name = 'MeatKind']"/>
        <xsl:sequence select="rc:required($kind/t:Value[normalize-space()], 'MEAT-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''MeatKind'']',
            'The application gives no kind of meat or poultry (data item MeatKind)')"/>
        <xsl:for-each select="$kind/t:Value[normalize-space()][not(upper-case(normalize-space(.)) = $meat-kinds)]">
          <xsl:sequence select="rc:failure('MEAT-001', rc:path(.), normalize-space(.), 'Meat kind ''' || normalize-space(.)
              || ''' is not one this licence covers: ' || string-join($meat-kinds, ', '))"/>
        </xsl:for-each>
        <!-- MEAT-002 frozen or chilled meat: each line under HS headings 0201 to 0208, stored CHILLED or FROZEN -->
        <xsl:for-each select="t:GoodsItem/t:Commodity/t:Classification[not(@listID) or @listID = 'HS']/t:ID
                              [matches(., '^[0-9]{6,10}$')][not(substring(., 1, 4) = ('0201', '0202', '0203', '0204', '0205', '0206', '0207', '0208'))]">
          <xsl:sequence select="rc:failure('MEAT-002', rc:path(.), string(.), 'HS code ''' || . || ''' of ' || rc:where(.)
              || ' is not chilled or frozen meat, offal or poultry (headings 0201 to 0208): this licence does not cover it')"/>
        </xsl:for-each>
        <xsl:for-each select="$data[t:Name = 'StorageCondition'][not(normalize-space(t:Value) = ('CHILLED', 'FROZEN'))]">
          <xsl:sequence select="rc:failure('MEAT-002', rc:path(t:Value), normalize-space(t:Value), 'Storage condition '''
              || normalize-space(t:Value) || ''' must be CHILLED or FROZEN: the licence covers frozen or chilled meat and poultry')"/>
        </xsl:for-each>
        <xsl:sequence select="rc:required($data[t:Name = 'StorageCondition'], 'MEAT-002',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''StorageCondition'']',
            'The application does not say whether the meat is CHILLED or FROZEN (data item StorageCondition)')"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
