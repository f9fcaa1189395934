<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type EPD-SCHED-CHEM only (EPD, permit for scheduled chemicals under the Hazardous Chemicals
  Control Ordinance, Cap. 595); they run after ../rules.xsl (the rules of every LPCO application).
  See README.md next to this file.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                xmlns:esc="urn:hk:tsw:rules:EPD-SCHED-CHEM"
                exclude-result-prefixes="t rc xs esc">

  <xsl:include href="../../common/rules-common.xsl"/>

  <!-- The CAS form: 2 to 7 digits, 2 digits, a check digit. -->
  <xsl:function name="esc:cas-form" as="xs:boolean">
    <xsl:param name="cas" as="xs:string"/>
    <xsl:sequence select="matches($cas, '^[0-9]{2,7}-[0-9]{2}-[0-9]$')"/>
  </xsl:function>

  <!-- The check digit the other digits give: the last one times 1, the one before times 2 and so on, modulo 10. -->
  <xsl:function name="esc:check-digit" as="xs:integer">
    <xsl:param name="cas" as="xs:string"/>
    <xsl:variable name="body" select="replace(substring($cas, 1, string-length($cas) - 2), '-', '')"/>
    <xsl:sequence select="sum(for $i in 1 to string-length($body)
        return xs:integer(substring($body, string-length($body) - $i + 1, 1)) * $i) mod 10"/>
  </xsl:function>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <xsl:variable name="data" select="t:LPCOApplication/t:LicenceData/t:Item"/>
        <!-- ESC-001 the chemical's CAS registry number, as the Ordinance's schedules list it, with a right check digit -->
        <xsl:sequence select="rc:required($data[t:Name = 'CasRegistryNumber']/t:Value[normalize-space()], 'ESC-001',
            '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''CasRegistryNumber'']',
            'The application gives no CAS registry number of the scheduled chemical (data item CasRegistryNumber)')"/>
        <xsl:for-each select="$data[t:Name = 'CasRegistryNumber']/t:Value[normalize-space()]">
          <xsl:variable name="cas" select="normalize-space(.)"/>
          <xsl:choose>
            <xsl:when test="not(esc:cas-form($cas))">
              <xsl:sequence select="rc:failure('ESC-001', rc:path(.), $cas, 'CAS registry number ''' || $cas
                  || ''' is not in the CAS form: 2 to 7 digits, 2 digits and a check digit, e.g. 78-00-2')"/>
            </xsl:when>
            <xsl:when test="esc:check-digit($cas) ne xs:integer(substring($cas, string-length($cas)))">
              <xsl:sequence select="rc:failure('ESC-001', rc:path(.), $cas, 'CAS registry number ''' || $cas
                  || ''' has a wrong check digit: the digits before it give ' || esc:check-digit($cas) || '; check the number')"/>
            </xsl:when>
          </xsl:choose>
        </xsl:for-each>
        <!-- ESC-002 Cap. 595A s.2(2)(d): the purpose of the import or export and the premises of the chemical -->
        <xsl:for-each select="('Purpose', 'PremisesAddress')">
          <xsl:variable name="name" select="."/>
          <xsl:if test="not($data[t:Name = $name]/t:Value[normalize-space()])">
            <xsl:sequence select="rc:failure('ESC-002', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''' || $name || ''']', (),
                'The application gives no ' || (if ($name = 'Purpose') then 'purpose for which the chemical is imported or exported'
                else 'address of the premises where the chemical is to be kept or used') || ' (data item ' || $name
                || '), which the Hazardous Chemicals Control (General) Regulation requires')"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
