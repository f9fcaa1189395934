<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type DH-RSIA only (DH, Radiation Health Division: import licence for radioactive substances and
  irradiating apparatus); they run after ../rules.xsl (the rules of every LPCO application).
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
        <!-- RSIA-001 the licence covers imports into Hong Kong only: exports are not licensed -->
        <xsl:for-each select="t:LPCOApplication/t:DocumentCode[normalize-space() and normalize-space() ne '911']">
          <xsl:sequence select="rc:failure('RSIA-001', rc:path(.), normalize-space(.), 'Document code ''' || normalize-space(.)
              || ''' is not an import licence (911): radioactive substances and irradiating apparatus are licensed for import only')"/>
        </xsl:for-each>
        <xsl:for-each select="t:GoodsItem/t:Destination/t:CountryCode[normalize-space() and normalize-space() ne 'HK']">
          <xsl:sequence select="rc:failure('RSIA-001', rc:path(.), normalize-space(.), 'Goods of ' || rc:where(.) || ' go to '
              || normalize-space(.) || ': this licence covers imports into Hong Kong only, exports are not licensed')"/>
        </xsl:for-each>
        <!-- RSIA-002 a radioactive substance: its radionuclide and its activity in becquerel (BQL, 2Q kBq, 4N MBq, GBQ) -->
        <xsl:variable name="kind" select="upper-case(normalize-space($data[t:Name = 'ItemKind'][1]/t:Value))"/>
        <xsl:sequence select="rc:required($data[t:Name = 'ItemKind']/t:Value[normalize-space()], 'RSIA-002',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ItemKind'']',
            'The application does not say whether it is for a RADIOACTIVE SUBSTANCE or an IRRADIATING APPARATUS (data item ItemKind)')"/>
        <xsl:if test="$kind = 'RADIOACTIVE SUBSTANCE'">
          <xsl:sequence select="rc:required($data[t:Name = 'Radionuclide']/t:Value[normalize-space()], 'RSIA-002',
              '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''Radionuclide'']',
              'A radioactive substance needs its radionuclide, e.g. Co-60 (data item Radionuclide)')"/>
          <xsl:variable name="activity" select="$data[t:Name = 'Activity']"/>
          <xsl:sequence select="rc:required($activity, 'RSIA-002', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''Activity'']',
              'A radioactive substance needs its activity in becquerel (data item Activity)')"/>
          <xsl:for-each select="$activity[not(rc:number(t:Value) gt 0 and t:Unit = ('BQL', '2Q', '4N', 'GBQ'))]">
            <xsl:sequence select="rc:failure('RSIA-002', rc:path(t:Value), normalize-space(t:Value), 'Activity '''
                || normalize-space(t:Value) || ''' ' || (t:Unit, '(no unit)')[1]
                || ' must be a number above zero in becquerel: BQL, 2Q (kBq), 4N (MBq) or GBQ')"/>
          </xsl:for-each>
        </xsl:if>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
