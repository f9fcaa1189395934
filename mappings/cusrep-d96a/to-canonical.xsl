<?xml version="1.0" encoding="UTF-8"?>
<!--
  CUSREP D.96A (UN/EDIFACT Customs conveyance report message) -> canonical TradeDocument of type CONVEYANCE_REPORT.
  D.96A CUSREP has the same segment groups as D.99A (SG2 LOC-DTM, SG5 NAD, SG8 TDT-TPL-DTM-SG9 LOC-DTM-QTY) but no
  POC segment (purpose of call), so the D.99A stylesheet maps it unchanged; README.md is this folder's MIG.
-->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../cusrep-d99a/to-canonical.xsl"/>
</xsl:stylesheet>
