package hk.tsw.gateway.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;

import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.translate.mapping.TranslatedDocument;
import hk.tsw.gateway.translate.rules.BusinessRules;
import hk.tsw.gateway.translate.rules.RuleFailure;
import hk.tsw.gateway.security.SecureXml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

/** Every Response written here must validate against the HMRC notification schema (RES-DMS inside MetaData). */
class WcoResponseWriterTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final Path SAMPLES = REPO.resolve("mappings/rules/IMPORT_DECLARATION/samples/failing");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T03:05:00Z"), ZoneId.of("Asia/Hong_Kong"));
    private static Schema schema;
    private static BusinessRules rules;

    @BeforeAll
    static void load() throws Exception {
        schema = SecureXml.schema(REPO.resolve("xsd/inbound/wco-res-dms-2/DocumentMetaData_2_DMS_RES.xsd"));
        rules = BusinessRules.load(REPO.resolve("mappings/rules"), SecureXml.saxon());
    }

    @Test
    void rejects_a_broken_declaration_with_one_error_per_failure_and_hmrc_style_pointers() throws Exception {
        byte[] canonical = Files.readAllBytes(SAMPLES.resolve("TT_IM017a-broken.xml"));
        List<RuleFailure> failures = rules.check("IMPORT_DECLARATION", canonical);
        byte[] response = new WcoResponseWriter(CLOCK).write(outcome(canonical, List.of()), failures);
        validate(response);
        Path golden = SAMPLES.resolve("TT_IM017a-broken.wco-response.xml");
        String actual = new String(response, StandardCharsets.UTF_8);
        assertTrue(Files.exists(golden), () -> "missing " + golden + "; actual:\n" + actual);
        Diff diff = DiffBuilder.compare(Input.fromFile(golden.toFile())).withTest(Input.fromByteArray(response))
                .ignoreWhitespace().ignoreComments().build();
        assertFalse(diff.hasDifferences(), () -> diff + "\nactual:\n" + actual);

        Document doc = parse(response);
        assertEquals("03", xpath(doc, "//*[local-name()='Response']/*[local-name()='FunctionCode']"));
        assertEquals(String.valueOf(failures.size()), xpath(doc, "count(//*[local-name()='Error'])"));
        assertEquals("TT_IM17a_v1.4_1907_01", xpath(doc, "//*[local-name()='Declaration']/*[local-name()='FunctionalReferenceID']"));
        // DECL-004 at /TradeDocument/GoodsItem[2]/Commodity/Classification/ID: 42A / 67A / 68A #2 / 23A / 21A tag 145
        org.w3c.dom.NodeList errors = doc.getElementsByTagNameNS(WcoResponseWriter.RES_NS, "Error");
        List<String> pointers = new java.util.ArrayList<>();
        for (int i = 0; i < errors.getLength(); i++) {
            org.w3c.dom.Element error = (org.w3c.dom.Element) errors.item(i);
            if (error.getElementsByTagNameNS(WcoResponseWriter.RES_NS, "ValidationCode").item(0).getTextContent().equals("DECL-004")) {
                org.w3c.dom.NodeList ps = error.getElementsByTagNameNS(WcoResponseWriter.RES_NS, "Pointer");
                for (int j = 0; j < ps.getLength(); j++) {
                    List<String> parts = new java.util.ArrayList<>();
                    for (org.w3c.dom.Node c = ps.item(j).getFirstChild(); c != null; c = c.getNextSibling()) {
                        if (c instanceof org.w3c.dom.Element) {
                            parts.add(c.getTextContent());
                        }
                    }
                    pointers.add(String.join(".", parts));
                }
            }
        }
        assertEquals("42A / 67A / 2.68A / 1.23A / 1.21A.145", String.join(" / ", pointers));
    }

    @Test
    void accepts_a_declaration_without_failures() throws Exception {
        byte[] canonical = Files.readAllBytes(REPO.resolve("mappings/wco-dec-dms-2/samples/TT_IM017a.expected.xml"));
        byte[] response = new WcoResponseWriter(CLOCK).write(outcome(canonical, List.of()),
                rules.check("IMPORT_DECLARATION", canonical));
        validate(response);
        Document doc = parse(response);
        assertEquals("01", xpath(doc, "//*[local-name()='Response']/*[local-name()='FunctionCode']"));
        assertEquals("0", xpath(doc, "count(//*[local-name()='Error'])"));
        assertEquals("20250314030500Z", xpath(doc, "//*[local-name()='AcceptanceDateTime']"));
    }

    @Test
    void reports_mapping_errors_and_cuts_descriptions_to_512_characters() throws Exception {
        byte[] canonical = Files.readAllBytes(SAMPLES.resolve("TT_IM017a-broken.xml"));
        LocatedError mapping = LocatedError.xml("TT_IM17a", 12, "/MetaData/Declaration/TypeCode", "XXX", "unknown declaration type");
        RuleFailure longOne = new RuleFailure("CMN-007", "/TradeDocument/Totals/TotalGrossMassMeasure", "1", "x ".repeat(400));
        byte[] response = new WcoResponseWriter(CLOCK).write(outcome(canonical, List.of(mapping)), List.of(longOne));
        validate(response);
        Document doc = parse(response);
        assertEquals("MAPPING", xpath(doc, "(//*[local-name()='ValidationCode'])[1]"));
        assertTrue(xpath(doc, "(//*[local-name()='Description'])[1]").contains("unknown declaration type"));
        assertEquals("512", xpath(doc, "string-length((//*[local-name()='Description'])[2])"));
    }

    @Test
    void the_schema_check_catches_an_invalid_response() {
        byte[] bad = "<md:MetaData xmlns:md=\"urn:wco:datamodel:WCO:DocumentMetaData-DMS:2\"><Response xmlns=\"urn:wco:datamodel:WCO:RES-DMS:2\"><FunctionCode>rejected</FunctionCode><Declaration/></Response></md:MetaData>"
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(SAXException.class, () -> validate(bad));
    }

    /** Issue 19: a Description over 512 characters ends in "..." at a space, never inside a word or ISO:4217. */
    @Test
    void a_long_description_is_shortened_at_a_space_never_inside_a_code() throws Exception {
        byte[] canonical = Files.readAllBytes(SAMPLES.resolve("TT_IM017a-broken.xml"));
        for (int shift = 0; shift < 20; shift++) {
            String message = "x".repeat(shift + 1) + " " + "The invoice currency is not a code of the list. ".repeat(10)
                    + "ISO:4217 ".repeat(8) + "more words after the limit ".repeat(3);
            RuleFailure f = new RuleFailure("CMN-002", "/TradeDocument/Invoice/CurrencyCode", "XYZ", message);
            byte[] response = new WcoResponseWriter(CLOCK).write(outcome(canonical, List.of()), List.of(f));
            validate(response);
            String d = xpath(parse(response), "//*[local-name()='Error']/*[local-name()='Description']");
            assertTrue(d.length() <= 512 && d.endsWith("..."), d);
            String kept = d.substring(0, d.length() - 3);
            assertTrue((f.message() + " ").startsWith(kept + " "), "cut inside a word at shift " + shift + ": " + kept);
        }
    }

    @Test
    void refuses_an_edifact_message() throws Exception {
        var edifact = new hk.tsw.gateway.translate.edifact.EdifactMessage(null, null, "1", "CUSDEC", "D", "96A", "UN", null, List.of(), List.of());
        MessageOutcome outcome = new MessageOutcome("x", "1", null, List.of(), false, edifact);
        assertThrows(IllegalArgumentException.class, () -> new WcoResponseWriter(CLOCK).write(outcome, List.of()));
    }

    @Test
    void application_decisions_are_valid_responses_with_their_code_lines_and_reasons() throws Exception {
        hk.tsw.gateway.store.DecisionStore.Decision issued = new hk.tsw.gateway.store.DecisionStore.Decision("TID",
                "LICENCE_ISSUED", List.of(), "SCI-2026-0001", "2026-12-10", "2027-06-09", null,
                List.of(new hk.tsw.gateway.store.DecisionStore.LicensedLine("845710", new java.math.BigDecimal("2"), "NAR")));
        byte[] licence = new WcoResponseWriter(CLOCK).writeDecision("SCI-LRN-1", issued);
        validate(licence);
        String text = new String(licence, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("<FunctionCode>01</FunctionCode>")
                && text.contains("Licence SCI-2026-0001 valid from 2026-12-10 to 2027-06-09")
                && text.contains("Licensed line 1: HS 845710, 2 NAR"), text);
        byte[] more = new WcoResponseWriter(CLOCK).writeDecision("SCI-LRN-1", new hk.tsw.gateway.store.DecisionStore.Decision(
                "TID", "MORE_INFORMATION_REQUESTED", List.of("Send the end-user statement"), null, null, null, null));
        validate(more);
        String m = new String(more, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(m.contains("<FunctionCode>06</FunctionCode>") && m.contains("Send the end-user statement"), m);
        byte[] refused = new WcoResponseWriter(CLOCK).writeDecision("SCI-LRN-1", new hk.tsw.gateway.store.DecisionStore.Decision(
                "TID", "REFUSED", List.of("End use not accepted"), null, null, null, null));
        validate(refused);
        String r = new String(refused, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(r.contains("<FunctionCode>03</FunctionCode>") && r.contains("RejectionDateTime"), r);
    }

    private static MessageOutcome outcome(byte[] canonical, List<LocatedError> errors) {
        return new MessageOutcome(null, "TT_IM17a_v1.4_1907_01", new TranslatedDocument("TT_IM17a_v1.4_1907_01.xml",
                "IMPORT_DECLARATION", "TT_IM17a_v1.4_1907_01", "wco-dec-dms-2", canonical), errors, false, null);
    }

    private static void validate(byte[] xml) throws SAXException, IOException {
        SecureXml.validator(schema).validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    private static Document parse(byte[] xml) throws Exception {
        return SecureXml.documentBuilderFactory().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String xpath(Document doc, String expr) throws Exception {
        XPath x = XPathFactory.newDefaultInstance().newXPath();
        return x.evaluate(expr, doc);
    }
}
