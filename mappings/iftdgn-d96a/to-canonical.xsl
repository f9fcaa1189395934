<?xml version="1.0" encoding="UTF-8"?>
<!--
  IFTDGN D.96A (dangerous goods notification) -> canonical TradeDocument (CARGO_MANIFEST): the dangerous goods
  manifest of a vessel, with DangerousGoods (UNDG number, class, packing group, flashpoint) per goods item. Header,
  parties, transport, locations, packaging and mass use the shared helpers of ../common/edifact-common.xsl; this file
  holds what IFTDGN has of its own (its segment groups, the DGS group). README.md is the MIG.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tsw="urn:hk:tsw:xslt:edifact-common"
                xmlns:err="urn:hk:tsw:mapping-errors:1"
                xmlns="urn:hk:tsw:canonical:trade-document:1"
                exclude-result-prefixes="#all">

  <xsl:include href="../common/edifact-common.xsl"/>

  <xsl:template match="/">
    <xsl:variable name="message" select="tsw:message(., 'IFTDGN')"/>
    <xsl:variable name="consignments" select="$message/SegGrp-6"/>
    <xsl:variable name="errors" as="element(err:Error)*">
      <xsl:sequence select="tsw:header-errors($message)"/>
      <xsl:for-each select="$consignments/SegGrp-10/GID[1]">
        <xsl:sequence select="tsw:sequence-error(., $message)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($errors)">
        <xsl:call-template name="tsw:errors"><xsl:with-param name="errors" select="$errors"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <TradeDocument>
          <xsl:call-template name="tsw:header">
            <xsl:with-param name="message" select="$message"/>
            <xsl:with-param name="document-type" select="'CARGO_MANIFEST'"/>
          </xsl:call-template>
          <xsl:apply-templates select="$message/SegGrp-3/NAD" mode="tsw:party"/>
          <xsl:apply-templates select="$message/SegGrp-2/TDT" mode="tsw:transport"/>
          <xsl:call-template name="tsw:locations">
            <xsl:with-param name="locs" select="$message/SegGrp-2/LOC"/>
            <xsl:with-param name="document-type" select="'CARGO_MANIFEST'"/>
          </xsl:call-template>
          <xsl:for-each select="$message/SegGrp-5[EQD/E8053 eq 'CN'][tsw:v(EQD/C237/E8260)]">
            <xsl:call-template name="tsw:equipment">
              <xsl:with-param name="id" select="tsw:v(EQD/C237/E8260)"/>
              <xsl:with-param name="seals" select="()"/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:for-each select="$consignments">
            <Consignment>
              <xsl:for-each select="(tsw:v(SegGrp-7/RFF[C506/E1153 eq 'BM']/C506/E1154), tsw:v(CNI/C503/E1004))[1]">
                <TransportContractDocument><ID><xsl:value-of select="."/></ID></TransportContractDocument>
              </xsl:for-each>
              <xsl:apply-templates select="SegGrp-8/NAD" mode="tsw:party"/>
              <xsl:call-template name="tsw:locations">
                <xsl:with-param name="locs" select="LOC"/>
                <xsl:with-param name="document-type" select="'CARGO_MANIFEST'"/>
                <xsl:with-param name="offices" select="false()"/>
              </xsl:call-template>
              <xsl:apply-templates select="SegGrp-10" mode="item"/>
            </Consignment>
          </xsl:for-each>
          <xsl:call-template name="tsw:totals">
            <xsl:with-param name="message" select="$message"/>
            <xsl:with-param name="item-count" select="count($consignments/SegGrp-10)"/>
          </xsl:call-template>
        </TradeDocument>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- one goods item (SG10 GID-FTX-PCI-SG11 SGP-SG12 DGS) -->
  <xsl:template match="SegGrp-10" mode="item">
    <xsl:variable name="gid" select="GID[1]"/>
    <xsl:variable name="dgs" select="SegGrp-12"/>
    <xsl:variable name="marks" select="tsw:join(PCI[1]/C210/E7102)"/>
    <GoodsItem>
      <SequenceNumeric><xsl:value-of select="tsw:v($gid/E1496)"/></SequenceNumeric>
      <Commodity>
        <!-- the goods description (FTX AAA), else the proper shipping name the DGS group gives (FTX AAD) -->
        <xsl:for-each select="(tsw:join(FTX[E4451 eq 'AAA'][1]/C108/E4440), tsw:join($dgs/FTX[E4451 eq 'AAD'][1]/C108/E4440))[1]">
          <Description><xsl:value-of select="."/></Description>
        </xsl:for-each>
        <xsl:for-each select="$dgs/DGS">
          <DangerousGoods>
            <xsl:for-each select="tsw:v(C234/E7124)"><UNDGID><xsl:value-of select="."/></UNDGID></xsl:for-each>
            <xsl:for-each select="tsw:v(E8273)"><RegulationCode><xsl:value-of select="."/></RegulationCode></xsl:for-each>
            <xsl:for-each select="tsw:v(C205/E8351)"><HazardClassID><xsl:value-of select="."/></HazardClassID></xsl:for-each>
            <xsl:for-each select="tsw:v(E8339)"><PackingGroupCode><xsl:value-of select="."/></PackingGroupCode></xsl:for-each>
            <xsl:if test="tsw:v(C223/E7106) and tsw:v(C223/E6411)">
              <FlashpointTemperatureMeasure unitCode="{tsw:v(C223/E6411)}"><xsl:value-of
                  select="tsw:decimal(tsw:v(C223/E7106))"/></FlashpointTemperatureMeasure>
            </xsl:if>
          </DangerousGoods>
        </xsl:for-each>
      </Commodity>
      <xsl:variable name="mass" select="$dgs/MEA[E6311 = $tsw:mass-applications][tsw:v(C174/E6314)][tsw:v(C174/E6411)]"/>
      <xsl:variable name="gross" select="$mass[C502/E6313 = $tsw:gross-dimensions][1]"/>
      <xsl:variable name="net" select="$mass[C502/E6313 = $tsw:net-dimensions][1]"/>
      <xsl:if test="$gross or $net">
        <GoodsMeasure>
          <xsl:apply-templates select="$gross" mode="tsw:measure"><xsl:with-param name="name" select="'GrossMassMeasure'"/></xsl:apply-templates>
          <xsl:apply-templates select="$net" mode="tsw:measure"><xsl:with-param name="name" select="'NetMassMeasure'"/></xsl:apply-templates>
        </GoodsMeasure>
      </xsl:if>
      <xsl:variable name="packs" as="element()*">
        <xsl:for-each select="$gid/C213[tsw:v(E7224 | E7065)]">
          <xsl:sequence select="tsw:packaging-element(tsw:v(E7224), tsw:v(E7065), if (position() eq 1) then $marks else ())"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:sequence select="if (empty($packs) and $marks) then tsw:packaging-element((), (), $marks) else $packs"/>
      <xsl:for-each select="distinct-values(SegGrp-11/SGP/C237/E8260[. ne ''] ! string(.))">
        <TransportEquipment><ID><xsl:value-of select="."/></ID></TransportEquipment>
      </xsl:for-each>
    </GoodsItem>
  </xsl:template>

</xsl:stylesheet>
