package hk.tsw.gateway.translate.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;

import hk.tsw.gateway.security.SecureXml;
import hk.tsw.gateway.security.XmlLimits;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.translate.xml.XmlFrontDoor;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XsltExecutable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The canonical validator skips identity constraints and ID/IDREF checks ({@link CanonicalValidator}): that is only
 * right while the canonical schema has none, and only a cut while the features really apply. Everything else it
 * still refuses.
 */
class CanonicalValidatorTest {

    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final Set<String> IDENTITY = Set.of("key", "keyref", "unique");
    private static final Set<String> ID_TYPES = Set.of("ID", "IDREF", "IDREFS");

    /** A schema with an xs:unique, to show that the check below and the validator's feature both bite. */
    private static final String UNIQUE_SCHEMA = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="list">
                <xs:complexType><xs:sequence>
                  <xs:element name="item" type="xs:string" maxOccurs="unbounded"/>
                </xs:sequence></xs:complexType>
                <xs:unique name="oneEach"><xs:selector xpath="item"/><xs:field xpath="."/></xs:unique>
              </xs:element>
            </xs:schema>""";

    @Test
    void canonical_schema_declares_no_identity_constraint_and_no_id_type() throws Exception {
        List<Path> xsds;
        try (Stream<Path> files = Files.walk(Path.of("xsd/canonical"))) {
            xsds = files.filter(p -> p.toString().endsWith(".xsd")).toList();
        }
        assertFalse(xsds.isEmpty(), "no canonical schema found under xsd/canonical");
        for (Path xsd : xsds) {
            assertEquals(List.of(), identityOrIdUses(parse(Files.readString(xsd))), xsd + " declares identity"
                    + " constraints or ID types, which CanonicalValidator.FEATURES_OFF would silently skip: take"
                    + " identity-constraint-checking and id-idref-checking out of that list");
        }
        // the check itself finds them
        assertEquals(List.of("xs:unique oneEach"), identityOrIdUses(parse(UNIQUE_SCHEMA)));
        assertEquals(List.of("type xs:ID"), identityOrIdUses(parse(UNIQUE_SCHEMA.replace("xs:string", "xs:ID")
                .replaceAll("<xs:unique.*</xs:unique>", ""))));
    }

    @Test
    void the_features_are_off_on_the_runners_validator() throws Exception {
        ValidatorHandler v = CanonicalValidator.newHandler(CanonicalSchema.load());
        for (String feature : CanonicalValidator.FEATURES_OFF) {
            assertFalse(v.getFeature(feature), feature);
        }
        // and they take effect: a duplicate xs:unique value passes this validator, not the full one
        Schema unique = SchemaFactory.newDefaultInstance().newSchema(new StreamSource(new StringReader(UNIQUE_SCHEMA)));
        String duplicate = "<list><item>a</item><item>a</item></list>";
        assertEquals(List.of(), errors(CanonicalValidator.newHandler(unique), duplicate));
        assertEquals(1, errors(SecureXml.validatorHandler(unique), duplicate).size());
    }

    @Test
    void invalid_canonical_documents_are_still_refused() throws Exception {
        byte[] golden = Files.readAllBytes(TestEngine.MAPPINGS.resolve("cusdec-d96a/samples/hk-export-utf8.expected.xml"));
        String good = new String(golden, StandardCharsets.UTF_8);
        Map<String, String> bad = Map.of(
                "unknown element", good.replaceFirst("<FunctionCode>", "<NotInTheSchema/><FunctionCode>"),
                "pattern", good.replaceFirst("<FunctionCode>9<", "<FunctionCode>999<"),
                "enumeration", good.replaceFirst("<Format>EDIFACT<", "<Format>EDIFAX<"),
                "undeclared attribute", good.replaceFirst("<Party role=\"EXPORTER\">", "<Party role=\"EXPORTER\" x=\"1\">"),
                "missing required attribute", good.replaceFirst("<Party role=\"EXPORTER\">", "<Party>"),
                "missing element", good.replaceFirst("<Format>EDIFACT</Format>", ""));
        ValidatorHandler v = CanonicalValidator.newHandler(CanonicalSchema.load());
        assertEquals(List.of(), errors(v, good));

        Processor saxon = SecureXml.saxon();
        XsltExecutable identity = saxon.newXsltCompiler().compile(new StreamSource(new StringReader("""
                <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
                  <xsl:template match="/"><xsl:copy-of select="."/></xsl:template>
                </xsl:stylesheet>""")));
        Mapping mapping = new Mapping("identity", Path.of("."), Mapping.Format.EDIFACT, "CUSDEC", "D96A", null, null,
                MappingCode.of("identity", identity, null), List.of(), Map.of());
        StylesheetRunner runner = new StylesheetRunner(saxon, CanonicalSchema::load,
                new XmlFrontDoor(saxon, XmlLimits.defaults()));
        for (Map.Entry<String, String> e : bad.entrySet()) {
            assertFalse(errors(v, e.getValue()).isEmpty(), e.getKey());
            StylesheetRunner.Output refused = runner.run(mapping, saxon.newDocumentBuilder()
                    .build(new StreamSource(new StringReader(e.getValue()))));
            assertNull(refused.xml(), e.getKey());
            assertFalse(refused.invalid().isEmpty(), e.getKey());
            StylesheetRunner.Output ok = runner.run(mapping, saxon.newDocumentBuilder()
                    .build(new StreamSource(new StringReader(good))));
            assertArrayEquals(golden, ok.xml(), "after " + e.getKey());
        }
    }

    private static List<String> errors(ValidatorHandler v, String xml) throws Exception {
        List<String> errors = new ArrayList<>();
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getMessage());
            }
        });
        XMLReader reader = SecureXml.xmlReader();
        reader.setContentHandler(v);
        reader.parse(new InputSource(new StringReader(xml)));
        return errors;
    }

    private static Document parse(String xml) throws Exception {
        return SecureXml.documentBuilderFactory().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** Every xs:key/keyref/unique and every reference to xs:ID/IDREF/IDREFS (type, base, itemType, memberTypes). */
    private static List<String> identityOrIdUses(Document schema) {
        List<String> found = new ArrayList<>();
        NodeList all = schema.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (XS.equals(e.getNamespaceURI()) && IDENTITY.contains(e.getLocalName())) {
                found.add(e.getTagName() + " " + e.getAttribute("name"));
            }
            NamedNodeMap attrs = e.getAttributes();
            for (int a = 0; a < attrs.getLength(); a++) {
                Attr attr = (Attr) attrs.item(a);
                if (!Set.of("type", "base", "itemType", "memberTypes").contains(attr.getName())) {
                    continue;
                }
                for (String ref : attr.getValue().trim().split("\\s+")) {
                    int colon = ref.indexOf(':');
                    String prefix = colon < 0 ? null : ref.substring(0, colon);
                    if (ID_TYPES.contains(ref.substring(colon + 1)) && XS.equals(e.lookupNamespaceURI(prefix))) {
                        found.add(attr.getName() + " " + ref);
                    }
                }
            }
        }
        return found;
    }
}
