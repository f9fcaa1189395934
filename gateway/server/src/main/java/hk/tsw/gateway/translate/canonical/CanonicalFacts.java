package hk.tsw.gateway.translate.canonical;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.xml.transform.sax.SAXSource;

import hk.tsw.gateway.security.SecureXml;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.om.AxisInfo;
import net.sf.saxon.om.NodeInfo;
import net.sf.saxon.pattern.NodeKindTest;
import net.sf.saxon.tree.iter.AxisIterator;
import net.sf.saxon.type.Type;
import org.xml.sax.InputSource;

/**
 * What the gateway itself reads from a canonical document: the fields routing, the partner checks and the search
 * references need, taken in one walk of the tree the mapping produced (no second parse, no object model). Values
 * are as the JAXB model would give them: identifiers ({@code xs:string} types) exactly as written, codes
 * ({@code xs:token}) with their whitespace collapsed.
 *
 * @param hsCodes                 {@code GoodsItem/Commodity/Classification/ID} of every goods item (house consignments'
 *                                included), in document order
 * @param additionalDocumentTypes {@code GoodsItem/AdditionalDocument/TypeCode} of every goods item
 * @param billsOfLading           {@code Consignment/TransportContractDocument/ID}, and of its house consignments
 *                                (a consolidation: the master bill, then the house bills)
 * @param containers              {@code TransportEquipment/ID} of the document and of every goods item
 * @param lpcoType                {@code LPCOApplication/TypeCode} (LPCO_APPLICATION only), else null
 * @param transportMode           {@code BorderTransportMeans/ModeCode} (UN/ECE Rec 19), else null
 */
