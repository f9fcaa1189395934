<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type CED-CHEM only (C&ED, import authorization for controlled chemicals under the Control of
  Chemicals Ordinance, Cap. 145); they run after ../rules.xsl (the rules of every LPCO application).
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

  <!-- units that say how much chemical: mass (UN/ECE Rec 20 KGM, GRM, TNE) or volume (LTR, MLT, MTQ) -->
  <xsl:variable name="mass-or-volume" select="('KGM', 'GRM', 'TNE', 'LTR', 'MLT', 'MTQ')"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <xsl:variable name="data" select="t:LPCOApplication/t:LicenceData/t:Item"/>
        <!-- CHEM-001 import authorizations go to importers licensed by C&ED only -->
        <xsl:sequence select="rc:required($data[t:Name = 'ControlledChemicalsImporterLicenceNumber']/t:Value[normalize-space()],
            'CHEM-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ControlledChemicalsImporterLicenceNumber'']',
            'The application gives no controlled chemicals importer licence number (data item ControlledChemicalsImporterLicenceNumber): only licensed importers get an import authorization')"/>
        <!-- CHEM-002 an import authorization is for chemicals of Schedule 1 or 2 to Cap. 145 -->
        <xsl:sequence select="rc:required($data[t:Name = 'ControlledChemicalSchedule'], 'CHEM-002',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ControlledChemicalSchedule'']',
            'The application does not say which Schedule to Cap. 145 the chemicals are in (data item ControlledChemicalSchedule)')"/>
        <xsl:for-each select="$data[t:Name = 'ControlledChemicalSchedule']/t:Value[not(normalize-space() = ('1', '2'))]">
          <xsl:sequence select="rc:failure('CHEM-002', rc:path(.), normalize-space(.), 'Schedule '''
              || normalize-space(.) || ''' is not 1 or 2: an import authorization covers the chemicals of Schedules 1 and 2 to Cap. 145')"/>
        </xsl:for-each>
        <!-- CHEM-003 the quantity of chemical by weight or volume -->
        <xsl:for-each select="t:GoodsItem/t:GoodsMeasure/t:TariffQuantity[not(@unitCode = $mass-or-volume)]">
          <xsl:sequence select="rc:failure('CHEM-003', rc:path(.) || '/@unitCode', string(@unitCode), 'Quantity of goods line '
              || rc:index(../..) || ' is in ''' || (@unitCode, '(no unit)')[1] || ''': give the chemical by weight (KGM, GRM, TNE) or volume (LTR, MLT, MTQ)')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
