package hk.tsw.gateway.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.namespace.QName;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.security.SecureXml;
import hk.tsw.gateway.translate.xml.XmlFrontDoor;
import hk.tsw.gateway.security.XmlLimits;
import net.sf.saxon.s9api.Axis;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

/**
 * The hardened XML entry on arbitrary bytes, routed as {@code XmlTranslation} routes it (the root element decides
 * whether the DEC-DMS schema validates in the same pass). Every input is either a document that respects the limits
 * (checked on the tree that was built) or a rejection with reason, line and XPath. A document that was accepted must
 * not have had a DTD: an unhardened JDK parser (which resolves nothing external either) reports every DOCTYPE it
 * meets, and any it reports in an accepted document is a finding. The root element that routes the document (StAX)
 * must be the one the SAX parser built. Limits are set low so the fuzzer can reach them.
 */
class XmlFrontDoorFuzzTest {

    static final XmlLimits LIMITS = new XmlLimits(64 * 1024, 16, 2_000, 8, 1_000);
    static final String DMS_NS = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2";

    private static XmlFrontDoor door;
    private static Schema decDms;

    @BeforeAll
    static void setUp() throws SAXException {
        door = new XmlFrontDoor(SecureXml.saxon(), LIMITS);
        decDms = SecureXml.schema(TestEngine.REPO.resolve("xsd/inbound/wco-dec-dms-2/DocumentMetaData_2_DMS_DEC.xsd"));
    }

    @Timeout(10)
    @DictionaryFile(resourcePath = "/hk/tsw/gateway/fuzz/xml.dict")
    @FuzzTest(maxDuration = FuzzRuns.MAX_DURATION)
    void read(FuzzedDataProvider data) {
        byte[] xml = data.consumeRemainingAsBytes();
        QName root = door.rootElement(xml);
        boolean wco = root != null && DMS_NS.equals(root.getNamespaceURI()) && "MetaData".equals(root.getLocalPart());
        XmlFrontDoor.Parsed parsed = door.read(xml, wco ? decDms : null, "fuzz");
        if (parsed.document() == null) {
            assertFalse(parsed.errors().isEmpty(), "a document that was not built needs a reason");
            parsed.errors().forEach(XmlFrontDoorFuzzTest::checkLocated);
            return;
        }
        assertTrue(parsed.errors().isEmpty(), "a built document has no errors");
        assertTrue(xml.length <= LIMITS.maxBytes());
        assertFalse(hasDoctype(xml), "a document with a DOCTYPE was accepted");
        XdmNode element = firstElement(parsed.document());
        assertNotNull(element, "an accepted document has a root element");
        assertNotNull(root, "StAX found no root element in a document the SAX parser accepted");
        // The JDK's SAX and StAX parsers keep blanks around an xmlns value, Saxon's tree builder trims them. Routing is
        // on the untrimmed name, finds no mapping and rejects (the safe direction), so only the trimmed names must agree.
        assertEquals(root.getNamespaceURI().trim(), element.getNodeName().getNamespace().toString().trim());
        assertEquals(root.getLocalPart(), element.getNodeName().getLocalName());
        int[] elements = {0};
        checkLimits(element, 1, elements, !wco);
    }

    private static void checkLocated(LocatedError e) {
        assertFalse(e.reason() == null || e.reason().isBlank(), () -> "no reason: " + e);
        assertNotNull(e.xpath(), () -> "no XPath: " + e);
        assertTrue(e.xpath().startsWith("/"), () -> "not an XPath: " + e.xpath());
        assertTrue(e.line() >= 0, () -> "negative line: " + e);
        assertFalse(e.format().isBlank());
    }

    /** Depth, element count, text length, and (without a schema, which may add defaults) attributes per element. */
    private static void checkLimits(XdmNode e, int depth, int[] elements, boolean attributes) {
        assertTrue(depth <= LIMITS.maxDepth(), "element at depth " + depth);
        assertTrue(++elements[0] <= LIMITS.maxElements(), "more elements than the limit");
        if (attributes) {
            int n = (int) e.axisIterator(Axis.ATTRIBUTE).stream().count();
            assertTrue(n <= LIMITS.maxAttributes(), n + " attributes on one element");
        }
        for (XdmNode c : e.children()) {
            if (c.getNodeKind() == XdmNodeKind.ELEMENT) {
                checkLimits(c, depth + 1, elements, attributes);
            } else if (c.getNodeKind() == XdmNodeKind.TEXT) {
                assertTrue(c.getStringValue().length() <= LIMITS.maxTextLength(), "a text node over the limit");
            }
        }
    }

    private static XdmNode firstElement(XdmNode doc) {
        for (XdmNode n : doc.children()) {
            if (n.getNodeKind() == XdmNodeKind.ELEMENT) {
                return n;
            }
        }
        return null;
    }

    /**
     * The oracle: an unhardened JDK SAX parser (DOCTYPEs allowed, nothing external loaded) reports whether the bytes
     * declare a DTD. Input it cannot parse at all declares none that a parser would act on.
     */
    static boolean hasDoctype(byte[] xml) {
        boolean[] seen = {false};
        try {
            SAXParserFactory f = SAXParserFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader r = f.newSAXParser().getXMLReader();
            DefaultHandler2 h = new DefaultHandler2() {
                @Override
                public void startDTD(String name, String publicId, String systemId) {
                    seen[0] = true;
                }
            };
            r.setContentHandler(h);
            r.setProperty("http://xml.org/sax/properties/lexical-handler", h);
            r.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException | javax.xml.parsers.ParserConfigurationException e) {
            return seen[0];
        }
        return seen[0];
    }
}
