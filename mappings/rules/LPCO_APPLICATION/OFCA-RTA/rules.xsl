<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rules of the LPCO type OFCA-RTA only (OFCA, permit for radiocommunications transmitting apparatus); they run after ../rules.xsl (the rules of every LPCO application).
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
        <!-- ORTA-001 the operating frequency range: low-high, low below high, unit KHZ, MHZ or GHZ -->
        <xsl:variable name="range" select="t:LPCOApplication/t:LicenceData/t:Item[t:Name = 'FrequencyRange']"/>
        <xsl:sequence select="rc:required($range, 'ORTA-001', '/TradeDocument/LPCOApplication/LicenceData/Item[Name=''FrequencyRange'']',
            'The application gives no frequency range of the apparatus (data item FrequencyRange)')"/>
        <xsl:for-each select="$range">
          <xsl:variable name="parts" select="tokenize(normalize-space(t:Value), '-')"/>
          <xsl:if test="not(count($parts) eq 2 and (every $p in $parts satisfies $p castable as xs:decimal)
                         and xs:decimal($parts[1]) lt xs:decimal($parts[2]) and t:Unit = ('KHZ', 'MHZ', 'GHZ'))">
            <xsl:sequence select="rc:failure('ORTA-001', rc:path(t:Value), normalize-space(t:Value), 'Frequency range '''
                || normalize-space(t:Value) || ''' ' || (t:Unit, '(no unit)')[1] || ' must be low-high, low below high, in KHZ, MHZ or GHZ')"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

</xsl:stylesheet>
