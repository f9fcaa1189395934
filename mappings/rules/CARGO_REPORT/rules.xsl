<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business rules for canonical documents of type CARGO_REPORT (the cargo report and the advance cargo information):
  CREP-* here, plus the rules for every document (CMN-*) from ../common/rules-common.xsl; the transport mode's own
  rules (MODE-4 air, MODE-3 road) run after these. See README.md for the table.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                exclude-result-prefixes="t rc">

  <xsl:include href="../common/rules-common.xsl"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <!-- CREP-001 the conveyance and its transport mode: the report is per conveyance and the mode picks its rules -->
        <xsl:sequence select="rc:required(t:BorderTransportMeans/t:ModeCode[normalize-space()], 'CREP-001',
            '/TradeDocument/BorderTransportMeans/ModeCode',
            'The cargo report does not give the transport mode of the conveyance (TDT C220 8067, UN/ECE Rec 19)')"/>
        <!-- CREP-002 at least one consignment, each with its transport contract document -->
        <xsl:sequence select="rc:required(t:Consignment, 'CREP-002', '/TradeDocument/Consignment',
            'The cargo report has no consignment')"/>
        <xsl:for-each select="t:Consignment[empty(t:TransportContractDocument/t:ID[normalize-space()])]">
          <xsl:sequence select="rc:failure('CREP-002', rc:path(.) || '/TransportContractDocument/ID', (),
              'Consignment ' || rc:index(.) || ' has no transport contract document (bill of lading, air waybill or consignment note) number')"/>
        </xsl:for-each>
        <!-- CREP-003 each consignment names its consignor and consignee (Cap. 60C particulars) -->
        <xsl:for-each select="t:Consignment">
          <xsl:variable name="c" select="."/>
          <xsl:for-each select="('CONSIGNOR', 'CONSIGNEE')[not(. = $c/t:Party[t:Name[normalize-space()]]/@role)]">
            <xsl:sequence select="rc:failure('CREP-003', rc:path($c) || '/Party[@role=''' || . || ''']/Name', (),
                'Consignment ' || rc:index($c) || ' does not name its ' || lower-case(.) || ' (NAD ' || (if (. eq 'CONSIGNOR') then 'CZ' else 'CN') || ')')"/>
          </xsl:for-each>
        </xsl:for-each>
        <xsl:call-template name="rc:common-rules"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
