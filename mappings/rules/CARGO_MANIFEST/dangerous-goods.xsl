<?xml version="1.0" encoding="UTF-8"?>
<!--
  The dangerous goods rules of cargo manifests (DG-*), included by rules.xsl: they run on every manifest and find
  something to check only where a goods item declares DangerousGoods (IFTDGN, the dangerous goods manifest of
  MD-DG-MANIFEST). See README.md.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                exclude-result-prefixes="t rc">

  <xsl:template name="rc:dangerous-goods-rules" as="element(r:Failure)*">
    <xsl:for-each select=".//t:Commodity/t:DangerousGoods">
      <xsl:variable name="n" select="'dangerous goods ' || rc:index(.) || ' of ' || rc:where(.)"/>
      <!-- DG-001 the UN number: four digits (UN/EDIFACT DGS C234 7124) -->
      <xsl:variable name="un" select="normalize-space(t:UNDGID)"/>
      <xsl:if test="not(matches($un, '^[0-9]{4}$'))">
        <xsl:sequence select="rc:failure('DG-001', rc:path(.) || '/UNDGID', if ($un eq '') then () else $un,
            if ($un eq '') then 'The UN number of ' || $n || ' is missing (DGS C234 7124)'
            else 'UN number ''' || $un || ''' of ' || $n || ' is not four digits (e.g. 1263)')"/>
      </xsl:if>
      <!-- DG-002 the class or division: 1 to 9, a division after a point, class 1 a compatibility group letter -->
      <xsl:variable name="class" select="normalize-space(t:HazardClassID)"/>
      <xsl:if test="not(matches($class, '^([2-9](\.[1-3])?|1(\.[1-6][A-S]?)?)$'))">
        <xsl:sequence select="rc:failure('DG-002', rc:path(.) || '/HazardClassID', if ($class eq '') then () else $class,
            if ($class eq '') then 'The class of ' || $n || ' is missing (DGS C205 8351)'
            else 'Class ''' || $class || ''' of ' || $n || ' is not a dangerous goods class or division (1 to 9, e.g. 3 or 6.1)')"/>
      </xsl:if>
      <!-- DG-003 packing group 1, 2 or 3 where given; a flammable liquid (class 3) states its flashpoint -->
      <xsl:if test="t:PackingGroupCode and not(normalize-space(t:PackingGroupCode) = ('1', '2', '3'))">
        <xsl:sequence select="rc:failure('DG-003', rc:path(t:PackingGroupCode), string(t:PackingGroupCode),
            'Packing group ''' || t:PackingGroupCode || ''' of ' || $n || ' is not 1, 2 or 3 (DGS 8339)')"/>
      </xsl:if>
      <xsl:if test="$class eq '3' and empty(t:FlashpointTemperatureMeasure)">
        <xsl:sequence select="rc:failure('DG-003', rc:path(.) || '/FlashpointTemperatureMeasure', (),
            'The flammable liquid (class 3) ' || $n || ' does not state its flashpoint (DGS C223 7106 and 6411)')"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
