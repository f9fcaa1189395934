<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type EPD-WASTE only (EPD, permit to import or export waste under the Waste Disposal Ordinance,
  Cap. 354, tied in with the Basel Convention); they run after ../rules.xsl (the rules of every LPCO application).
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
        <!-- WST-001 the waste's Basel code: Annex VIII (A1010-A4160) or Annex IX (B1010-B4030); a Y-code Y1-Y48 -->
        <xsl:variable name="basel" select="$data[t:Name = 'BaselWasteCode']"/>
        <xsl:sequence select="rc:required($basel/t:Value[normalize-space()], 'WST-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''BaselWasteCode'']',
            'The application gives no Basel Annex VIII or IX code of the waste (data item BaselWasteCode)')"/>
        <xsl:for-each select="$basel/t:Value[normalize-space()][not(matches(normalize-space(.), '^[AB][1-4][0-9]{3}$'))]">
          <xsl:sequence select="rc:failure('WST-001', rc:path(.), normalize-space(.), 'Basel waste code ''' || normalize-space(.)
              || ''' is not an Annex VIII (A1010 to A4160) or Annex IX (B1010 to B4030) code')"/>
        </xsl:for-each>
        <xsl:for-each select="$data[t:Name = 'YCode']/t:Value[not(matches(normalize-space(.), '^Y([1-9]|[1-3][0-9]|4[0-8])$'))]">
          <xsl:sequence select="rc:failure('WST-001', rc:path(.), normalize-space(.), 'Y-code ''' || normalize-space(.)
              || ''' is not a Basel category of waste (Y1 to Y48)')"/>
        </xsl:for-each>
        <!-- WST-002 what happens to the waste: a Basel Annex IV operation, disposal D1-D15 or recovery R1-R13 -->
        <xsl:variable name="operation" select="$data[t:Name = 'DisposalRecoveryOperation']"/>
        <xsl:sequence select="rc:required($operation/t:Value[normalize-space()], 'WST-002',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''DisposalRecoveryOperation'']',
            'The application does not say how the waste will be disposed of or recovered (data item DisposalRecoveryOperation, D1 to D15 or R1 to R13)')"/>
        <xsl:for-each select="$operation/t:Value[normalize-space()][not(matches(normalize-space(.), '^(D([1-9]|1[0-5])|R([1-9]|1[0-3]))$'))]">
          <xsl:sequence select="rc:failure('WST-002', rc:path(.), normalize-space(.), 'Disposal or recovery operation ''' || normalize-space(.)
              || ''' is not a Basel Annex IV code: disposal D1 to D15 or recovery R1 to R13')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
