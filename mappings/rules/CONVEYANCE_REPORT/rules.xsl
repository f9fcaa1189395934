<?xml version="1.0" encoding="UTF-8"?>
<!--
  Business rules for canonical documents of type CONVEYANCE_REPORT (vessel, aircraft, train or vehicle arrival and
  departure): CONV-* here, plus the rules for every document (CMN-*) from ../common/rules-common.xsl.
  See README.md for the table. Output: r:Failures (urn:hk:tsw:rule-failures:1), empty when all is well.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                xmlns:cr="urn:hk:tsw:rules-conveyance"
                exclude-result-prefixes="xs t rc cr">

  <xsl:include href="../common/rules-common.xsl"/>

  <!-- UN/ECE Rec 19 modes whose conveyance is a ship with an IMO number (1 sea); river craft (8) often have none -->
  <xsl:variable name="cr:imo-modes" as="xs:string+" select="('1')"/>

  <xsl:template match="/">
    <r:Failures>
      <xsl:for-each select="t:TradeDocument">
        <xsl:variable name="btm" select="t:BorderTransportMeans"/>
        <xsl:variable name="report" select="t:ConveyanceReport"/>
        <!-- CONV-001 the conveyance is identified (IMO number / registration, or voyage / flight number) -->
        <xsl:sequence select="rc:required($btm[t:ID or t:JourneyID], 'CONV-001', '/TradeDocument/BorderTransportMeans',
            'The conveyance report does not identify the conveyance (IMO number or registration, or voyage or flight number)')"/>
        <!-- CONV-002 mode of transport -->
        <xsl:sequence select="rc:required($btm/t:ModeCode, 'CONV-002', '/TradeDocument/BorderTransportMeans/ModeCode',
            'The conveyance report gives no mode of transport (UN/ECE Rec 19, e.g. 1 sea, 4 air)')"/>
        <!-- CONV-003 sea: the conveyance id is an IMO ship number with a correct check digit -->
        <xsl:if test="normalize-space($btm/t:ModeCode) = $cr:imo-modes">
          <xsl:variable name="id" select="normalize-space($btm/t:ID)"/>
          <xsl:choose>
            <xsl:when test="$id eq ''">
              <xsl:sequence select="rc:failure('CONV-003', '/TradeDocument/BorderTransportMeans/ID', (),
                  'A vessel (mode 1) must be identified by its IMO number, which is missing')"/>
            </xsl:when>
            <xsl:when test="not(cr:imo-valid($id))">
              <xsl:sequence select="rc:failure('CONV-003', '/TradeDocument/BorderTransportMeans/ID', $id,
                  'IMO number ' || $id || ' is not valid: it must be 7 digits, the last being the check digit of the first six'
                  || (if (matches($id, '^[0-9]{7}$')) then ' (expected ' || cr:imo-check($id) || ')' else ''))"/>
            </xsl:when>
          </xsl:choose>
        </xsl:if>
        <!-- CONV-004 ports are UN/LOCODEs; the port of call is in Hong Kong -->
        <xsl:for-each select="$report/(t:PortOfCall | t:LastPortOfCall | t:NextPortOfCall)/t:ID[not(matches(., '^[A-Z]{2}[A-Z2-9]{3}$'))]">
          <xsl:sequence select="rc:failure('CONV-004', rc:path(.), string(.), cr:port-name(..) || ' ''' || . || ''' is not a UN/LOCODE (2 letters for the country, then 3 letters or digits 2-9)')"/>
        </xsl:for-each>
        <xsl:for-each select="$report/t:PortOfCall/t:ID[matches(., '^[A-Z]{2}[A-Z2-9]{3}$')][not(starts-with(., 'HK'))]">
          <xsl:sequence select="rc:failure('CONV-004', rc:path(.), string(.), 'Port of call ''' || . || ''' is not in Hong Kong (a UN/LOCODE starting HK)')"/>
        </xsl:for-each>
        <!-- CONV-005 departure after arrival: actual against actual, else estimated against estimated -->
        <xsl:for-each select="$report">
          <xsl:variable name="pairs" select="(t:ActualArrivalDateTime[../t:ActualDepartureDateTime], t:EstimatedArrivalDateTime[../t:EstimatedDepartureDateTime])"/>
          <xsl:for-each select="$pairs">
            <xsl:variable name="departure" select="if (self::t:ActualArrivalDateTime) then ../t:ActualDepartureDateTime else ../t:EstimatedDepartureDateTime"/>
            <xsl:if test="cr:instant($departure) lt cr:instant(.)">
              <xsl:sequence select="rc:failure('CONV-005', rc:path($departure), string($departure),
                  (if (self::t:ActualArrivalDateTime) then 'Actual' else 'Estimated') || ' departure ' || $departure
                  || ' is before the ' || (if (self::t:ActualArrivalDateTime) then 'actual' else 'estimated') || ' arrival ' || .)"/>
            </xsl:if>
          </xsl:for-each>
        </xsl:for-each>
        <!-- CONV-006 an arrival report gives an arrival time, a departure report a departure time -->
        <xsl:for-each select="$report[t:MovementCode eq 'ARRIVAL'][empty(t:EstimatedArrivalDateTime | t:ActualArrivalDateTime)]">
          <xsl:sequence select="rc:failure('CONV-006', '/TradeDocument/ConveyanceReport/ActualArrivalDateTime', (),
              'The arrival report gives neither the estimated nor the actual time of arrival (DTM 132 / 178)')"/>
        </xsl:for-each>
        <xsl:for-each select="$report[t:MovementCode eq 'DEPARTURE'][empty(t:EstimatedDepartureDateTime | t:ActualDepartureDateTime)]">
          <xsl:sequence select="rc:failure('CONV-006', '/TradeDocument/ConveyanceReport/ActualDepartureDateTime', (),
              'The departure report gives neither the estimated nor the actual time of departure (DTM 133 / 186)')"/>
        </xsl:for-each>
        <!-- CONV-007 someone answers for the conveyance: its master or its agent -->
        <xsl:sequence select="rc:required(t:Party[@role = ('MASTER', 'AGENT')], 'CONV-007', '/TradeDocument/Party[@role=''AGENT'']',
            'The conveyance report names neither the master nor the agent of the conveyance')"/>
        <xsl:call-template name="rc:common-rules"/>
      </xsl:for-each>
    </r:Failures>
  </xsl:template>

  <!-- IMO ship identification number: 7 digits, the 7th = (d1*7 + d2*6 + ... + d6*2) mod 10 -->
  <xsl:function name="cr:imo-check" as="xs:integer">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="sum(for $i in 1 to 6 return xs:integer(substring($id, $i, 1)) * (8 - $i)) mod 10"/>
  </xsl:function>

  <xsl:function name="cr:imo-valid" as="xs:boolean">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="matches($id, '^[0-9]{7}$') and cr:imo-check($id) eq xs:integer(substring($id, 7, 1))"/>
  </xsl:function>

  <!-- date or dateTime as a dateTime (a date counts from its start), for comparing arrival with departure -->
  <xsl:function name="cr:instant" as="xs:dateTime?">
    <xsl:param name="v" as="element()"/>
    <xsl:variable name="s" select="normalize-space($v)"/>
    <xsl:sequence select="if ($s castable as xs:dateTime) then xs:dateTime($s)
        else if ($s castable as xs:date) then dateTime(xs:date($s), xs:time('00:00:00')) else ()"/>
  </xsl:function>

  <xsl:function name="cr:port-name" as="xs:string">
    <xsl:param name="port" as="element()"/>
    <xsl:sequence select="if ($port/self::t:PortOfCall) then 'Port of call'
        else if ($port/self::t:LastPortOfCall) then 'Last port of call' else 'Next port of call'"/>
  </xsl:function>

</xsl:stylesheet>
