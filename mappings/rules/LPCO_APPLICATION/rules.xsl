<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business rules for canonical documents of type LPCO_APPLICATION (applications for licences, permits, certificates
  and other documents), whatever their LPCO type: LPCO-* here, plus the rules for every document (CMN-*) from
  ../common/rules-common.xsl. Each LPCO type's own rules are in the folder of its catalogue code beside this file
  (e.g. TID-SC-EXP/rules.xsl) and run after these. See README.md for the table.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                exclude-result-prefixes="t rc xs">

  <xsl:include href="../common/rules-common.xsl"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <!-- LPCO-001 the applicant, identified -->
        <xsl:sequence select="rc:required(t:Party[@role = 'APPLICANT']/t:ID[normalize-space()], 'LPCO-001',
            '/TradeDocument/Party[@role=''APPLICANT'']/ID', 'The application has no APPLICANT party with an ID')"/>
        <!-- LPCO-002 at least one goods line -->
        <xsl:sequence select="rc:required(t:GoodsItem, 'LPCO-002', '/TradeDocument/GoodsItem',
            'The application has no goods line')"/>
        <!-- LPCO-003 each goods line has its HS code and its quantity with unit -->
        <xsl:for-each select="t:GoodsItem[empty(t:Commodity/t:Classification/t:ID[normalize-space()])]">
          <xsl:sequence select="rc:failure('LPCO-003', rc:path(.) || '/Commodity/Classification/ID', (),
              'Goods line ' || rc:index(.) || ' has no HS code')"/>
        </xsl:for-each>
        <xsl:for-each select="t:GoodsItem[empty(t:GoodsMeasure/t:TariffQuantity)]">
          <xsl:sequence select="rc:failure('LPCO-004', rc:path(.) || '/GoodsMeasure/TariffQuantity', (),
              'Goods line ' || rc:index(.) || ' has no quantity with its unit')"/>
        </xsl:for-each>
        <xsl:for-each select="t:GoodsItem/t:GoodsMeasure/t:TariffQuantity[not(rc:number(.) gt 0)]">
          <xsl:sequence select="rc:failure('LPCO-004', rc:path(.), normalize-space(.),
              'Quantity of goods line ' || rc:index(../..) || ' must be a number greater than zero, not ''' || normalize-space(.) || '''')"/>
        </xsl:for-each>
        <!-- LPCO-005 requested validity: end not before start -->
        <xsl:for-each select="t:LPCOApplication/t:RequestedValidity[t:StartDate castable as xs:date and t:EndDate castable as xs:date]
                              [xs:date(t:EndDate) lt xs:date(t:StartDate)]">
          <xsl:sequence select="rc:failure('LPCO-005', rc:path(t:EndDate), string(t:EndDate),
              'The requested validity ends (' || t:EndDate || ') before it starts (' || t:StartDate || ')')"/>
        </xsl:for-each>
        <xsl:sequence select="rc:hs-code-format(., 'LPCO-006')"/>
        <xsl:call-template name="rc:common-rules"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
