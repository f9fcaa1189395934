package hk.tsw.gateway.translate.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;

import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.translate.mapping.TranslationResult;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XdmDestination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import hk.tsw.gateway.security.SecureXml;
import hk.tsw.gateway.security.XmlLimits;

/**
 * Each attack is refused by the gateway, and a control shows the same payload does its harm on an unhardened
 * parser, so the refusal is the hardening's doing and not an accident of the payload.
 */
class XmlSecurityTest {

    private static final String NS = "xmlns=\"urn:wco:datamodel:WCO:DocumentMetaData-DMS:2\"";

    @TempDir
    Path tmp;

    private String xxe(Path secret) {
        return "<?xml version=\"1.0\"?><!DOCTYPE MetaData [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<MetaData " + NS + "><WCODataModelVersionCode>&x;</WCODataModelVersionCode></MetaData>";
    }

    private static String laughs(int levels) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE MetaData [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= levels; i++) {
            b.append("<!ENTITY l").append(i).append(" \"");
            b.append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return b.append("]><MetaData ").append(NS).append(">&l").append(levels).append(";</MetaData>").toString();
    }

    @Test
    void xxe_reads_a_local_file_on_an_unhardened_parser() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET");
        DocumentBuilderFactory plain = DocumentBuilderFactory.newDefaultInstance();
        plain.setNamespaceAware(true);
        Document d = plain.newDocumentBuilder().parse(new ByteArrayInputStream(xxe(secret).getBytes(StandardCharsets.UTF_8)));
        assertEquals("TOP-SECRET", d.getDocumentElement().getTextContent());
    }

    @Test
    void xxe_is_rejected_with_a_clear_error_and_the_file_is_not_read() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET");
        TranslationResult r = TestEngine.get().translate("xxe.xml", xxe(secret).getBytes(StandardCharsets.UTF_8));
        assertFalse(r.allAccepted());
        String errors = String.join("\n", r.errors().stream().map(LocatedError::format).toList());
        assertTrue(errors.contains("DOCTYPE"), errors);
        assertFalse(errors.contains("TOP-SECRET"), errors);
    }

    @Test
    void entity_expansion_multiplies_text_on_an_unhardened_parser() throws Exception {
        DocumentBuilderFactory plain = DocumentBuilderFactory.newDefaultInstance();
        Document d = plain.newDocumentBuilder().parse(new ByteArrayInputStream(laughs(3).getBytes(StandardCharsets.UTF_8)));
        assertEquals(3 * 1000, d.getDocumentElement().getTextContent().length(), "30 bytes of entities became 3,000");
    }

    @Test
    void billion_laughs_is_rejected() {
        TranslationResult r = TestEngine.get().translate("laughs.xml", laughs(9).getBytes(StandardCharsets.UTF_8));
        assertFalse(r.allAccepted());
        assertTrue(r.errors().get(0).format().contains("DOCTYPE"), r.errors().get(0).format());
    }

    @Test
    void deep_nesting_parses_on_an_unhardened_parser_but_is_refused_here() throws Exception {
        String deep = "<MetaData " + NS + ">" + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</MetaData>";
        DocumentBuilderFactory plain = DocumentBuilderFactory.newDefaultInstance();
        plain.newDocumentBuilder().parse(new ByteArrayInputStream(deep.getBytes(StandardCharsets.UTF_8)));
        TranslationResult r = TestEngine.get().translate("deep.xml", deep.getBytes(StandardCharsets.UTF_8));
        assertFalse(r.allAccepted());
        assertTrue(r.errors().stream().anyMatch(e -> e.reason().contains("nested deeper than 64")),
                () -> r.errors().toString());
    }

    @Test
    void too_many_attributes_and_oversize_documents_are_refused() {
        XmlFrontDoor door = new XmlFrontDoor(SecureXml.saxon(), new XmlLimits(1000, 64, 1000, 3, 100));
        String attrs = "<a x1=\"1\" x2=\"2\" x3=\"3\" x4=\"4\"/>";
        assertTrue(door.read(attrs.getBytes(StandardCharsets.UTF_8), null, null).errors().get(0).reason()
                .contains("attributes"));
        byte[] big = ("<a>" + "x".repeat(2000) + "</a>").getBytes(StandardCharsets.UTF_8);
        assertTrue(door.read(big, null, null).errors().get(0).reason().contains("at most 1000"));
        byte[] ok = "<a><b/></a>".getBytes(StandardCharsets.UTF_8);
        assertTrue(door.read(ok, null, null).errors().isEmpty(), "a small document passes the same limits");
    }

    @Test
    void stylesheets_cannot_fetch_files_at_run_time_though_plain_saxon_can() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.xml"), "<s>TOP-SECRET</s>");
        String xsl = "<xsl:stylesheet version=\"3.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
                + "<xsl:template name=\"xsl:initial-template\"><r><xsl:value-of select=\"doc('" + secret.toUri()
                + "')\"/></r></xsl:template></xsl:stylesheet>";
        Processor plain = new Processor(false);
        XdmDestination out = new XdmDestination();
        compile(plain, xsl).load30().callTemplate(null, out);
        assertEquals("TOP-SECRET", out.getXdmNode().getStringValue());
        Processor hardened = SecureXml.saxon();
        assertThrows(SaxonApiException.class, () -> compile(hardened, xsl).load30().callTemplate(null, new XdmDestination()));
    }

    private static XsltExecutable compile(Processor p, String xsl) throws SaxonApiException {
        return p.newXsltCompiler().compile(new StreamSource(new StringReader(xsl)));
    }
}
