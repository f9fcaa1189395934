<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type CED-ODMRE only (C&ED, import/export licence for optical disc mastering and replication
  equipment); they run after ../rules.xsl (the rules of every LPCO application). See README.md next to this file.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                exclude-result-prefixes="t rc xs">

  <xsl:include href="../../common/rules-common.xsl"/>

  <!-- supporting documents C&ED asks for (UN/EDIFACT 1001): import 705 bill of lading, 740 air waybill;
       export 315 contract, 380 commercial invoice, 340 shipping instructions (shipping order), 911 import licence -->
  <xsl:variable name="for-import" select="('705', '740')"/>
  <xsl:variable name="for-export" select="('315', '380', '340', '911')"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <xsl:variable name="code" select="normalize-space(t:LPCOApplication/t:DocumentCode)"/>
        <xsl:variable name="docs" select="t:LPCOApplication/t:SupportingDocument/t:TypeCode/normalize-space()"/>
        <!-- ODM-001 an import (911) or an export (811) licence -->
        <xsl:if test="not($code = ('811', '911'))">
          <xsl:sequence select="rc:failure('ODM-001', '/TradeDocument/LPCOApplication/DocumentCode', $code, 'The application must say whether it is for an import licence (document code 911) or an export licence (811), not '''
              || ($code[. != ''], 'nothing')[1] || '''')"/>
        </xsl:if>
        <!-- ODM-002 the supporting document C&ED requires for the direction -->
        <xsl:if test="$code = '911' and not($docs = $for-import)">
          <xsl:sequence select="rc:failure('ODM-002', '/TradeDocument/LPCOApplication/SupportingDocument', (),
              'An import licence needs the bill of lading (705) or air waybill (740) as a supporting document')"/>
        </xsl:if>
        <xsl:if test="$code = '811' and not($docs = $for-export)">
          <xsl:sequence select="rc:failure('ODM-002', '/TradeDocument/LPCOApplication/SupportingDocument', (),
              'An export licence needs the contract of sale (315), invoice (380), shipping order (340) or import authorization (911) as a supporting document')"/>
        </xsl:if>
        <!-- ODM-003 the equipment licensed: mastering or replication equipment -->
        <xsl:variable name="type" select="t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'EquipmentType']"/>
        <xsl:sequence select="rc:required($type, 'ODM-003', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''EquipmentType'']',
            'The application does not say whether the equipment is for mastering or replication (data item EquipmentType)')"/>
        <xsl:for-each select="$type/t:Value[not(normalize-space() = ('MASTERING', 'REPLICATION'))]">
          <xsl:sequence select="rc:failure('ODM-003', rc:path(.), normalize-space(.), 'Equipment type ''' || normalize-space(.)
              || ''' is not MASTERING or REPLICATION: the licence covers optical disc mastering and replication equipment only')"/>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
