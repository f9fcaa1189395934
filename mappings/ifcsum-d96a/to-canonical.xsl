<?xml version="1.0" encoding="UTF-8"?>
<!--
  IFCSUM D.96A (UN/EDIFACT forwarding and consolidation summary: a forwarder's consolidated manifest) -> canonical
  TradeDocument of type CARGO_MANIFEST. The consolidation is one master Consignment (the master bill of the header
  RFF group) and each CNI group one HouseConsignment under it (the house bill) with its parties, places and goods
  items. The value rules (parties, locations, dates, goods item, totals, mapping errors) are the shared ones of
  ../common/edifact-common.xsl; only the IFCSUM structure is here. README.md is this folder's MIG.

  D.96A IFCSUM segment groups (as the Smooks/DFDL directory numbers them): SG1 RFF-DTM (header references),
  SG5 TDT-...-SG9 (transport stage; SG9 NAD-LOC-... its parties), SG13 EQD (header equipment), SG15 CNI (one house
  consignment): SG20 LOC-DTM, SG22 RFF-DTM, SG30 NAD-..., SG37 GID (goods item: FTX, PIA, LOC, MOA directly; SG39
  MEA, SG42 PCI, SG43 DOC, SG48 SGP), SG56 EQD-...-SEL (the consignment's equipment).
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tsw="urn:hk:tsw:xslt:edifact-common"
                xmlns:err="urn:hk:tsw:mapping-errors:1"
                xmlns="urn:hk:tsw:canonical:trade-document:1"
                exclude-result-prefixes="#all">

  <xsl:include href="../common/edifact-common.xsl"/>

  <!-- header NAD qualifiers (SG9 of the main carriage) that name the manifest's own parties; the others (CZ, CN, N1)
       are the master bill's shipper, consignee and notify party -->
  <xsl:variable name="document-roles" as="map(xs:string, xs:string)"
      select="map{ 'CA': 'CARRIER', 'FW': 'FREIGHT_FORWARDER' }"/>
  <xsl:variable name="master-roles" as="map(xs:string, xs:string)"
      select="map{ 'CZ': 'CONSIGNOR', 'CN': 'CONSIGNEE', 'N1': 'NOTIFY' }"/>
  <!-- RFF 1153: the master bill (header SG1) and the house bill (SG22 in the CNI group) -->
  <xsl:variable name="master-bill-qualifiers" as="xs:string+" select="('MB', 'AWB')"/>
  <xsl:variable name="house-bill-qualifiers" as="xs:string+" select="('BH', 'HWB')"/>

  <xsl:template match="/">
    <xsl:variable name="message" select="tsw:message(., 'IFCSUM')"/>
    <xsl:variable name="houses" select="$message/SegGrp-15"/>
    <xsl:variable name="items" select="$houses/SegGrp-37"/>
    <xsl:variable name="errors" as="element(err:Error)*">
      <xsl:sequence select="tsw:header-errors($message)"/>
      <xsl:for-each select="$items/GID[1]">
        <xsl:sequence select="tsw:sequence-error(., $message)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($errors)">
        <xsl:call-template name="tsw:errors"><xsl:with-param name="errors" select="$errors"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- the main carriage: the first transport stage with TDT 8051 = 20, else the first one -->
        <xsl:variable name="main" select="($message/SegGrp-5[TDT/E8051 eq '20'], $message/SegGrp-5)[1]"/>
        <xsl:variable name="header-nads" select="$main/SegGrp-9/NAD"/>
        <TradeDocument>
          <xsl:call-template name="tsw:header">
            <xsl:with-param name="message" select="$message"/>
            <xsl:with-param name="document-type" select="'CARGO_MANIFEST'"/>
          </xsl:call-template>
          <xsl:apply-templates select="$header-nads" mode="tsw:party">
            <xsl:with-param name="roles" select="$document-roles"/>
          </xsl:apply-templates>
          <!-- the main carriage's DTM 132 / 133: expected arrival / departure -->
          <xsl:apply-templates select="$main/TDT" mode="tsw:transport">
            <xsl:with-param name="transport-dates" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:call-template name="tsw:locations">
            <xsl:with-param name="locs" select="$main/LOC"/>
            <xsl:with-param name="document-type" select="'CARGO_MANIFEST'"/>
            <xsl:with-param name="offices" select="false()"/>
          </xsl:call-template>
          <!-- every container once, in order of first mention (header SG13, then each CNI's SG56), with all its seals -->
          <xsl:variable name="eqds" select="($message/SegGrp-13 | $houses/SegGrp-56)[EQD/E8053 eq 'CN'][tsw:v(EQD/C237/E8260)]"/>
          <xsl:for-each-group select="$eqds" group-by="tsw:v(EQD/C237/E8260)">
            <!-- a seal given twice (the container listed in the header and again in a CNI) is kept once -->
            <xsl:variable name="sels" select="current-group()/SEL[tsw:v(E9308)]"/>
            <xsl:call-template name="tsw:equipment">
              <xsl:with-param name="id" select="current-grouping-key()"/>
              <xsl:with-param name="seals" select="$sels[not(E9308 = subsequence($sels, 1, position() - 1)/E9308)]"/>
            </xsl:call-template>
          </xsl:for-each-group>
          <Consignment>
            <xsl:for-each select="($message/SegGrp-1/RFF[C506/E1153 = $master-bill-qualifiers][tsw:v(C506/E1154)])[1]">
              <TransportContractDocument>
                <ID><xsl:value-of select="tsw:v(C506/E1154)"/></ID>
                <TypeCode><xsl:value-of select="C506/E1153"/></TypeCode>
              </TransportContractDocument>
            </xsl:for-each>
            <xsl:apply-templates select="$header-nads" mode="tsw:party">
              <xsl:with-param name="roles" select="$master-roles"/>
            </xsl:apply-templates>
            <xsl:for-each select="$houses">
              <xsl:call-template name="house"/>
            </xsl:for-each>
          </Consignment>
          <xsl:call-template name="tsw:totals">
            <xsl:with-param name="message" select="$message"/>
            <xsl:with-param name="item-count" select="count($items)"/>
          </xsl:call-template>
        </TradeDocument>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One CNI group (SG15) as a HouseConsignment. -->
  <xsl:template name="house">
    <HouseConsignment>
      <xsl:variable name="house-bill" select="(SegGrp-22/RFF[C506/E1153 = $house-bill-qualifiers][tsw:v(C506/E1154)])[1]"/>
      <xsl:choose>
        <xsl:when test="$house-bill">
          <TransportContractDocument>
            <ID><xsl:value-of select="tsw:v($house-bill/C506/E1154)"/></ID>
            <TypeCode><xsl:value-of select="$house-bill/C506/E1153"/></TypeCode>
          </TransportContractDocument>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="tsw:v(CNI/C503/E1004)">
            <TransportContractDocument><ID><xsl:value-of select="."/></ID></TransportContractDocument>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="SegGrp-30/NAD" mode="tsw:party"/>
      <xsl:call-template name="tsw:locations">
        <xsl:with-param name="locs" select="SegGrp-20/LOC"/>
        <xsl:with-param name="document-type" select="'CARGO_MANIFEST'"/>
        <xsl:with-param name="offices" select="false()"/>
      </xsl:call-template>
      <!-- Cap. 60C transhipment indication: the house consignment's place of transhipment (SG20 LOC 3227 = 13) -->
      <xsl:for-each select="(SegGrp-20/LOC[E3227 eq '13'][tsw:v(C517/E3225)])[1]">
        <TranshipmentIndicator>true</TranshipmentIndicator>
        <TranshipmentLocation>
          <ID><xsl:value-of select="tsw:v(C517/E3225)"/></ID>
          <xsl:for-each select="tsw:v(C517/E3224)"><Name><xsl:value-of select="."/></Name></xsl:for-each>
        </TranshipmentLocation>
      </xsl:for-each>
      <xsl:for-each select="SegGrp-37">
        <xsl:variable name="gid" select="GID[1]"/>
        <xsl:variable name="marks" select="tsw:join(SegGrp-42[1]/PCI/C210/E7102)"/>
        <xsl:call-template name="tsw:goods-item">
          <xsl:with-param name="sequence" select="tsw:v($gid/E1496)"/>
          <xsl:with-param name="hs-code" select="tsw:v(PIA/C212[E7143 eq 'HS']/E7140)"/>
          <xsl:with-param name="meas" select="SegGrp-39/MEA"/>
          <!-- PCI marks belong to the item's first (outer) packaging -->
          <xsl:with-param name="packaging" select="let $packs := $gid/C213[(E7224 | E7065) != '']
              ! tsw:pack(tsw:v(E7224), tsw:v(E7065), if (position() eq 1) then $marks else ())
              return if (empty($packs) and $marks) then tsw:pack((), (), $marks) else $packs"/>
          <xsl:with-param name="moas" select="MOA"/>
          <xsl:with-param name="docs" select="SegGrp-43/DOC"/>
          <xsl:with-param name="equipment-ids" select="distinct-values(SegGrp-48/SGP/C237/E8260[. ne ''] ! string(.))"/>
        </xsl:call-template>
      </xsl:for-each>
    </HouseConsignment>
  </xsl:template>

</xsl:stylesheet>
