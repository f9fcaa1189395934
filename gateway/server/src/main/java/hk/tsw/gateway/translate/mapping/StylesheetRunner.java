package hk.tsw.gateway.translate.mapping;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;

import hk.tsw.gateway.translate.mapping.direct.TinyTrees;
import hk.tsw.gateway.translate.xml.XmlFrontDoor;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SAXDestination;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.Serializer;
import net.sf.saxon.s9api.TeeDestination;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.Xslt30Transformer;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Runs a mapping's stylesheet and reads what it produced: either a canonical document, serialised and validated
 * against the canonical schema, or the mapping's own list of problems ({@code err:MappingErrors}).
 */
final class StylesheetRunner {

    static final String ERRORS_NS = "urn:hk:tsw:mapping-errors:1";

    /** A problem the stylesheet reported; EDIFACT ones carry segment/occurrence, XML ones an XPath. */
    record Problem(String segment, int occurrence, int element, int component, String xpath, String value,
                   String reason) {
    }

    /** Either {@code xml} (valid canonical bytes) or problems/invalidity. */
    record Output(byte[] xml, String documentType, String functionalReference, List<Problem> problems,
                  List<String> invalid, XdmNode tree) {

        Output(byte[] xml, String documentType, String functionalReference, List<Problem> problems, List<String> invalid) {
            this(xml, documentType, functionalReference, problems, invalid, null);
        }
    }

    private final Processor saxon;
    private final java.util.function.Supplier<Schema> canonicalSource;
    private volatile Schema canonical;
    private final XmlFrontDoor frontDoor;
    private final ThreadLocal<Validation> validations = new ThreadLocal<>();

    /** @param canonical the canonical schema, loaded on the first document (or by {@link #canonical()}) */
    StylesheetRunner(Processor saxon, java.util.function.Supplier<Schema> canonical, XmlFrontDoor frontDoor) {
        this.saxon = saxon;
        this.canonicalSource = canonical;
        this.frontDoor = frontDoor;
    }

    /** The canonical schema, loaded now if it was not yet. */
    Schema canonical() {
        Schema s = canonical;
        if (s == null) {
            synchronized (this) {
                s = canonical;
                if (s == null) {
                    s = canonicalSource.get();
                    canonical = s;
                }
            }
        }
        return s;
    }

    Processor saxon() {
        return saxon;
    }

    Output run(Mapping mapping, XdmNode input) throws SaxonApiException {
        XdmDestination dest = treeDestination();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        // The mapping's output goes at once to the tree (rules and routing read it), the serialiser and the validator:
        // no walk of the finished tree. Should that fail, the mapping runs again the plain way (its own error, if it
        // has one, is then the one reported).
        Boolean streamedValid = transformTeed(mapping, input, dest, bytes);
        if (streamedValid == null) {
            dest = treeDestination();
            Xslt30Transformer t = mapping.stylesheet().load30();
            t.setGlobalContextItem(input);
            t.applyTemplates(input, dest);
        }
        XdmNode root = rootElement(dest.getXdmNode());
        if (root == null) {
            return new Output(null, null, null, List.of(), List.of("the mapping produced no document"));
        }
        if (ERRORS_NS.equals(root.getNodeName().getNamespace())) {
            return new Output(null, null, null, problems(root), List.of());
        }
        // One walk of the tree feeds both the serialiser and the validator (no re-parse of the bytes written); only
        // an invalid or oversized document is read again through the front door, which locates each problem.
        boolean valid = streamedValid != null ? streamedValid : serialiseAndValidate(dest.getXdmNode(), bytes);
        byte[] xml = bytes.toByteArray();
        XmlFrontDoor.Parsed check = valid && xml.length <= frontDoor.limits().maxBytes()
                ? null : frontDoor.read(xml, canonical(), null);
        if (check != null && !check.errors().isEmpty()) {
            List<String> invalid = new ArrayList<>();
            check.errors().forEach(e -> invalid.add(e.xpath() + ": " + e.reason()));
            return new Output(null, null, null, List.of(), invalid);
        }
        XdmNode header = child(root, "Header");
        return new Output(xml, text(child(header, "DocumentType")), text(child(header, "FunctionalReferenceID")),
                List.of(), List.of(), dest.getXdmNode());
    }

    /** The output's tree: a tiny tree, as by default, built without a lock per element ({@link TinyTrees}). */
    private static XdmDestination treeDestination() {
        XdmDestination dest = new XdmDestination();
        dest.setTreeModel(TinyTrees.MODEL);
        return dest;
    }