public record CanonicalFacts(String documentType, String sourceFormat, String senderId, List<String> hsCodes,
                             List<String> additionalDocumentTypes, Set<String> billsOfLading, Set<String> containers,
                             String lpcoType, String transportMode) {

    /** The facts of a document without LPCO type and transport mode. */
    public CanonicalFacts(String documentType, String sourceFormat, String senderId, List<String> hsCodes,
                          List<String> additionalDocumentTypes, Set<String> billsOfLading, Set<String> containers) {
        this(documentType, sourceFormat, senderId, hsCodes, additionalDocumentTypes, billsOfLading, containers, null, null);
    }

    public static final String NS = "urn:hk:tsw:canonical:trade-document:1";

    private static final Processor PARSER = SecureXml.saxon();

    /** Reads the facts from the tree when there is one, else from the bytes (parsed with the hardened parser). */
    public static CanonicalFacts of(XdmNode tree, byte[] xml) {
        return of(tree != null ? tree : parse(xml));
    }

    /** Reads the facts from a canonical document node (or its {@code TradeDocument} element). */
    public static CanonicalFacts of(XdmNode document) {
        return walk(root(document), true);
    }

    /**
     * Only the LPCO type and the transport mode (what picks a document's per-type business rules), read as
     * {@link #of(XdmNode)} reads them but without walking the consignments and goods items. The other facts are empty.
     */
    public static CanonicalFacts lpcoTypeAndMode(XdmNode document) {
        return walk(root(document), false);
    }

    /** One walk of the root's children; {@code all} false: only the LPCO type and the transport mode. */
    private static CanonicalFacts walk(NodeInfo root, boolean all) {
        List<String> hs = new ArrayList<>();
        List<String> additional = new ArrayList<>();
        Set<String> bills = new LinkedHashSet<>();
        Set<String> containers = new LinkedHashSet<>();
        String lpcoType = null;
        String mode = null;
        AxisIterator children = root.iterateAxis(AxisInfo.CHILD, NodeKindTest.ELEMENT);
        for (NodeInfo e = children.next(); e != null; e = children.next()) {
            if (!NS.equals(e.getURI())) {
                continue;
            }
            switch (e.getLocalPart()) {
                case "LPCOApplication" -> lpcoType = token(text(first(e, "TypeCode")));
                case "BorderTransportMeans" -> mode = token(text(first(e, "ModeCode")));
                case "TransportEquipment" -> {
                    if (all) {
                        add(containers, text(first(e, "ID")));
                    }
                }
                case "GoodsItem" -> {
                    if (all) {
                        goodsItem(e, hs, additional, containers);
                    }
                }
                case "Consignment" -> {
                    if (all) {
                        consignment(e, bills, hs, additional, containers);
                    }
                }
                default -> {
                }
            }
        }
        if (!all) {
            return new CanonicalFacts(null, null, null, List.of(), List.of(), Set.of(), Set.of(), lpcoType, mode);
        }
        NodeInfo header = first(root, "Header");
        NodeInfo source = first(header, "Source");
        return new CanonicalFacts(token(text(first(header, "DocumentType"))), token(text(first(source, "Format"))),
                text(first(source, "SenderID")), List.copyOf(hs), List.copyOf(additional),
                java.util.Collections.unmodifiableSet(bills), java.util.Collections.unmodifiableSet(containers),
                lpcoType, mode);
    }

    /**
     * Only the header's facts (document type, source format, sender id), without walking the goods items: what the
     * partner checks need. The list and set facts are empty.
     */
    public static CanonicalFacts header(XdmNode tree, byte[] xml) {
        NodeInfo root = root(tree != null ? tree : parse(xml));
        NodeInfo header = first(root, "Header");
        NodeInfo source = first(header, "Source");
        return new CanonicalFacts(token(text(first(header, "DocumentType"))), token(text(first(source, "Format"))),
                text(first(source, "SenderID")), List.of(), List.of(), Set.of(), Set.of());
    }

    private static NodeInfo root(XdmNode document) {
        NodeInfo node = document.getUnderlyingNode();
        NodeInfo root = node.getNodeKind() == Type.DOCUMENT ? first(node, "TradeDocument") : node;
        if (root == null || !is(root, "TradeDocument")) {
            throw new IllegalArgumentException("not a canonical trade document");
        }
        return root;
    }

    /** A consignment's bill and goods items; a consolidation's house consignments (bills and items) as well. */
    private static void consignment(NodeInfo consignment, Set<String> bills, List<String> hs, List<String> additional,
                                    Set<String> containers) {
        add(bills, text(first(first(consignment, "TransportContractDocument"), "ID")));
        AxisIterator items = consignment.iterateAxis(AxisInfo.CHILD, NodeKindTest.ELEMENT);
        for (NodeInfo item = items.next(); item != null; item = items.next()) {
            if (is(item, "GoodsItem")) {
                goodsItem(item, hs, additional, containers);
            } else if (is(item, "HouseConsignment")) {
                consignment(item, bills, hs, additional, containers);
            }
        }
    }

    private static void goodsItem(NodeInfo item, List<String> hs, List<String> additional, Set<String> containers) {
        AxisIterator children = item.iterateAxis(AxisInfo.CHILD, NodeKindTest.ELEMENT);
        for (NodeInfo c = children.next(); c != null; c = children.next()) {
            if (!NS.equals(c.getURI())) {
                continue;
            }
            switch (c.getLocalPart()) {
                case "Commodity" -> {
                    AxisIterator classifications = c.iterateAxis(AxisInfo.CHILD, NodeKindTest.ELEMENT);
                    for (NodeInfo cl = classifications.next(); cl != null; cl = classifications.next()) {
                        if (is(cl, "Classification")) {
                            add(hs, text(first(cl, "ID")));
                        }
                    }
                }
                case "AdditionalDocument" -> add(additional, token(text(first(c, "TypeCode"))));
                case "TransportEquipment" -> add(containers, text(first(c, "ID")));
                default -> {
                }
            }
        }
    }

    private static void add(java.util.Collection<String> to, String value) {
        if (value != null) {
            to.add(value);
        }
    }

    private static boolean is(NodeInfo n, String localName) {
        return n.getLocalPart().equals(localName) && NS.equals(n.getURI());
    }

    private static NodeInfo first(NodeInfo parent, String localName) {
        if (parent == null) {
            return null;
        }
        AxisIterator children = parent.iterateAxis(AxisInfo.CHILD, NodeKindTest.ELEMENT);
        for (NodeInfo n = children.next(); n != null; n = children.next()) {
            if (is(n, localName)) {
                return n;
            }
        }
        return null;
    }

    private static String text(NodeInfo n) {
        return n == null ? null : n.getStringValue();
    }

    /** xs:token's whitespace collapse, as JAXB's adapter applies it. */
    private static String token(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return s.strip().replaceAll("\\s+", " ");
            }
        }
        return s;
    }

    private static XdmNode parse(byte[] xml) {
        try {
            SAXSource source = new SAXSource(SecureXml.xmlReader(), new InputSource(new ByteArrayInputStream(xml)));
            return PARSER.newDocumentBuilder().build(source);
        } catch (SaxonApiException e) {
            throw new IllegalArgumentException("not a canonical trade document: " + e.getMessage(), e);
        }
    }
}
