<?xml version="1.0" encoding="UTF-8"?>
<!--
  CUSCAR D.96B -> canonical TradeDocument (CARGO_REPORT: the cargo report and the advance cargo information by air
  and road). All mapping rules are in ../common/edifact-common.xsl (the same CUSCAR logic as the manifest folders);
  this file only says where the D.96B message structure puts each segment group (see README.md for the MIG).
  D.96B puts the header RFF into group 1 (RFF-DTM), which shifts every later group number by one against D.96A.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tsw="urn:hk:tsw:xslt:edifact-common"
                exclude-result-prefixes="#all">

  <xsl:include href="../common/edifact-common.xsl"/>

  <!-- D.96B CUSCAR segment groups (UNECE message structure, section 4.3); '' = no group -->
  <xsl:variable name="groups" as="map(xs:string, xs:string)" select="map{
      'party':            'SegGrp-2',  (: header NAD-SG3 :)
      'transport':        'SegGrp-4',  (: TDT-LOC-DTM-GIS :)
      'equipment':        'SegGrp-5',  (: EQD-TSR-MEA-DIM-SEL-NAD-GIS-SG6 :)
      'consignment':      'SegGrp-7',  (: CNI-CNT-SG8 :)
      'consignmentRef':   'SegGrp-8',  (: RFF-CNT-MOA-LOC-GIS-CUX-CPI-..., inside CNI :)
      'consignmentParty': 'SegGrp-11', (: NAD-DTM-RFF-SG12, inside the RFF group :)
      'item':             'SegGrp-14', (: GID-PAC-HAN-FTX-MEA-MOA-SGP-DGS-PCI-CST-..., inside the RFF group :)
      'itemDocument':     'SegGrp-15'  (: GIS-DTM-DOC, inside the GID group :)
    }"/>

  <xsl:template match="/">
    <xsl:call-template name="tsw:cuscar">
      <xsl:with-param name="message" select="tsw:message(., 'CUSCAR')"/>
      <xsl:with-param name="groups" select="$groups"/>
      <xsl:with-param name="document-type" select="'CARGO_REPORT'"/>
      <xsl:with-param name="transport-dates" select="true()"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
