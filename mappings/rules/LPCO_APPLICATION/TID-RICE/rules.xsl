<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type TID-RICE only (TID, import/export licence for rice, a reserved commodity under Cap. 296);
  they run after ../rules.xsl (the rules of every LPCO application). See README.md next to this file.
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
        <!-- RICE-001 a rice licence covers rice: HS heading 10.06 -->
        <xsl:for-each select="t:GoodsItem/t:Commodity/t:Classification/t:ID[normalize-space()][not(starts-with(normalize-space(.), '1006'))]">
          <xsl:sequence select="rc:failure('RICE-001', rc:path(.), normalize-space(.), 'HS code ''' || normalize-space(.)
              || ''' of goods line ' || rc:index(../../..) || ' is not rice (heading 10.06): a rice licence covers rice only')"/>
        </xsl:for-each>
        <!-- RICE-002 rice is licensed by weight: kilograms or tonnes -->
        <xsl:for-each select="t:GoodsItem/t:GoodsMeasure/t:TariffQuantity[not(@unitCode = ('KGM', 'TNE'))]">
          <xsl:sequence select="rc:failure('RICE-002', rc:path(.) || '/@unitCode', string(@unitCode), 'Quantity of goods line '
              || rc:index(../..) || ' is in ''' || (@unitCode, '(no unit)')[1] || ''': rice is licensed by weight, in KGM or TNE')"/>
        </xsl:for-each>
        <!-- RICE-003 only registered stockholders import rice: an import licence (911) needs the registration -->
        <xsl:if test="normalize-space(t:LPCOApplication/t:DocumentCode) = '911'">
          <xsl:sequence select="rc:required(t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'RiceStockholderRegistrationNumber']/t:Value[normalize-space()],
              'RICE-003', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''RiceStockholderRegistrationNumber'']',
              'An import licence for rice (document code 911) needs the rice stockholder registration number (data item RiceStockholderRegistrationNumber)')"/>
        </xsl:if>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
