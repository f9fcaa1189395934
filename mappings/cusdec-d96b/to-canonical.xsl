<?xml version="1.0" encoding="UTF-8"?>
<!--
  CUSDEC D.96B -> canonical TradeDocument. All mapping rules are in ../common/edifact-common.xsl; this file
  only says where the D.96B message structure puts each segment group (see README.md for the MIG).
  D.96B numbers its CUSDEC groups exactly as D.96A (it only adds a header FTX), so the map is the same.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tsw="urn:hk:tsw:xslt:edifact-common"
                exclude-result-prefixes="#all">

  <xsl:include href="../common/edifact-common.xsl"/>

  <!-- D.96B CUSDEC segment groups (UNECE TRMD CUSDEC_D.96B, section 4.3) -->
  <xsl:variable name="groups" as="map(xs:string, xs:string)" select="map{
      'party':         'SegGrp-6',   (: NAD-RFF-CTA-COM, header parties :)
      'transport':     'SegGrp-4',   (: TDT-TPL :)
      'headerAmount':  'SegGrp-8',   (: MOA-SG9 :)
      'item':          'SegGrp-30',  (: CST-FTX-LOC-DTM-MEA-NAD-TDT-SG31..SG48, goods item :)
      'itemPackage':   'SegGrp-31',  (: PAC-SG32 :)
      'itemPackageId': 'SegGrp-32',  (: PCI-FTX :)
      'itemAmount':    'SegGrp-33',  (: MOA-SG34 :)
      'itemDocument':  'SegGrp-37'   (: DOC-DTM-LOC-NAD :)
    }"/>

  <xsl:template match="/">
    <xsl:call-template name="tsw:cusdec">
      <xsl:with-param name="message" select="tsw:message(., 'CUSDEC')"/>
      <xsl:with-param name="groups" select="$groups"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
