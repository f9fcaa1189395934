<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type AFCD-ES only (AFCD, licence to import, export or re-export endangered species under
  Cap. 586, which implements CITES); they run after ../rules.xsl (the rules of every LPCO application).
  See README.md next to this file.
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
        <xsl:variable name="data" select="t:LPCOApplication/t:LicenceData/t:Item"/>
        <!-- AES-001 the CITES appendix the species is listed in, written as the Convention writes it: I, II or III -->
        <xsl:variable name="appendix" select="$data[t:Name = 'CitesAppendix']"/>
        <xsl:sequence select="rc:required($appendix, 'AES-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''CitesAppendix'']',
            'The application gives no CITES appendix of the species (data item CitesAppendix: I, II or III)')"/>
        <xsl:for-each select="$appendix/t:Value[not(normalize-space(.) = ('I', 'II', 'III'))]">
          <xsl:sequence select="rc:failure('AES-001', rc:path(.), normalize-space(.), 'CITES appendix ''' || normalize-space(.)
              || ''' is not I, II or III (the appendices of the Convention, in Roman numerals)')"/>
        </xsl:for-each>
        <!-- AES-002 importing an Appendix I or II species needs the exporting place's CITES export permit:
             an import licence application (DocumentCode 911) names it (data item CitesExportPermitNumber) -->
        <xsl:if test="t:LPCOApplication/t:DocumentCode = '911' and normalize-space($appendix/t:Value) = ('I', 'II')
                      and not($data[t:Name = 'CitesExportPermitNumber']/t:Value[normalize-space()])">
          <xsl:sequence select="rc:failure('AES-002', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''CitesExportPermitNumber'']', (),
              'An import of an Appendix ' || normalize-space($appendix/t:Value) || ' species needs the CITES export permit of the'
              || ' exporting place: give its number (data item CitesExportPermitNumber)')"/>
        </xsl:if>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
