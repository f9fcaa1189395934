<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared module of the business rules: included by every mappings/rules/<DOCUMENT_TYPE>/rules.xsl.

  Input: a canonical TradeDocument (urn:hk:tsw:canonical:trade-document:1) that already passed the canonical
  schema. Output of a rules.xsl: r:Failures with one r:Failure per broken rule occurrence; every rule runs, so
  all failures are collected, not just the first.

  Code lists are data: every common/*.xml is handed to the stylesheet by the engine (BusinessRules) as a
  document parameter named rc:<file name without .xml>, e.g. rc:iso3166-countries. The stylesheet reads no
  file itself (the Saxon processor is not allowed to).

  Rules defined here (CMN-*) apply to every document type that calls rc:common-rules; see the README of each
  document type for the table.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:t="urn:hk:tsw:canonical:trade-document:1"
                xmlns:r="urn:hk:tsw:rule-failures:1"
                xmlns:rc="urn:hk:tsw:rules-common"
                xmlns:cl="urn:hk:tsw:code-list:1"
                xmlns:err="http://www.w3.org/2005/xqt-errors"
                exclude-result-prefixes="xs t rc cl err">

  <xsl:param name="rc:iso3166-countries" as="document-node()" required="yes"/>
  <xsl:param name="rc:iso4217-currencies" as="document-node()" required="yes"/>

  <xsl:key name="rc:country" match="cl:country" use="@code"/>
  <xsl:key name="rc:currency" match="cl:currency[not(@kind = ('testing', 'none'))]" use="@code"/>

  <!-- ===== building blocks ===== -->

  <!-- One failure. $path is the XPath (local names) of the offending node or of where a missing one belongs. -->
  <xsl:function name="rc:failure" as="element(r:Failure)">
    <xsl:param name="rule" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="message" as="xs:string"/>
    <r:Failure rule="{$rule}" xpath="{$path}">
      <xsl:if test="exists($value)">
        <xsl:attribute name="value" select="$value"/>
      </xsl:if>
      <xsl:value-of select="$message"/>
    </r:Failure>
  </xsl:function>

  <!-- XPath of a node by local names; a position only where the element has same-named siblings. -->
  <xsl:function name="rc:path" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string-join(for $n in $node/ancestor-or-self::node()[not(self::document-node())]
        return '/' || rc:step($n), '')"/>
  </xsl:function>

  <xsl:function name="rc:step" as="xs:string">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="if ($n instance of attribute()) then '@' || local-name($n)
        else if (count($n/../*[node-name() eq node-name($n)]) gt 1) then local-name($n) || '[' || rc:index($n) || ']'
        else local-name($n)"/>
  </xsl:function>

  <!-- 1-based position of an element among its same-named siblings. -->
  <xsl:function name="rc:index" as="xs:integer">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="count($e/preceding-sibling::*[node-name() eq node-name($e)]) + 1"/>
  </xsl:function>

  <!-- Where a node is, in words: "goods item 2", "the CONSIGNEE party of consignment 1", "the totals". -->
  <xsl:function name="rc:where" as="xs:string">
    <xsl:param name="n" as="node()"/>
    <xsl:variable name="cons" select="$n/ancestor-or-self::t:Consignment[1]"/>
    <!-- a consolidation's house consignment (IFCSUM): "goods item 1 of house consignment 2 of consignment 1" -->
    <xsl:variable name="house" select="$n/ancestor-or-self::t:HouseConsignment[1]"/>
    <xsl:variable name="in-house" select="if ($house) then ' of house consignment ' || rc:index($house) else ''"/>
    <xsl:variable name="in-cons" select="$in-house || (if ($cons) then ' of consignment ' || rc:index($cons) else '')"/>
    <xsl:variable name="party" select="$n/ancestor-or-self::t:Party[1]"/>
    <xsl:variable name="item" select="$n/ancestor-or-self::t:GoodsItem[1]"/>
    <xsl:sequence select="
        if ($party) then 'the ' || $party/@role || ' party' || $in-cons
        else if ($item) then 'goods item ' || rc:index($item) || $in-cons
        else if ($house) then 'house consignment ' || rc:index($house) || ' of consignment ' || rc:index($cons)
        else if ($cons) then 'consignment ' || rc:index($cons)
        else if ($n/ancestor-or-self::t:BorderTransportMeans) then 'the border transport means'
        else if ($n/ancestor-or-self::t:Totals) then 'the totals'
        else 'the document'"/>
  </xsl:function>

  <!-- What a measure or quantity is, in words. -->
  <xsl:function name="rc:what" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="map {
        'GrossMassMeasure': 'Gross mass', 'NetMassMeasure': 'Net mass',
        'QuantityQuantity': 'Number of packages', 'TotalGrossMassMeasure': 'Total gross mass',
        'TotalPackageQuantity': 'Total number of packages', 'GoodsItemQuantity': 'Total number of goods items'
      }(local-name($e))"/>
  </xsl:function>

  <!-- The value as a decimal, or () when it is not one (blank, text, an exponent). One cast, caught when it fails: the
       same answer as "castable as xs:decimal, then cast" (a cast to xs:decimal fails only on a value that is not
       castable, with FORG0001), parsing the value once instead of twice. -->
  <xsl:function name="rc:number" as="xs:decimal?">
    <xsl:param name="v" as="item()?"/>
    <xsl:try select="xs:decimal(normalize-space($v))">
      <xsl:catch errors="err:FORG0001" select="()"/>
    </xsl:try>
  </xsl:function>

  <!-- A measure for messages: "1450 KGM". -->
  <xsl:function name="rc:measure" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="normalize-space($e) || (if ($e/@unitCode) then ' ' || $e/@unitCode else '')"/>
  </xsl:function>

  <!-- A mandatory element: a failure when $present is empty. -->
  <xsl:function name="rc:required" as="element(r:Failure)?">
    <xsl:param name="present" as="node()*"/>
    <xsl:param name="rule" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:param name="message" as="xs:string"/>
    <xsl:sequence select="if (empty($present)) then rc:failure($rule, $path, (), $message) else ()"/>
  </xsl:function>

  <!-- HS code: digits only, 6, 8 or 10 of them. -->
  <xsl:function name="rc:hs-code-format" as="element(r:Failure)*">
    <xsl:param name="doc" as="element(t:TradeDocument)"/>
    <xsl:param name="rule" as="xs:string"/>
    <xsl:for-each select="$doc//t:GoodsItem/t:Commodity/t:Classification[not(@listID) or @listID = 'HS']/t:ID
                          [not(matches(., '^([0-9]{6}|[0-9]{8}|[0-9]{10})$'))]">
      <xsl:sequence select="rc:failure($rule, rc:path(.), string(.), 'HS code ''' || . || ''' of ' || rc:where(.)
          || ' must be 6, 8 or 10 digits')"/>
    </xsl:for-each>
  </xsl:function>

  <!-- ===== rules for every document type ===== -->

  <xsl:template name="rc:common-rules" as="element(r:Failure)*">
    <xsl:context-item as="element(t:TradeDocument)" use="required"/>

    <!-- CMN-001 country codes -->
    <xsl:for-each select="(.//t:CountryCode | .//t:RegistrationNationalityCode)
                          [empty(key('rc:country', normalize-space(.), $rc:iso3166-countries))]">
      <xsl:variable name="what" select="if (self::t:RegistrationNationalityCode) then 'Nationality code'
          else if (parent::t:Origin) then 'Country of origin code' else 'Address country code'"/>
      <xsl:sequence select="rc:failure('CMN-001', rc:path(.), string(.), $what || ' ''' || . || ''' of ' || rc:where(.)
          || ' is not an ISO 3166-1 alpha-2 country code')"/>
    </xsl:for-each>

    <!-- CMN-002 currency codes -->
    <xsl:for-each select=".//@currencyID[empty(key('rc:currency', normalize-space(.), $rc:iso4217-currencies))]">
      <xsl:variable name="of" select="if (parent::t:InvoiceAmount) then 'the total invoice amount'
          else 'the value of ' || rc:where(.)"/>
      <xsl:sequence select="rc:failure('CMN-002', rc:path(.), string(.), 'Currency code ''' || . || ''' of ' || $of
          || ' is not an active ISO 4217 currency code')"/>
    </xsl:for-each>

    <!-- CMN-003 UN/LOCODE format of loading and unloading locations -->
    <xsl:for-each select="(.//t:LoadingLocation/t:ID | .//t:UnloadingLocation/t:ID)[not(matches(., '^[A-Z]{2}[A-Z2-9]{3}$'))]">
      <xsl:variable name="what" select="if (parent::t:LoadingLocation) then 'Loading location' else 'Unloading location'"/>
      <xsl:variable name="where" select="if (ancestor::t:Consignment) then ' of ' || rc:where(.) else ''"/>
      <xsl:sequence select="rc:failure('CMN-003', rc:path(.), string(.), $what || ' ''' || . || '''' || $where
          || ' is not a UN/LOCODE (2 letters for the country, then 3 letters or digits 2-9)')"/>
    </xsl:for-each>

    <!-- CMN-004 quantities and masses positive -->
    <xsl:for-each select=".//t:GrossMassMeasure | .//t:NetMassMeasure | .//t:Packaging/t:QuantityQuantity
                          | t:Totals/t:TotalGrossMassMeasure | t:Totals/t:TotalPackageQuantity">
      <xsl:variable name="n" select="rc:number(.)"/>
      <xsl:if test="empty($n) or $n le 0">
        <xsl:variable name="where" select="if (ancestor::t:Totals) then '' else ' of ' || rc:where(.)"/>
        <xsl:sequence select="rc:failure('CMN-004', rc:path(.), normalize-space(.), rc:what(.) || $where
            || ' must be a number greater than zero, not ''' || normalize-space(.) || '''')"/>
      </xsl:if>
    </xsl:for-each>

    <!-- CMN-005 net mass not above gross mass, per item (same unit only) -->
    <xsl:for-each select=".//t:GoodsItem/t:GoodsMeasure[t:GrossMassMeasure and t:NetMassMeasure]
                          [string(t:GrossMassMeasure/@unitCode) = string(t:NetMassMeasure/@unitCode)]
                          [rc:number(t:NetMassMeasure) gt rc:number(t:GrossMassMeasure)]">
      <xsl:sequence select="rc:failure('CMN-005', rc:path(t:NetMassMeasure), normalize-space(t:NetMassMeasure),
          'Net mass ' || rc:measure(t:NetMassMeasure) || ' of ' || rc:where(.) || ' is above its gross mass '
          || rc:measure(t:GrossMassMeasure))"/>
    </xsl:for-each>

    <!-- CMN-006 number of goods items -->
    <xsl:variable name="items" select=".//t:GoodsItem"/>
    <xsl:for-each select="t:Totals/t:GoodsItemQuantity[rc:number(.) ne count($items)]">
      <xsl:sequence select="rc:failure('CMN-006', rc:path(.), normalize-space(.), 'Total number of goods items is '
          || normalize-space(.) || ' but the document has ' || count($items) || ' goods item'
          || (if (count($items) eq 1) then '' else 's'))"/>
    </xsl:for-each>

    <!-- CMN-007 total gross mass within 1% of the items' sum (every item has a gross mass in the same unit) -->
    <xsl:for-each select="t:Totals/t:TotalGrossMassMeasure[exists(rc:number(.))]">
      <xsl:variable name="total" select="rc:number(.)"/>
      <xsl:variable name="unit" select="string(@unitCode)"/>
      <xsl:variable name="masses" select="$items/t:GoodsMeasure/t:GrossMassMeasure"/>
      <!-- each mass's number once: as many numbers as masses means every mass is a number -->
      <xsl:variable name="mass-numbers" select="$masses ! rc:number(.)"/>
      <xsl:if test="exists($items) and count($masses) eq count($items)
                    and (every $m in $masses satisfies string($m/@unitCode) eq $unit)
                    and count($mass-numbers) eq count($masses)">
        <xsl:variable name="sum" select="sum($mass-numbers)"/>
        <xsl:if test="abs($total - $sum) gt 0.01 * abs($total)">
          <xsl:sequence select="rc:failure('CMN-007', rc:path(.), normalize-space(.), 'Total gross mass '
              || rc:measure(.) || ' differs by more than 1% from the sum of the goods items'' gross masses ('
              || $sum || ' ' || $unit || ')')"/>
        </xsl:if>
      </xsl:if>
    </xsl:for-each>

    <!-- CMN-008 total number of packages -->
    <!-- the numbers of the goods items' packages, each parsed once (a quantity that is no number adds nothing) -->
    <xsl:variable name="package-numbers" select="$items/t:Packaging/t:QuantityQuantity ! rc:number(.)"/>
    <xsl:for-each select="t:Totals/t:TotalPackageQuantity[exists($package-numbers)][rc:number(.) ne sum($package-numbers)]">
      <xsl:sequence select="rc:failure('CMN-008', rc:path(.), normalize-space(.), 'Total number of packages is '
          || normalize-space(.) || ' but the packages of the goods items add up to ' || sum($package-numbers))"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== rules for every customs declaration (import and export) ===== -->

  <xsl:template name="rc:declaration-rules" as="element(r:Failure)*">
    <xsl:context-item as="element(t:TradeDocument)" use="required"/>
    <!-- DECL-001 declarant -->
    <xsl:sequence select="rc:required(t:Party[@role = 'DECLARANT'], 'DECL-001', '/TradeDocument/Party[@role=''DECLARANT'']',
        'The declaration has no DECLARANT party')"/>
    <!-- DECL-002 at least one goods item -->
    <xsl:sequence select="rc:required(t:GoodsItem, 'DECL-002', '/TradeDocument/GoodsItem',
        'The declaration has no goods item')"/>
    <!-- DECL-003 HS code format -->
    <xsl:sequence select="rc:hs-code-format(., 'DECL-003')"/>
    <!-- DECL-004 each goods item has an HS code -->
    <xsl:for-each select="t:GoodsItem[empty(t:Commodity/t:Classification[not(@listID) or @listID = 'HS']/t:ID)]">
      <xsl:sequence select="rc:failure('DECL-004', rc:path(.) || '/Commodity/Classification/ID', (),
          'Goods item ' || rc:index(.) || ' has no HS code (commodity classification)')"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
