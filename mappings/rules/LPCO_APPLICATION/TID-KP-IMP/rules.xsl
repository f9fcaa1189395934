<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type TID-KP-IMP only (TID, Kimberley Process Certificate (Import) for rough diamonds); they run
  after ../rules.xsl (the rules of every LPCO application). See README.md next to this file.
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
        <!-- KPI-001 a KP Certificate covers rough diamonds only: HS 7102.10, 7102.21, 7102.31 -->
        <xsl:for-each select="t:GoodsItem/t:Commodity/t:Classification/t:ID[normalize-space()]
                              [not(matches(normalize-space(.), '^7102(10|21|31)'))]">
          <xsl:sequence select="rc:failure('KPI-001', rc:path(.), normalize-space(.), 'HS code ''' || normalize-space(.)
              || ''' of goods line ' || rc:index(../../..) || ' is not rough diamonds (7102.10, 7102.21 or 7102.31): a KP Certificate covers rough diamonds only')"/>
        </xsl:for-each>
        <!-- KPI-002 the weight of rough diamonds in metric carats (UN/ECE Rec 20 CTM) -->
        <xsl:for-each select="t:GoodsItem/t:GoodsMeasure/t:TariffQuantity[not(@unitCode = 'CTM')]">
          <xsl:sequence select="rc:failure('KPI-002', rc:path(.) || '/@unitCode', string(@unitCode), 'Quantity of goods line '
              || rc:index(../..) || ' is in ''' || (@unitCode, '(no unit)')[1] || ''': rough diamonds are declared in metric carats (CTM)')"/>
        </xsl:for-each>
        <!-- KPI-003 the importer is a registered rough diamond trader, and the shipment has the exporting Participant's KP Certificate -->
        <xsl:sequence select="rc:required(t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'RoughDiamondTraderRegistrationNumber']/t:Value[normalize-space()],
            'KPI-003', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''RoughDiamondTraderRegistrationNumber'']',
            'The application gives no rough diamond trader registration number (data item RoughDiamondTraderRegistrationNumber)')"/>
        <xsl:sequence select="rc:required(t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'ExportingKPCertificateNumber']/t:Value[normalize-space()],
            'KPI-003', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ExportingKPCertificateNumber'']',
            'The application gives no KP Certificate of the exporting Participant (data item ExportingKPCertificateNumber)')"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
