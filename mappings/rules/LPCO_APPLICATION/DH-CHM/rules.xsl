<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type DH-CHM only (DH, Chinese Medicine Regulatory Office: import/export licence for the Chinese
  herbal medicines of Schedules 1 and 2 of the Chinese Medicine Ordinance, Cap. 60A); they run after ../rules.xsl
  (the rules of every LPCO application). See README.md next to this file.
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
        <!-- DCHM-001 the herb and its schedule: only the 36 herbs of Schedules 1 and 2 are licensed -->
        <xsl:sequence select="rc:required($data[t:Name = 'ChineseHerbalMedicineName']/t:Value[normalize-space()], 'DCHM-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''ChineseHerbalMedicineName'']',
            'The application does not name the Chinese herbal medicine (data item ChineseHerbalMedicineName)')"/>
        <xsl:variable name="schedule" select="$data[t:Name = 'CmoSchedule']"/>
        <xsl:sequence select="rc:required($schedule, 'DCHM-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''CmoSchedule'']',
            'The application does not say in which schedule of the Chinese Medicine Ordinance the herb is (data item CmoSchedule: 1 or 2)')"/>
        <!-- DCHM-002 the schedule is 1 or 2 -->
        <xsl:for-each select="$schedule[not(normalize-space(t:Value) = ('1', '2'))]">
          <xsl:sequence select="rc:failure('DCHM-002', rc:path(t:Value), normalize-space(t:Value), 'Schedule ''' || normalize-space(t:Value)
              || ''' is not Schedule 1 or 2 of the Chinese Medicine Ordinance: only the herbs listed there need this licence')"/>
        </xsl:for-each>
        <!-- DCHM-003 a herb is licensed by weight: each line's quantity in kilograms, grams or tonnes -->
        <xsl:for-each select="t:GoodsItem/t:GoodsMeasure/t:TariffQuantity[not(@unitCode = ('KGM', 'GRM', 'TNE'))]">
          <xsl:sequence select="rc:failure('DCHM-003', rc:path(.), string(@unitCode), 'The quantity of ' || rc:where(.) || ' is in '''
              || (@unitCode, 'no unit')[1] || ''': a Chinese herbal medicine is licensed by weight (KGM, GRM or TNE)')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
