<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared EDIFACT -> canonical TradeDocument logic for every mappings/<type>-<directory>/ folder.

  Input: the XML that Smooks' EDIFACT cartridge (Daffodil DFDL) makes of one interchange. Only Interchange,
  Message and the message-type element are namespaced (and the namespace differs per directory), so this module
  matches them with *: and everything else by plain name.

  What differs between directory versions is the segment-group numbering. A folder's to-canonical.xsl therefore
  only declares a map of group names (key -> 'SegGrp-n', or '' where the segments sit directly in the parent)
  and calls tsw:cusdec or tsw:cuscar. Everything else - party roles, locations, dates, decimal normalisation,
  the Source header, the goods item and the mapping-error report - lives here, once.

  Output is exactly one of: a canonical TradeDocument (urn:hk:tsw:canonical:trade-document:1) or, when the
  message cannot be mapped, err:MappingErrors listing every problem found (not just the first).
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tsw="urn:hk:tsw:xslt:edifact-common"
                xmlns:err="urn:hk:tsw:mapping-errors:1"
                xmlns="urn:hk:tsw:canonical:trade-document:1"
                exclude-result-prefixes="#all">

  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>

  <!-- NAD 3035 party qualifier -> canonical Party/@role. Qualifiers not listed here are ignored. -->
  <xsl:variable name="tsw:party-roles" as="map(xs:string, xs:string)" select="map{
      'DT': 'DECLARANT', 'EX': 'EXPORTER', 'IM': 'IMPORTER', 'CZ': 'CONSIGNOR',
      'CN': 'CONSIGNEE', 'CA': 'CARRIER', 'N1': 'NOTIFY' }"/>

  <!-- LOC 3227 qualifiers -->
  <xsl:variable name="tsw:loading-qualifiers" as="xs:string+" select="('5', '9')"/>
  <xsl:variable name="tsw:unloading-qualifiers" as="xs:string+" select="('8', '11', '12')"/>

  <!-- MEA: 6311 application qualifiers that carry a mass, 6313 dimensions for gross and net -->
  <xsl:variable name="tsw:mass-applications" as="xs:string+" select="('WT', 'AAE')"/>
  <xsl:variable name="tsw:gross-dimensions" as="xs:string+" select="('AAB', 'G')"/>
  <xsl:variable name="tsw:net-dimensions" as="xs:string+" select="('AAA', 'N')"/>

  <!-- ================================================================ value helpers -->

  <!-- Cost: Saxon-HE interprets the stylesheet and never inlines a function, so every call builds a stack frame and
       a closure per node-sequence argument. Where a helper would run per segment or per goods item, its expression is
       written out instead (docs/PERFORMANCE.md, "the mapping stylesheets cut"):
         (X[. ne ''])[1]                   for tsw:v(X), a node whose string value is the same
         [X != '']                         for a predicate [tsw:v(X)]
         translate(..., ',', '.')          for tsw:decimal
         (if ($n) then *[local-name() eq $n] else .)  for tsw:grp(., $groups?key), $n looked up before the loop
         string-join(X[. ne ''], ' ')[. ne '']        for tsw:join(X)
       and a goods item's packages are passed as maps (written out as tsw:pack would make them), not as elements in
       a temporary tree. The goods item reads its description (FTX AAA) and origin (LOC 27) from its context, the
       item's group: every caller passed exactly those, and a parameter costs an evaluation and a type check. -->

  <!-- First non-empty value among the nodes; empty sequence when there is none (so no empty elements). -->
  <xsl:function name="tsw:v" as="xs:string?">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="($nodes ! string(.))[. ne ''][1]"/>
  </xsl:function>

  <!-- Repeated components (3036, 4440, 7102) joined with one space, empty ones skipped. -->
  <xsl:function name="tsw:join" as="xs:string?">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" select="($nodes ! string(.))[. ne '']"/>
    <xsl:sequence select="if (exists($parts)) then string-join($parts, ' ') else ()"/>
  </xsl:function>

  <!-- EDIFACT allows a comma as decimal mark; the canonical form always uses a point. -->
  <xsl:function name="tsw:decimal" as="xs:string?">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="if ($value) then translate($value, ',', '.') else ()"/>
  </xsl:function>

  <!-- Segments of a group: $name is the DFDL group element name, '' means "directly in $context". -->
  <xsl:function name="tsw:grp" as="element()*">
    <xsl:param name="context" as="element()*"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="if ($name eq '') then $context else $context/*[local-name() eq $name]"/>
  </xsl:function>

  <!-- DTM 2380 + 2379 -> xs:date (102) or xs:dateTime (203, seconds :00); () when not convertible.
       Without 2379 the format is inferred from the length (8 -> 102, 12 -> 203). -->
  <xsl:function name="tsw:date-time" as="xs:string?">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="format" as="xs:string?"/>
    <xsl:variable name="fmt" select="tsw:date-format($value, $format)"/>
    <xsl:choose>
      <xsl:when test="$fmt eq '102' and matches($value, '^[0-9]{8}$')">
        <xsl:variable name="d" select="replace($value, '^(....)(..)(..)$', '$1-$2-$3')"/>
        <xsl:sequence select="if ($d castable as xs:date) then $d else ()"/>
      </xsl:when>
      <xsl:when test="$fmt eq '203' and matches($value, '^[0-9]{12}$')">
        <xsl:variable name="dt" select="replace($value, '^(....)(..)(..)(..)(..)$', '$1-$2-$3T$4:$5:00')"/>
        <xsl:sequence select="if ($dt castable as xs:dateTime) then $dt else ()"/>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="()"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="tsw:date-format" as="xs:string?">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="format" as="xs:string?"/>
    <xsl:sequence select="if ($format) then $format
                          else if (string-length($value) eq 8) then '102'
                          else if (string-length($value) eq 12) then '203' else ()"/>
  </xsl:function>

  <!-- 1-based occurrence of a segment among all segments with the same tag in the message. -->
  <xsl:function name="tsw:occurrence" as="xs:integer">
    <xsl:param name="segment" as="element()"/>
    <xsl:param name="message" as="element()"/>
    <xsl:variable name="id" select="generate-id($segment)"/>
    <xsl:sequence select="index-of($message/descendant::*[local-name() eq local-name($segment)] ! generate-id(.), $id)[1]"/>
  </xsl:function>

  <xsl:function name="tsw:error" as="element(err:Error)">
    <xsl:param name="segment" as="element()"/>
    <xsl:param name="message" as="element()"/>
    <xsl:param name="element" as="xs:integer"/>
    <xsl:param name="component" as="xs:integer"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="reason" as="xs:string"/>
    <err:Error segment="{local-name($segment)}" occurrence="{tsw:occurrence($segment, $message)}"
               element="{$element}" component="{$component}">
      <xsl:if test="$value"><xsl:attribute name="value" select="$value"/></xsl:if>
      <xsl:value-of select="$reason"/>
    </err:Error>
  </xsl:function>

  <!-- ================================================================ message entry points -->

  <!-- The message-type element (e.g. D96A:CUSDEC) of the first message in the interchange. -->
  <xsl:function name="tsw:message" as="element()">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="($doc/*/*:Message/*[local-name() eq $type])[1]"/>
  </xsl:function>

  <!--
    CUSDEC. $groups keys: party (header NAD group), transport (TDT group), headerAmount (MOA group),
    item (CST group), itemPackage (PAC group in the item), itemPackageId (PCI group in the PAC group),
    itemAmount (MOA group in the item), itemDocument (DOC group in the item).
  -->
  <xsl:template name="tsw:cusdec">
    <xsl:param name="message" as="element()"/>
    <xsl:param name="groups" as="map(xs:string, xs:string)"/>
    <xsl:variable name="bgm" select="$message/BGM[1]"/>
    <xsl:variable name="code" select="tsw:v($bgm/C002/E1001)"/>
    <xsl:variable name="doc-type" select="if ($code eq '929') then 'IMPORT_DECLARATION'
                                          else if ($code eq '830') then 'EXPORT_DECLARATION' else ()"/>
    <xsl:variable name="items" select="tsw:grp($message, $groups?item)"/>
    <xsl:variable name="errors" as="element(err:Error)*">
      <xsl:choose>
        <xsl:when test="empty($code)">
          <xsl:sequence select="tsw:error($bgm, $message, 1, 1, (),
              'Document name code (1001) is missing; a customs declaration must be 929 (import) or 830 (export)')"/>
        </xsl:when>
        <xsl:when test="empty($doc-type)">
          <xsl:sequence select="tsw:error($bgm, $message, 1, 1, $code,
              'Document name code ' || $code || ' is not a supported customs declaration type; expected 929 (import) or 830 (export)')"/>
        </xsl:when>
      </xsl:choose>
      <xsl:sequence select="tsw:header-errors($message)"/>
      <xsl:for-each select="$items/CST[1][not((E1496[. ne ''])[1] castable as xs:positiveInteger)]">
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
            <xsl:with-param name="document-type" select="$doc-type"/>
          </xsl:call-template>
          <xsl:apply-templates select="tsw:grp($message, $groups?party)/NAD" mode="tsw:party"/>
          <xsl:apply-templates select="(tsw:grp($message, $groups?transport)/TDT)[1]" mode="tsw:transport"/>
          <xsl:call-template name="tsw:locations">
            <xsl:with-param name="locs" select="$message/LOC"/>
            <xsl:with-param name="document-type" select="$doc-type"/>
          </xsl:call-template>
          <!-- header EQD with the SEL segments that follow it (up to the next EQD) -->
          <xsl:for-each select="$message/EQD[E8053 eq 'CN'][C237/E8260 != '']">
            <xsl:variable name="eqd" select="."/>
            <xsl:call-template name="tsw:equipment">
              <xsl:with-param name="id" select="(C237/E8260[. ne ''])[1]"/>
              <xsl:with-param name="seals"
                  select="following-sibling::SEL[preceding-sibling::EQD[1] is $eqd]"/>
            </xsl:call-template>
          </xsl:for-each>
          <!-- the item's group names, looked up once (as tsw:grp: '' = the segments sit in the parent itself) -->
          <xsl:variable name="package-group" select="$groups?itemPackage"/>
          <xsl:variable name="package-id-group" select="$groups?itemPackageId"/>
          <xsl:variable name="amount-group" select="$groups?itemAmount"/>
          <xsl:variable name="document-group" select="$groups?itemDocument"/>
          <xsl:for-each select="$items">
            <xsl:call-template name="tsw:goods-item">
              <xsl:with-param name="sequence" select="(CST[1]/E1496[. ne ''])[1] ! string()"/>
              <xsl:with-param name="hs-code" select="(CST[1]/C246[1]/E7361[. ne ''])[1] ! string()"/>
              <xsl:with-param name="meas" select="MEA"/>
              <xsl:with-param name="packaging"
                  select="(if ($package-group) then *[local-name() eq $package-group] else .) ! (
                            let $quantity := (PAC/E7224[. ne ''])[1], $type := (PAC/C202/E7065[. ne ''])[1],
                                $marks := string-join(((if ($package-id-group)
                                    then *[local-name() eq $package-id-group] else .)/PCI)[1]/C210/E7102[. ne ''], ' ')[. ne '']
                            return if ($quantity or $type or $marks)
                                   then map{'quantity': $quantity ! translate(., ',', '.'), 'type': $type ! string(.),
                                            'marks': $marks} else ())"/>
              <xsl:with-param name="moas"
                  select="(if ($amount-group) then *[local-name() eq $amount-group] else .)/MOA"/>
              <xsl:with-param name="docs"
                  select="(if ($document-group) then *[local-name() eq $document-group] else .)/DOC"/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:call-template name="tsw:totals">
            <xsl:with-param name="message" select="$message"/>
            <xsl:with-param name="item-count" select="count($items)"/>
            <xsl:with-param name="gross" select="$message/MEA[C502/E6313 eq 'AAD']"/>
            <xsl:with-param name="moas" select="tsw:grp($message, $groups?headerAmount)/MOA"/>
          </xsl:call-template>
        </TradeDocument>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    CUSCAR. $groups keys: party (header NAD group, '' = NAD directly in the message), transport (TDT group),
    equipment (EQD group), consignment (CNI group), consignmentRef (RFF group in the CNI group),
    consignmentParty (NAD group in the RFF group), item (GID group in the RFF group),
    itemDocument (GIS-DOC group in the GID group).
  -->
  <!-- $document-type: CARGO_MANIFEST (the EMAN manifest), or CARGO_REPORT for a folder that receives CUSCAR as the
       Phase 3 cargo report and advance cargo information (cuscar-d96b) -->
  <xsl:template name="tsw:cuscar">
    <xsl:param name="message" as="element()"/>
    <xsl:param name="groups" as="map(xs:string, xs:string)"/>
    <xsl:param name="document-type" as="xs:string" select="'CARGO_MANIFEST'"/>
    <!-- true: BorderTransportMeans carries the expected arrival / departure (DTM 132 / 133 of the TDT group) -->
    <xsl:param name="transport-dates" as="xs:boolean" select="false()"/>
    <xsl:variable name="consignments" select="tsw:grp($message, $groups?consignment)"/>
    <xsl:variable name="all-items"
        select="tsw:grp(tsw:grp($consignments, $groups?consignmentRef), $groups?item)"/>
    <xsl:variable name="errors" as="element(err:Error)*">
      <xsl:sequence select="tsw:header-errors($message)"/>
      <xsl:for-each select="$all-items/GID[1][not((E1496[. ne ''])[1] castable as xs:positiveInteger)]">
        <xsl:sequence select="tsw:sequence-error(., $message)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($errors)">
        <xsl:call-template name="tsw:errors"><xsl:with-param name="errors" select="$errors"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="transport-groups" select="tsw:grp($message, $groups?transport)"/>
        <TradeDocument>
          <xsl:call-template name="tsw:header">
            <xsl:with-param name="message" select="$message"/>
            <xsl:with-param name="document-type" select="$document-type"/>
          </xsl:call-template>
          <xsl:apply-templates select="tsw:grp($message, $groups?party)/NAD" mode="tsw:party"/>
          <xsl:apply-templates select="($transport-groups/TDT)[1]" mode="tsw:transport">
            <xsl:with-param name="transport-dates" select="$transport-dates" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:call-template name="tsw:locations">
            <xsl:with-param name="locs" select="$message/LOC | $transport-groups/LOC"/>
            <xsl:with-param name="document-type" select="$document-type"/>
          </xsl:call-template>
          <xsl:for-each select="tsw:grp($message, $groups?equipment)[EQD/E8053 eq 'CN'][EQD/C237/E8260 != '']">
            <xsl:call-template name="tsw:equipment">
              <xsl:with-param name="id" select="(EQD/C237/E8260[. ne ''])[1]"/>
              <xsl:with-param name="seals" select="SEL"/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:for-each select="$consignments">
            <xsl:variable name="refs" select="tsw:grp(., $groups?consignmentRef)"/>
            <Consignment>
              <xsl:for-each select="($refs/RFF[C506/E1153 eq 'BM']/C506/E1154[. ne ''])[1]">
                <TransportContractDocument><ID><xsl:value-of select="."/></ID></TransportContractDocument>
              </xsl:for-each>
              <xsl:apply-templates select="tsw:grp($refs, $groups?consignmentParty)/NAD" mode="tsw:party"/>
              <xsl:call-template name="tsw:locations">
                <xsl:with-param name="locs" select="$refs/LOC"/>
                <xsl:with-param name="document-type" select="$document-type"/>
                <xsl:with-param name="offices" select="false()"/>
              </xsl:call-template>
              <!-- Cap. 60C transhipment indication: the consignment's place of transhipment (LOC 3227 = 13) -->
              <xsl:for-each select="($refs/LOC[E3227 eq '13'][C517/E3225 != ''])[1]">
                <TranshipmentIndicator>true</TranshipmentIndicator>
                <TranshipmentLocation>
                  <ID><xsl:value-of select="(C517/E3225[. ne ''])[1]"/></ID>
                  <xsl:for-each select="(C517/E3224[. ne ''])[1]"><Name><xsl:value-of select="."/></Name></xsl:for-each>
                </TranshipmentLocation>
              </xsl:for-each>
              <xsl:variable name="document-group" select="$groups?itemDocument"/>
              <xsl:for-each select="tsw:grp($refs, $groups?item)">
                <xsl:variable name="gid" select="GID[1]"/>
                <xsl:variable name="marks" select="string-join(PCI[1]/C210/E7102[. ne ''], ' ')[. ne '']"/>
                <!-- PCI marks belong to the item's first (outer) packaging -->
                <xsl:variable name="packs" select="($gid/C213[(E7224 | E7065) != ''] | PAC[(E7224 | C202/E7065) != ''])
                    ! (let $quantity := (E7224[. ne ''])[1], $type := ((E7065 | C202/E7065)[. ne ''])[1],
                           $first-marks := if (position() eq 1) then $marks else ()
                       return if ($quantity or $type or $first-marks)
                              then map{'quantity': $quantity ! translate(., ',', '.'), 'type': $type ! string(.),
                                       'marks': $first-marks} else ())"/>
                <xsl:call-template name="tsw:goods-item">
                  <xsl:with-param name="sequence" select="($gid/E1496[. ne ''])[1] ! string()"/>
                  <xsl:with-param name="meas" select="MEA"/>
                  <xsl:with-param name="packaging"
                      select="if (empty($packs) and $marks) then tsw:pack((), (), $marks) else $packs"/>
                  <xsl:with-param name="moas" select="MOA"/>
                  <xsl:with-param name="docs"
                      select="(if ($document-group) then *[local-name() eq $document-group] else .)/DOC"/>
                  <xsl:with-param name="equipment-ids" select="SGP/C237/E8260[. ne ''] ! string(.)"/>
                </xsl:call-template>
              </xsl:for-each>
            </Consignment>
          </xsl:for-each>
          <xsl:call-template name="tsw:totals">
            <xsl:with-param name="message" select="$message"/>
            <xsl:with-param name="item-count" select="count($all-items)"/>
          </xsl:call-template>
        </TradeDocument>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================ errors -->

  <xsl:template name="tsw:errors">
    <xsl:param name="errors" as="element(err:Error)+"/>
    <err:MappingErrors>
      <xsl:sequence select="$errors"/>
    </err:MappingErrors>
  </xsl:template>

  <!-- Problems in BGM and header DTM 137 that make a canonical Header impossible. -->
  <xsl:function name="tsw:header-errors" as="element(err:Error)*">
    <xsl:param name="message" as="element()"/>
    <xsl:variable name="bgm" select="$message/BGM[1]"/>
    <xsl:if test="empty(tsw:v($bgm/(E1004 | C106/E1004)))">
      <xsl:sequence select="tsw:error($bgm, $message, 2, 1, (),
          'Document number (1004) is missing; it is required as the functional reference of the document')"/>
    </xsl:if>
    <xsl:variable name="function" select="tsw:v($bgm/E1225)"/>
    <xsl:if test="$function and not(matches($function, '^[0-9]{1,2}$'))">
      <xsl:sequence select="tsw:error($bgm, $message, 3, 1, $function,
          'Message function code ' || $function || ' is not a one- or two-digit code')"/>
    </xsl:if>
    <xsl:for-each select="($message/DTM[C507/E2005 eq '137'])[1]">
      <xsl:variable name="value" select="tsw:v(C507/E2380)"/>
      <xsl:variable name="format" select="tsw:v(C507/E2379)"/>
      <xsl:choose>
        <xsl:when test="$format and not($format = ('102', '203'))">
          <xsl:sequence select="tsw:error(., $message, 1, 3, $format,
              'Date format ' || $format || ' is not supported for the issue date; expected 102 (CCYYMMDD) or 203 (CCYYMMDDHHMM)')"/>
        </xsl:when>
        <xsl:when test="empty(tsw:date-time($value, $format))">
          <xsl:sequence select="tsw:error(., $message, 1, 2, $value,
              'Issue date ' || ($value, '(empty)')[1] || ' is not a valid date in format ' || (tsw:date-format($value, $format), '102 or 203')[1])"/>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- CST / GID 1496 must be a positive whole number: it becomes GoodsItem/SequenceNumeric. -->
  <xsl:function name="tsw:sequence-error" as="element(err:Error)?">
    <xsl:param name="segment" as="element()"/>
    <xsl:param name="message" as="element()"/>
    <xsl:variable name="value" select="tsw:v($segment/E1496)"/>
    <xsl:if test="not($value castable as xs:positiveInteger)">
      <xsl:sequence select="tsw:error($segment, $message, 1, 1, $value,
          'Goods item number (1496) is missing or not a positive whole number')"/>
    </xsl:if>
  </xsl:function>

  <!-- ================================================================ header and Source -->

  <xsl:template name="tsw:header">
    <xsl:param name="message" as="element()"/>
    <xsl:param name="document-type" as="xs:string"/>
    <xsl:variable name="bgm" select="$message/BGM[1]"/>
    <xsl:variable name="unb" select="root($message)/*/UNB"/>
    <xsl:variable name="unh" select="$message/../UNH"/>
    <xsl:variable name="dtm" select="($message/DTM[C507/E2005 eq '137'])[1]"/>
    <Header>
      <DocumentType><xsl:value-of select="$document-type"/></DocumentType>
      <FunctionalReferenceID><xsl:value-of select="($bgm/(E1004 | C106/E1004)[. ne ''])[1]"/></FunctionalReferenceID>
      <FunctionCode><xsl:value-of select="($bgm/E1225[. ne ''], '9')[1]"/></FunctionCode>
      <xsl:for-each select="tsw:date-time(($dtm/C507/E2380[. ne ''])[1], ($dtm/C507/E2379[. ne ''])[1])">
        <IssueDateTime><xsl:value-of select="."/></IssueDateTime>
      </xsl:for-each>
      <Source>
        <Format>EDIFACT</Format>
        <MessageType><xsl:value-of select="($unh/S009/E0065[. ne ''])[1]"/></MessageType>
        <Version><xsl:value-of select="($unh/S009/E0052[. ne ''])[1] || ($unh/S009/E0054[. ne ''])[1]"/></Version>
        <xsl:for-each select="($unb/E0020[. ne ''])[1]">
          <InterchangeReference><xsl:value-of select="."/></InterchangeReference>
        </xsl:for-each>
        <xsl:for-each select="($unh/E0062[. ne ''])[1]">
          <MessageReference><xsl:value-of select="."/></MessageReference>
        </xsl:for-each>
        <xsl:call-template name="tsw:identifier">
          <xsl:with-param name="name" select="'SenderID'"/>
          <xsl:with-param name="id" select="($unb/S002/E0004[. ne ''])[1]"/>
          <xsl:with-param name="scheme" select="($unb/S002/E0007[. ne ''])[1]"/>
        </xsl:call-template>
        <xsl:call-template name="tsw:identifier">
          <xsl:with-param name="name" select="'RecipientID'"/>
          <xsl:with-param name="id" select="($unb/S003/E0010[. ne ''])[1]"/>
          <xsl:with-param name="scheme" select="($unb/S003/E0007[. ne ''])[1]"/>
        </xsl:call-template>
      </Source>
    </Header>
  </xsl:template>

  <xsl:template name="tsw:identifier">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="id" as="xs:string?"/>
    <xsl:param name="scheme" as="xs:string?"/>
    <xsl:if test="$id">
      <xsl:element name="{$name}" namespace="urn:hk:tsw:canonical:trade-document:1">
        <xsl:if test="$scheme"><xsl:attribute name="schemeID" select="$scheme"/></xsl:if>
        <xsl:value-of select="$id"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================ parties -->

  <!-- $roles: a message type's own qualifier -> role map (e.g. SANCRT's MS -> APPLICANT); default the above -->
  <xsl:template match="NAD" mode="tsw:party">
    <xsl:param name="roles" as="map(xs:string, xs:string)" select="$tsw:party-roles"/>
    <xsl:variable name="role" select="$roles(string(E3035))"/>
    <xsl:if test="exists($role)">
      <Party role="{$role}">
        <xsl:call-template name="tsw:identifier">
          <xsl:with-param name="name" select="'ID'"/>
          <xsl:with-param name="id" select="(C082/E3039[. ne ''])[1]"/>
          <xsl:with-param name="scheme" select="(C082/E3055[. ne ''])[1]"/>
        </xsl:call-template>
        <xsl:for-each select="string-join(C080/E3036[. ne ''], ' ')[. ne '']">
          <Name><xsl:value-of select="."/></Name>
        </xsl:for-each>
        <xsl:variable name="lines" select="C059/E3042[. ne '']"/>
        <xsl:variable name="city" select="(E3164[. ne ''])[1]"/>
        <xsl:variable name="postcode" select="(E3251[. ne ''])[1]"/>
        <xsl:variable name="country" select="(E3207[. ne ''])[1]"/>
        <xsl:if test="exists(($lines, $city, $postcode, $country))">
          <Address>
            <xsl:for-each select="$lines"><Line><xsl:value-of select="."/></Line></xsl:for-each>
            <xsl:for-each select="$city"><CityName><xsl:value-of select="."/></CityName></xsl:for-each>
            <xsl:for-each select="$postcode"><PostcodeID><xsl:value-of select="."/></PostcodeID></xsl:for-each>
            <xsl:for-each select="$country"><CountryCode><xsl:value-of select="."/></CountryCode></xsl:for-each>
          </Address>
        </xsl:if>
      </Party>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================ transport, locations, equipment -->

  <xsl:template match="TDT" mode="tsw:transport">
    <xsl:param name="transport-dates" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="id" select="(C222/E8213[. ne ''])[1]"/>
    <xsl:variable name="name" select="(C222/E8212[. ne ''])[1]"/>
    <xsl:variable name="mode" select="(C220/E8067[. ne ''])[1]"/>
    <xsl:variable name="journey" select="(E8028[. ne ''])[1]"/>
    <xsl:variable name="nationality" select="(C222/E8453[. ne ''])[1]"/>
    <xsl:if test="exists(($id, $name, $mode, $journey, $nationality))">
      <BorderTransportMeans>
        <xsl:for-each select="$id"><ID><xsl:value-of select="."/></ID></xsl:for-each>
        <xsl:for-each select="$name"><Name><xsl:value-of select="."/></Name></xsl:for-each>
        <xsl:for-each select="$mode"><ModeCode><xsl:value-of select="."/></ModeCode></xsl:for-each>
        <xsl:for-each select="$journey"><JourneyID><xsl:value-of select="."/></JourneyID></xsl:for-each>
        <xsl:for-each select="$nationality">
          <RegistrationNationalityCode><xsl:value-of select="."/></RegistrationNationalityCode>
        </xsl:for-each>
        <!-- only where a folder asks for them (the cargo report): DTM 132 / 133 beside the TDT, formats 102 / 203 -->
        <xsl:if test="$transport-dates">
          <xsl:for-each select="(../DTM[C507/E2005 eq '132'] ! tsw:date-time(tsw:v(C507/E2380), tsw:v(C507/E2379)))[1]">
            <ArrivalDateTime><xsl:value-of select="."/></ArrivalDateTime>
          </xsl:for-each>
          <xsl:for-each select="(../DTM[C507/E2005 eq '133'] ! tsw:date-time(tsw:v(C507/E2380), tsw:v(C507/E2379)))[1]">
            <DepartureDateTime><xsl:value-of select="."/></DepartureDateTime>
          </xsl:for-each>
        </xsl:if>
      </BorderTransportMeans>
    </xsl:if>
  </xsl:template>

  <!-- Loading / unloading location and customs offices; the first LOC with an id wins for each. -->
  <xsl:template name="tsw:locations">
    <xsl:param name="locs" as="element()*"/>
    <xsl:param name="document-type" as="xs:string"/>
    <xsl:param name="offices" as="xs:boolean" select="true()"/>
    <xsl:variable name="with-id" select="$locs[C517/E3225 != '']"/>
    <xsl:apply-templates select="$with-id[E3227 = $tsw:loading-qualifiers][1]" mode="tsw:location">
      <xsl:with-param name="name" select="'LoadingLocation'"/>
    </xsl:apply-templates>
    <xsl:apply-templates select="$with-id[E3227 = $tsw:unloading-qualifiers][1]" mode="tsw:location">
      <xsl:with-param name="name" select="'UnloadingLocation'"/>
    </xsl:apply-templates>
    <xsl:if test="$offices">
      <xsl:if test="$document-type eq 'EXPORT_DECLARATION'">
        <xsl:apply-templates select="$with-id[E3227 eq '22'][1]" mode="tsw:office">
          <xsl:with-param name="name" select="'ExitOffice'"/>
        </xsl:apply-templates>
      </xsl:if>
      <xsl:variable name="entry-qualifiers"
          select="if ($document-type eq 'IMPORT_DECLARATION') then ('22', '41') else '41'"/>
      <xsl:apply-templates select="$with-id[E3227 = $entry-qualifiers][1]" mode="tsw:office">
        <xsl:with-param name="name" select="'EntryOffice'"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <xsl:template match="LOC" mode="tsw:location">
    <xsl:param name="name" as="xs:string"/>
    <xsl:element name="{$name}" namespace="urn:hk:tsw:canonical:trade-document:1">
      <ID><xsl:value-of select="(C517/E3225[. ne ''])[1]"/></ID>
      <xsl:for-each select="(C517/E3224[. ne ''])[1]"><Name><xsl:value-of select="."/></Name></xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:template match="LOC" mode="tsw:office">
    <xsl:param name="name" as="xs:string"/>
    <xsl:element name="{$name}" namespace="urn:hk:tsw:canonical:trade-document:1">
      <ID><xsl:value-of select="(C517/E3225[. ne ''])[1]"/></ID>
    </xsl:element>
  </xsl:template>

  <xsl:template name="tsw:equipment">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="seals" as="element()*"/>
    <TransportEquipment>
      <ID><xsl:value-of select="$id"/></ID>
      <xsl:for-each select="($seals/E9308 ! string(.))[. ne '']">
        <Seal><ID><xsl:value-of select="."/></ID></Seal>
      </xsl:for-each>
    </TransportEquipment>
  </xsl:template>

  <!-- ================================================================ goods item -->

  <!-- Context: the goods item's group (FTX and LOC are read from it); the rest comes as parameters. -->
  <xsl:template name="tsw:goods-item">
    <xsl:param name="sequence" as="xs:string"/>
    <xsl:param name="hs-code" as="xs:string?"/>
    <xsl:param name="meas" as="element()*"/>
    <xsl:param name="packaging" as="map(xs:string, xs:string?)*"/>
    <xsl:param name="moas" as="element()*"/>
    <xsl:param name="docs" as="element()*"/>
    <xsl:param name="equipment-ids" as="xs:string*"/>
    <GoodsItem>
      <SequenceNumeric><xsl:value-of select="$sequence"/></SequenceNumeric>
      <xsl:variable name="description"
          select="string-join(FTX[E4451 eq 'AAA'][1]/C108/E4440[. ne ''], ' ')[. ne '']"/>
      <xsl:if test="$description or $hs-code">
        <Commodity>
          <xsl:for-each select="$description"><Description><xsl:value-of select="."/></Description></xsl:for-each>
          <xsl:for-each select="$hs-code">
            <Classification listID="HS"><ID><xsl:value-of select="."/></ID></Classification>
          </xsl:for-each>
        </Commodity>
      </xsl:if>
      <xsl:variable name="mass" select="$meas[E6311 = $tsw:mass-applications][C174/E6314 != ''][C174/E6411 != '']"/>
      <xsl:variable name="gross" select="$mass[C502/E6313 = $tsw:gross-dimensions][1]"/>
      <xsl:variable name="net" select="$mass[C502/E6313 = $tsw:net-dimensions][1]"/>
      <xsl:if test="$gross or $net">
        <GoodsMeasure>
          <!-- as the MEA template in mode tsw:measure writes them, without a template search per item -->
          <xsl:for-each select="$gross">
            <GrossMassMeasure unitCode="{(C174/E6411[. ne ''])[1]}"><xsl:value-of
                select="translate((C174/E6314[. ne ''])[1], ',', '.')"/></GrossMassMeasure>
          </xsl:for-each>
          <xsl:for-each select="$net">
            <NetMassMeasure unitCode="{(C174/E6411[. ne ''])[1]}"><xsl:value-of
                select="translate((C174/E6314[. ne ''])[1], ',', '.')"/></NetMassMeasure>
          </xsl:for-each>
        </GoodsMeasure>
      </xsl:if>
      <xsl:for-each select="$packaging">
        <Packaging>
          <xsl:for-each select="?quantity"><QuantityQuantity><xsl:value-of select="."/></QuantityQuantity></xsl:for-each>
          <xsl:for-each select="?type"><TypeCode><xsl:value-of select="."/></TypeCode></xsl:for-each>
          <xsl:for-each select="?marks"><MarksNumbersID><xsl:value-of select="."/></MarksNumbersID></xsl:for-each>
        </Packaging>
      </xsl:for-each>
      <xsl:for-each select="(LOC[E3227 eq '27']/C517/E3225[. ne ''])[1]">
        <Origin><CountryCode><xsl:value-of select="."/></CountryCode></Origin>
      </xsl:for-each>
      <!-- as the MOA template in mode tsw:amount writes it -->
      <xsl:for-each select="$moas[C516/E5025 eq '146'][C516/E5004 != ''][1]">
        <ValueAmount>
          <xsl:for-each select="(C516/E6345[. ne ''])[1]"><xsl:attribute name="currencyID" select="."/></xsl:for-each>
          <xsl:value-of select="translate((C516/E5004[. ne ''])[1], ',', '.')"/>
        </ValueAmount>
      </xsl:for-each>
      <xsl:variable name="documents" select="$docs[C503/E1004 != '']"/>
      <!-- MEA 6311 AAK "licence (quantity deducted)": written off the item's first licence (DOC 811 or 911) -->
      <xsl:variable name="write-off" select="$meas[E6311 eq 'AAK'][C174/E6314 != ''][C174/E6411 != ''][1]"/>
      <xsl:variable name="licence"
          select="if ($write-off) then $documents[(C002/E1001[. ne ''])[1] = ('811', '911')][1] else ()"/>
      <xsl:for-each select="$documents">
        <AdditionalDocument>
          <ID><xsl:value-of select="(C503/E1004[. ne ''])[1]"/></ID>
          <xsl:for-each select="(C002/E1001[. ne ''])[1]"><TypeCode><xsl:value-of select="."/></TypeCode></xsl:for-each>
          <xsl:if test=". is $licence">
            <WriteOff>
              <QuantityQuantity unitCode="{($write-off/C174/E6411[. ne ''])[1]}"><xsl:value-of
                  select="translate(($write-off/C174/E6314[. ne ''])[1], ',', '.')"/></QuantityQuantity>
            </WriteOff>
          </xsl:if>
        </AdditionalDocument>
      </xsl:for-each>
      <xsl:for-each select="$equipment-ids">
        <TransportEquipment><ID><xsl:value-of select="."/></ID></TransportEquipment>
      </xsl:for-each>
    </GoodsItem>
  </xsl:template>

  <!-- One package of a goods item as data (no element is built until the item writes it); () when all are empty. -->
  <xsl:function name="tsw:pack" as="map(xs:string, xs:string?)?">
    <xsl:param name="quantity" as="xs:string?"/>
    <xsl:param name="type" as="xs:string?"/>
    <xsl:param name="marks" as="xs:string?"/>
    <xsl:sequence select="if ($quantity or $type or $marks)
                          then map{'quantity': tsw:decimal($quantity), 'type': $type, 'marks': $marks} else ()"/>
  </xsl:function>

  <xsl:function name="tsw:packaging-element" as="element()?">
    <xsl:param name="quantity" as="xs:string?"/>
    <xsl:param name="type" as="xs:string?"/>
    <xsl:param name="marks" as="xs:string?"/>
    <xsl:if test="$quantity or $type or $marks">
      <Packaging>
        <xsl:for-each select="tsw:decimal($quantity)"><QuantityQuantity><xsl:value-of select="."/></QuantityQuantity></xsl:for-each>
        <xsl:for-each select="$type"><TypeCode><xsl:value-of select="."/></TypeCode></xsl:for-each>
        <xsl:for-each select="$marks"><MarksNumbersID><xsl:value-of select="."/></MarksNumbersID></xsl:for-each>
      </Packaging>
    </xsl:if>
  </xsl:function>

  <!-- (X[. ne ''])[1] below is tsw:v(X) without a function call, translate(..., ',', '.') tsw:decimal -->
  <xsl:template match="MEA" mode="tsw:measure">
    <xsl:param name="name" as="xs:string"/>
    <xsl:element name="{$name}" namespace="urn:hk:tsw:canonical:trade-document:1">
      <xsl:attribute name="unitCode" select="(C174/E6411[. ne ''])[1]"/>
      <xsl:value-of select="translate((C174/E6314[. ne ''])[1], ',', '.')"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="MOA" mode="tsw:amount">
    <xsl:param name="name" as="xs:string"/>
    <xsl:element name="{$name}" namespace="urn:hk:tsw:canonical:trade-document:1">
      <xsl:for-each select="(C516/E6345[. ne ''])[1]"><xsl:attribute name="currencyID" select="."/></xsl:for-each>
      <xsl:value-of select="translate((C516/E5004[. ne ''])[1], ',', '.')"/>
    </xsl:element>
  </xsl:template>

  <!-- ================================================================ totals -->

  <xsl:template name="tsw:totals">
    <xsl:param name="message" as="element()"/>
    <xsl:param name="item-count" as="xs:integer"/>
    <xsl:param name="gross" as="element()*" select="()"/>
    <xsl:param name="moas" as="element()*" select="()"/>
    <xsl:variable name="cnt5" select="tsw:v($message/CNT/C270[E6069 eq '5']/E6066)"/>
    <xsl:variable name="cnt11" select="tsw:v($message/CNT/C270[E6069 eq '11']/E6066)"/>
    <Totals>
      <GoodsItemQuantity>
        <xsl:value-of select="if ($cnt5 and tsw:decimal($cnt5) castable as xs:nonNegativeInteger)
                              then tsw:decimal($cnt5) else $item-count"/>
      </GoodsItemQuantity>
      <xsl:for-each select="tsw:decimal($cnt11)">
        <TotalPackageQuantity><xsl:value-of select="."/></TotalPackageQuantity>
      </xsl:for-each>
      <xsl:apply-templates select="$gross[C174/E6314 != ''][C174/E6411 != ''][1]" mode="tsw:measure">
        <xsl:with-param name="name" select="'TotalGrossMassMeasure'"/>
      </xsl:apply-templates>
      <xsl:apply-templates select="$moas[C516/E5025 eq '39'][C516/E5004 != ''][1]" mode="tsw:amount">
        <xsl:with-param name="name" select="'InvoiceAmount'"/>
      </xsl:apply-templates>
    </Totals>
  </xsl:template>

</xsl:stylesheet>
