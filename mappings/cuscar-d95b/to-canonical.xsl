<?xml version="1.0" encoding="UTF-8"?>
<!--
  CUSCAR D.95B -> canonical TradeDocument (CARGO_MANIFEST). All mapping rules are in ../common/edifact-common.xsl;
  this file only says where the D.95B message structure puts each segment group (see README.md for the MIG).
  In D.95B the header NAD segments are not grouped (they sit directly in the message).
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tsw="urn:hk:tsw:xslt:edifact-common"
                exclude-result-prefixes="#all">

  <xsl:include href="../common/edifact-common.xsl"/>

  <!-- D.95B CUSCAR segment groups (UNECE message structure, section 4.3); '' = no group -->
  <xsl:variable name="groups" as="map(xs:string, xs:string)" select="map{
      'party':            '',  (: header NAD :)
      'transport':        'SegGrp-1',  (: TDT-LOC-DTM :)
      'equipment':        'SegGrp-2',  (: EQD-TSR-MEA-DIM-SEL-NAD-... :)
      'consignment':      'SegGrp-4',  (: CNI-CNT-... :)
      'consignmentRef':   'SegGrp-5',  (: RFF-CNT-MOA-LOC-GIS-CUX-CPI-..., inside CNI :)
      'consignmentParty': 'SegGrp-7',  (: NAD-..., inside the RFF group :)
      'item':             'SegGrp-10',  (: GID-PAC-HAN-FTX-MEA-MOA-SGP-DGS-PCI-CST-..., inside the RFF group :)
      'itemDocument':     'SegGrp-11'   (: GIS-DOC, inside the GID group :)
    }"/>

  <xsl:template match="/">
    <xsl:call-template name="tsw:cuscar">
      <xsl:with-param name="message" select="tsw:message(., 'CUSCAR')"/>
      <xsl:with-param name="groups" select="$groups"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
