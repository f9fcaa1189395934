<?xml version="1.0" encoding="UTF-8"?>
<!--
  CUSREP D.99A (UN/EDIFACT Customs conveyance report message) -> canonical TradeDocument of type CONVEYANCE_REPORT:
  the arrival or departure of a vessel, aircraft, train or vehicle (MD General Declaration, C&ED conveyance report).
  README.md next to this file is the message implementation guide (segment/element + qualifiers -> canonical field).
  ../cusrep-d96a/to-canonical.xsl imports this file: the D.96A message has the same segment groups, without POC.

  Shared helpers (values, dates, errors, header, parties, TDT) come from ../common/edifact-common.xsl; everything
  particular to CUSREP is here, so the message type needed files only, no Java.
  Output: a TradeDocument, or err:MappingErrors with every problem found (segment, element, component, value).
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tsw="urn:hk:tsw:xslt:edifact-common"
                xmlns:c="urn:hk:tsw:xslt:cusrep"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:err="urn:hk:tsw:mapping-errors:1"
                xmlns="urn:hk:tsw:canonical:trade-document:1"
                exclude-result-prefixes="#all">

  <xsl:include href="../common/edifact-common.xsl"/>

  <!-- CUSREP segment groups (UNECE TRMD CUSREP D.96A and D.99A): SG2 LOC-DTM (itinerary), SG5 NAD-SG6-SG7 (parties),
       SG8 TDT-TPL-DTM-SG9 (conveyance, with SG9 LOC-DTM-QTY.. its places) -->
  <xsl:variable name="c:groups" as="map(xs:string, xs:string)" select="map{
      'itinerary': 'SegGrp-2', 'party': 'SegGrp-5', 'transport': 'SegGrp-8', 'place': 'SegGrp-9' }"/>

  <!-- NAD 3035 -> party role: ZME master (EMSWe), AG agent, CA carrier -->
  <xsl:variable name="c:roles" as="map(xs:string, xs:string)" select="map{
      'ZME': 'MASTER', 'AG': 'AGENT', 'CA': 'CARRIER' }"/>

  <!-- BGM C002 1000 (document name): the movement reported -->
  <xsl:variable name="c:movements" as="xs:string+" select="('ARRIVAL', 'DEPARTURE')"/>

  <!-- LOC 3227: 153 port of call, 92 last port of call, 61 next port of call (EMSWe / IMO FAL) -->
  <xsl:variable name="c:loc" as="map(xs:string, xs:string)" select="map{
      'call': '153', 'last': '92', 'next': '61' }"/>

  <!-- DTM 2005: 132 ETA, 178 ATA, 133 ETD, 186 ATD -->
  <xsl:variable name="c:times" as="map(xs:string, xs:string)" select="map{
      '132': 'EstimatedArrivalDateTime', '178': 'ActualArrivalDateTime',
      '133': 'EstimatedDepartureDateTime', '186': 'ActualDepartureDateTime' }"/>

  <!-- QTY 6063: ZCR crew, ZPA passengers (gateway codes, mutually defined "Z" codes) -->
  <xsl:variable name="c:counts" as="map(xs:string, xs:string)" select="map{
      'ZCR': 'CrewQuantity', 'ZPA': 'PassengerQuantity' }"/>

  <xsl:template match="/">
    <xsl:variable name="message" select="tsw:message(., 'CUSREP')"/>
    <xsl:variable name="bgm" select="$message/BGM[1]"/>
    <xsl:variable name="movement" select="tsw:v($bgm/C002/E1000)"/>
    <xsl:variable name="transport" select="tsw:grp($message, $c:groups?transport)"/>
    <xsl:variable name="locs" select="tsw:grp($transport, $c:groups?place)/LOC | tsw:grp($message, $c:groups?itinerary)/LOC"/>
    <!-- times: in the header, in the TDT group, or after the port of call's LOC+153; never another port's times -->
    <xsl:variable name="dtms" select="($message/DTM | $transport/DTM | $locs[E3227 eq $c:loc?call]/../DTM)
                                      [map:contains($c:times, string(C507/E2005))]"/>
    <xsl:variable name="qtys" select="($message/QTY | $locs[E3227 eq $c:loc?call]/../QTY)
                                      [map:contains($c:counts, string(C186/E6063))]"/>
    <xsl:variable name="errors" as="element(err:Error)*">
      <xsl:if test="not($movement = $c:movements)">
        <xsl:sequence select="tsw:error($bgm, $message, 1, 4, $movement,
            'Movement (BGM C002 1000) ' || ($movement, 'is missing')[1] || (if ($movement) then ' is not ARRIVAL or DEPARTURE' else '; give ARRIVAL or DEPARTURE'))"/>
      </xsl:if>
      <xsl:sequence select="tsw:header-errors($message)"/>
      <xsl:if test="empty($locs[E3227 eq $c:loc?call][tsw:v(C517/E3225)])">
        <!-- a missing segment: located at the conveyance's TDT (or BGM without one), where LOC+153 belongs -->
        <xsl:sequence select="tsw:error((($transport/TDT)[1], $bgm)[1], $message, 1, 1, (),
            'Port of call (LOC+153 with a UN/LOCODE in C517 3225, in the TDT group) is missing; give the Hong Kong port arrived at or departed from')"/>
      </xsl:if>
      <xsl:for-each select="$dtms[empty(c:time(.))]">
        <xsl:sequence select="tsw:error(., $message, 1, 2, tsw:v(C507/E2380),
            'Date/time ' || (tsw:v(C507/E2380), '(empty)')[1] || ' (DTM ' || C507/E2005 || ') is not a valid date/time in format 102 (CCYYMMDD) or 203 (CCYYMMDDHHMM)')"/>
      </xsl:for-each>
      <xsl:for-each select="$qtys[not(tsw:v(C186/E6060) castable as xs:nonNegativeInteger)]">
        <xsl:sequence select="tsw:error(., $message, 1, 2, tsw:v(C186/E6060),
            'Number of ' || (if (C186/E6063 eq 'ZCR') then 'crew' else 'passengers') || ' (QTY C186 6060) must be a whole number')"/>
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
            <xsl:with-param name="document-type" select="'CONVEYANCE_REPORT'"/>
          </xsl:call-template>
          <xsl:apply-templates select="tsw:grp($message, $c:groups?party)/NAD" mode="tsw:party">
            <xsl:with-param name="roles" select="$c:roles"/>
          </xsl:apply-templates>
          <xsl:apply-templates select="($transport/TDT)[1]" mode="tsw:transport"/>
          <ConveyanceReport>
            <MovementCode><xsl:value-of select="$movement"/></MovementCode>
            <xsl:sequence select="c:location('PortOfCall', $locs[E3227 eq $c:loc?call][1])"/>
            <xsl:sequence select="c:location('LastPortOfCall', $locs[E3227 eq $c:loc?last][1])"/>
            <xsl:sequence select="c:location('NextPortOfCall', $locs[E3227 eq $c:loc?next][1])"/>
            <xsl:for-each select="('132', '178', '133', '186')">
              <xsl:variable name="q" select="."/>
              <xsl:for-each select="c:time($dtms[C507/E2005 eq $q][1])">
                <xsl:element name="{$c:times($q)}" namespace="urn:hk:tsw:canonical:trade-document:1">
                  <xsl:value-of select="."/>
                </xsl:element>
              </xsl:for-each>
            </xsl:for-each>
            <xsl:for-each select="('ZCR', 'ZPA')">
              <xsl:variable name="q" select="."/>
              <xsl:for-each select="tsw:v($qtys[C186/E6063 eq $q][1]/C186/E6060)">
                <xsl:element name="{$c:counts($q)}" namespace="urn:hk:tsw:canonical:trade-document:1">
                  <xsl:value-of select="xs:nonNegativeInteger(.)"/>
                </xsl:element>
              </xsl:for-each>
            </xsl:for-each>
            <xsl:for-each select="$message/POC/C525/E8025[. ne '']">
              <CallPurposeCode><xsl:value-of select="."/></CallPurposeCode>
            </xsl:for-each>
          </ConveyanceReport>
        </TradeDocument>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- LOC C517 3225 (UN/LOCODE) and 3224 (name) as a canonical location named $name; nothing without an id -->
  <xsl:function name="c:location" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="loc" as="element()?"/>
    <xsl:for-each select="tsw:v($loc/C517/E3225)">
      <xsl:element name="{$name}" namespace="urn:hk:tsw:canonical:trade-document:1">
        <ID><xsl:value-of select="."/></ID>
        <xsl:for-each select="tsw:v($loc/C517/E3224)"><Name><xsl:value-of select="."/></Name></xsl:for-each>
      </xsl:element>
    </xsl:for-each>
  </xsl:function>

  <!-- DTM 102 / 203 -> xs:date / xs:dateTime, () when absent or invalid -->
  <xsl:function name="c:time" as="xs:string?">
    <xsl:param name="dtm" as="element()?"/>
    <xsl:sequence select="tsw:date-time(tsw:v($dtm/C507/E2380), tsw:v($dtm/C507/E2379))"/>
  </xsl:function>

</xsl:stylesheet>
