<?xml version="1.0" encoding="UTF-8"?>
<!--
  CUSCAR D.96A -> canonical TradeDocument (CARGO_MANIFEST). All mapping rules are in ../common/edifact-common.xsl;
  this file only says where the D.96A message structure puts each segment group (see README.md for the MIG).
  D.96A puts the header NAD into group 1 (NAD-CTA-COM), which shifts every later group number by two against D.95B.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tsw="urn:hk:tsw:xslt:edifact-common"
                exclude-result-prefixes="#all">

  <xsl:include href="../common/edifact-common.xsl"/>

  <!-- D.96A CUSCAR segment groups (UNECE message structure, section 4.3); '' = no group -->
  <xsl:variable name="groups" as="map(xs:string, xs:string)" select="map{
      'party':            'SegGrp-1',  (: header NAD :)
      'transport':        'SegGrp-3',  (: TDT-LOC-DTM :)
      'equipment':        'SegGrp-4',  (: EQD-TSR-MEA-DIM-SEL-NAD-... :)
      'consignment':      'SegGrp-6',  (: CNI-CNT-... :)
      'consignmentRef':   'SegGrp-7',  (: RFF-CNT-MOA-LOC-GIS-CUX-CPI-..., inside CNI :)
      'consignmentParty': 'SegGrp-10',  (: NAD-..., inside the RFF group :)
      'item':             'SegGrp-13',  (: GID-PAC-HAN-FTX-MEA-MOA-SGP-DGS-PCI-CST-..., inside the RFF group :)
      'itemDocument':     'SegGrp-14'   (: GIS-DOC, inside the GID group :)
    }"/>

  <xsl:template match="/">
    <xsl:call-template name="tsw:cuscar">
      <xsl:with-param name="message" select="tsw:message(., 'CUSCAR')"/>
      <xsl:with-param name="groups" select="$groups"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