    /** Runs the mapping into the tree, the serialiser and the validator together; whether it is valid, null if that failed. */
    private Boolean transformTeed(Mapping mapping, XdmNode input, XdmDestination dest, ByteArrayOutputStream out) {
        Validation v = validations.get();
        try {
            Xslt30Transformer t = mapping.stylesheet().load30();
            if (v == null || v.schema != canonical()) {
                v = new Validation(canonical());
                validations.set(v);
            }
            v.ok = true;
            t.setGlobalContextItem(input);
            t.applyTemplates(input, new TeeDestination(dest,
                    new TeeDestination(new OwnProperties(serializer(out)), new SAXDestination(v.handler))));
            return v.ok;
        } catch (SAXException | SaxonApiException | RuntimeException e) {
            if (e instanceof MappingUnavailableException m) {
                throw m;
            }
            validations.remove(); // never reuse a validator left in an unknown state
            out.reset();
            return null;
        }
    }

    /**
     * The serialiser with its own properties only, as when it writes a finished tree: the stylesheet's
     * {@code xsl:output} does not change the canonical bytes.
     */
    private static final class OwnProperties extends net.sf.saxon.s9api.AbstractDestination {
        private final Serializer serializer;

        OwnProperties(Serializer serializer) {
            this.serializer = serializer;
        }

        @Override
        public net.sf.saxon.event.Receiver getReceiver(net.sf.saxon.event.PipelineConfiguration pipe,
                net.sf.saxon.serialize.SerializationProperties params) throws SaxonApiException {
            return serializer.getReceiver(pipe, new net.sf.saxon.serialize.SerializationProperties());
        }

        @Override
        public void close() throws SaxonApiException {
            serializer.close();
        }
    }

    /**
     * Writes the document to {@code out} and says whether the canonical schema accepts it, in one walk of the tree
     * (the serialiser and the validator's SAX events side by side). Should the validator itself fail, the document is
     * written alone and counted as invalid (the front door then says why).
     */
    private boolean serialiseAndValidate(XdmNode doc, ByteArrayOutputStream out) throws SaxonApiException {
        Validation v = validations.get();
        try {
            if (v == null || v.schema != canonical()) {
                v = new Validation(canonical());
                validations.set(v);
            }
            v.ok = true;
            saxon.writeXdmValue(doc, new TeeDestination(serializer(out), new SAXDestination(v.handler)));
            return v.ok;
        } catch (SAXException | SaxonApiException | RuntimeException e) {
            validations.remove(); // never reuse a validator left in an unknown state
            out.reset();
            serializer(out).serializeNode(doc);
            return false;
        }
    }

    /**
     * One thread's validator of the canonical schema, reused document after document (building one costs about as
     * much as validating a document; it resets itself at each start of document).
     */
    private static final class Validation implements ErrorHandler {
        final Schema schema;
        final ValidatorHandler handler;
        boolean ok;

        Validation(Schema schema) throws SAXException {
            this.schema = schema;
            this.handler = CanonicalValidator.newHandler(schema);
            handler.setErrorHandler(this);
        }

        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
            ok = false;
        }

        @Override
        public void fatalError(SAXParseException e) {
            ok = false;
        }
    }

    private List<Problem> problems(XdmNode root) {
        List<Problem> list = new ArrayList<>();
        for (XdmNode e : root.children(n -> n.getNodeKind() == XdmNodeKind.ELEMENT)) {
            list.add(new Problem(e.getAttributeValue(new QName("segment")), number(e, "occurrence", 1),
                    number(e, "element", 0), number(e, "component", 0), e.getAttributeValue(new QName("xpath")),
                    e.getAttributeValue(new QName("value")), e.getStringValue().trim()));
        }
        return list;
    }

    private Serializer serializer(ByteArrayOutputStream out) {
        Serializer s = saxon.newSerializer(out);
        s.setOutputProperty(Serializer.Property.METHOD, "xml");
        s.setOutputProperty(Serializer.Property.ENCODING, "UTF-8");
        s.setOutputProperty(Serializer.Property.INDENT, "yes");
        return s;
    }

    private static int number(XdmNode e, String attr, int dflt) {
        String v = e.getAttributeValue(new QName(attr));
        try {
            return v == null || v.isBlank() ? dflt : Integer.parseInt(v.trim());
        } catch (NumberFormatException ex) {
            return dflt;
        }
    }

    private static XdmNode rootElement(XdmNode doc) {
        for (XdmNode n : doc.children(x -> x.getNodeKind() == XdmNodeKind.ELEMENT)) {
            return n;
        }
        return null;
    }

    private static XdmNode child(XdmNode parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (XdmNode n : parent.children(x -> x.getNodeKind() == XdmNodeKind.ELEMENT
                && x.getNodeName().getLocalName().equals(localName))) {
            return n;
        }
        return null;
    }

    private static String text(XdmNode n) {
        return n == null ? null : n.getStringValue().trim();
    }
}
