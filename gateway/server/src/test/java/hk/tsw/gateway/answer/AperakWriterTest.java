package hk.tsw.gateway.answer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.EnvelopeScanner;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.mapping.DaffodilEdifactReader;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.translate.mapping.TranslatedDocument;
import hk.tsw.gateway.translate.rules.BusinessRules;
import hk.tsw.gateway.translate.rules.RuleFailure;
import hk.tsw.gateway.security.SecureXml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * APERAKs are compared byte for byte with golden files (fixed clock), and every one written here must parse with
 * the Smooks/Daffodil D.96A APERAK reader without a BadMessage: the segment table is followed exactly.
 */
class AperakWriterTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final Path RULES = REPO.resolve("mappings/rules");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T03:05:00Z"), ZoneId.of("Asia/Hong_Kong"));
    private static final AperakWriter.Sender GATEWAY = new AperakWriter.Sender("HKTSWGW", "ZZZ");
    private static final DaffodilEdifactReader APERAK_READER = new DaffodilEdifactReader(
            List.of(Map.entry("D96A", "APERAK")), REPO.resolve("gateway/server/target/dfdl-cache"), "Off");
    private static BusinessRules rules;

    @BeforeAll
    static void loadRules() throws IOException {
        rules = BusinessRules.load(RULES, SecureXml.saxon());
    }

    @Test
    void answers_a_broken_import_declaration_under_unoc_with_una_and_release_characters() throws Exception {
        assertGolden("cusdec-d96a/samples/hk-import-release-chars.edi", "IMPORT_DECLARATION", "hk-import-release-chars-broken");
    }

    @Test
    void answers_a_broken_export_declaration_in_utf8_syntax_4() throws Exception {
        assertGolden("cusdec-d96a/samples/hk-export-utf8.edi", "EXPORT_DECLARATION", "hk-export-utf8-broken");
    }

    /** SANCRT's goods lines are LIN segments: the pointer comes from sancrt-d96a/mapping.properties, no Java. */
    @Test
    void answers_a_broken_lpco_application_pointing_at_its_lin_segments() throws Exception {
        assertGolden("sancrt-d96a/samples/ofca-rta.edi", "LPCO_APPLICATION", "ofca-rta-broken");
    }

    /** CUSREP's conveyance is its TDT: the pointer comes from cusrep-d99a/mapping.properties, no Java (UNOW, Chinese). */
    @Test
    void answers_a_broken_conveyance_report_pointing_at_its_tdt_segment() throws Exception {
        assertGolden("cusrep-d99a/samples/hk-sea-arrival-zh-release-chars.edi", "CONVEYANCE_REPORT", "hk-sea-arrival-broken");
    }

    /** A transport mode's own rules (rules/CARGO_MANIFEST/MODE-1, sea) are answered like the type's, no Java. */
    @Test
    void answers_a_broken_ocean_manifest_with_its_mode_rules() throws Exception {
        assertGolden("cuscar-d99a/samples/hk-sea-manifest-release-chars.edi", "CARGO_MANIFEST", "MODE-1", "hk-sea-manifest-bad-imo");
    }

    /** Road (MODE-3): a container without a seal, in UTF-8 syntax 4 with Chinese names. */
    @Test
    void answers_a_broken_road_manifest_with_its_mode_rules() throws Exception {
        assertGolden("cuscar-d95b/samples/hk-road-manifest-zh.edi", "CARGO_MANIFEST", "MODE-3", "hk-road-manifest-no-plate-no-seal");
    }

    /** A consolidation (IFCSUM D96A, rail MODE-2): a house consignment's goods item points at its GID inside its CNI. */
    @Test
    void answers_a_broken_consolidation_at_the_goods_item_of_its_house_consignment() throws Exception {
        assertGolden("ifcsum-d96a/samples/hk-rail-consolidation-zh.edi", "CARGO_MANIFEST", "MODE-2",
                "ifcsum-rail-consolidation-wrong-container");
    }

    /** A consolidation's master air waybill (IFCSUM D96A, air MODE-4): pointed at the message's first RFF (SG1). */
    @Test
    void answers_a_consolidation_with_a_bad_master_air_waybill_at_its_rff() throws Exception {
        assertGolden("ifcsum-d96a/samples/hk-air-consolidation.edi", "CARGO_MANIFEST", "MODE-4",
                "ifcsum-air-consolidation-bad-master-awb");
    }

    /** A dangerous goods manifest (IFTDGN D96A): the DG rules point at the goods item's GID inside its CNI, files only. */
    @Test
    void answers_a_broken_dangerous_goods_manifest_at_its_goods_items() throws Exception {
        assertGolden("iftdgn-d96a/samples/hk-dg-manifest-release-chars.edi", "CARGO_MANIFEST", "hk-dg-manifest-broken");
    }

    /** Road advance cargo information (CUSCAR D96B, CARGO_REPORT MODE-3), UTF-8 syntax 4 with Chinese names. */
    @Test
    void answers_a_broken_road_cargo_report_with_its_mode_rules() throws Exception {
        assertGolden("cuscar-d96b/samples/hk-aci-road-zh.edi", "CARGO_REPORT", "MODE-3", "hk-aci-road-no-plate-no-seal");
    }

    @Test
    void reports_mapping_errors_as_application_errors_but_not_syntax_errors() throws Exception {
        EdifactMessage msg = scan("cusdec-d96a/samples/bad-document-type.edi");
        LocatedError mapping = LocatedError.message(msg.interchange().controlReference(), msg.reference(), 3, "BGM", 1, 1,
                "999", "BGM 1001 must be 929 or 830", null);
        LocatedError syntax = LocatedError.message(msg.interchange().controlReference(), msg.reference(), 3, "BGM", 1, 1,
                "999", "a syntax problem CONTRL answers", "12");
        MessageOutcome outcome = new MessageOutcome(msg.interchange().controlReference(), msg.reference(), null,
                List.of(mapping, syntax), false, msg);
        String text = text(outcome, new AperakWriter(GATEWAY, CLOCK).write(outcome, List.of(), rules));
        assertTrue(text.contains("'ERC+12'FTX+AAO+++message 1?: segment 3 (BGM) element 1.1?: BGM 1001 must be 929 or 830"), text);
        assertEquals(1, count(text, "ERC+"), text);
        parses(outcome, text);
    }

    @Test
    void splits_long_text_into_70_character_values_and_continues_in_segment_group_4() throws Exception {
        EdifactMessage msg = scan("cusdec-d96a/samples/hk-import-release-chars.edi");
        String words = "The goods item declares a value that cannot be reconciled with the invoice. ".repeat(7);
        MessageOutcome outcome = new MessageOutcome("x", msg.reference(), null, List.of(), false, msg);
        String text = text(outcome, new AperakWriter(GATEWAY, CLOCK).write(outcome,
                List.of(new RuleFailure("CMN-007", "/TradeDocument/Totals/TotalGrossMassMeasure", null, words)), rules));
        for (String seg : text.split("(?<!\\?)'")) {
            if (seg.startsWith("FTX")) {
                for (String value : seg.substring("FTX+AAO+++".length()).split("(?<!\\?):")) {
                    assertTrue(value.replace("?", "").length() <= 70, value);
                }
            }
        }
        assertTrue(text.contains("'ERC+39'FTX+AAO+++"), text);
        assertTrue(text.contains("'RFF+ACW:1'FTX+AAO+++"), "overflow in SG4: " + text);
        parses(outcome, text);
    }

    /** Issue 19: FTX 4440 values are cut at spaces only, never inside a word or a code such as ISO:4217. */
    @Test
    void never_cuts_a_word_or_a_code_such_as_iso_4217_between_two_text_values() throws Exception {
        EdifactMessage msg = scan("cusdec-d96a/samples/hk-import-release-chars.edi");
        String words = "The invoice currency of goods item 3 is not a code of the list ";
        for (int shift = 0; shift < 20; shift++) { // moves ISO:4217 across the 70-character boundary
            String reason = "x".repeat(shift + 1) + " " + words + "ISO:4217 (currency codes): correct MOA+146 and send"
                    + " the corrected declaration again, quoting ISO:4217 and UN/EDIFACT 6345 as used by your software";
            RuleFailure f = new RuleFailure("CMN-002", "/TradeDocument/GoodsItem[3]/Invoice/CurrencyCode", "XYZ", reason);
            MessageOutcome outcome = new MessageOutcome("x", msg.reference(), null, List.of(), false, msg);
            String text = text(outcome, new AperakWriter(GATEWAY, CLOCK).write(outcome, List.of(f), rules));
            List<String> values = new ArrayList<>();
            for (String seg : text.split("(?<!\\?)'")) {
                if (seg.startsWith("FTX+AAO+++")) {
                    for (String v : seg.substring("FTX+AAO+++".length()).split("(?<!\\?):")) {
                        String plain = v.replaceAll("\\?(.)", "$1");
                        assertTrue(plain.length() <= 70, plain);
                        values.add(plain);
                    }
                }
            }
            assertTrue(values.size() > 2, text);
            // joined as a reader joins them (one space), the values give back the text word for word
            assertEquals(AperakWriter.text(f, msg, Map.of()), String.join(" ", values), "shift " + shift);
            assertTrue(values.stream().noneMatch(v -> v.endsWith("ISO") || v.startsWith(":4217")), values.toString());
        }
    }

    @Test
    void refuses_an_xml_submission() {
        MessageOutcome xml = new MessageOutcome(null, "ref", null, List.of(), false, null);
        assertThrows(IllegalArgumentException.class, () -> new AperakWriter(GATEWAY, CLOCK).write(xml, List.of(), rules));
    }

    /** The APERAK pointers of the sample's mapping folder, as the engine reads them from its mapping.properties. */
    private static java.util.Map<String, String> locate(String edi) throws java.io.IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(REPO.resolve("mappings").resolve(edi.substring(0, edi.indexOf('/'))).resolve("mapping.properties"))) {
            p.load(in);
        }
        java.util.Map<String, String> locate = new java.util.HashMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("locate."))
                .forEach(k -> locate.put(k.substring("locate.".length()), p.getProperty(k).trim()));
        return locate;
    }

    private void assertGolden(String edi, String type, String broken) throws Exception {
        assertGolden(edi, type, null, broken);
    }

    /** {@code subfolder}: the rules folder below the type's ({@code MODE-1}, an LPCO type), or null. */
    private void assertGolden(String edi, String type, String subfolder, String broken) throws Exception {
        EdifactMessage msg = scan(edi);
        Path dir = (subfolder == null ? RULES.resolve(type) : RULES.resolve(type).resolve(subfolder)).resolve("samples/failing");
        byte[] canonical = Files.readAllBytes(dir.resolve(broken + ".xml"));
        MessageOutcome outcome = new MessageOutcome(msg.interchange().controlReference(), msg.reference(),
                new TranslatedDocument(broken + ".xml", type, "ref", "test", canonical, null, locate(edi)), List.of(),
                false, msg);
        List<RuleFailure> failures = rules.check(type, canonical);
        AperakWriter.Aperak aperak = new AperakWriter(GATEWAY, CLOCK).write(outcome, failures, rules);
        assertEquals("25031411050000", aperak.reference());
        Path golden = dir.resolve(broken + ".aperak");
        String actual = text(outcome, aperak);
        assertTrue(Files.exists(golden), () -> "missing " + golden + "; actual:\n" + actual);
        assertEquals(new String(Files.readAllBytes(golden), charset(outcome)), actual);
        assertEquals(failures.size(), count(actual, "ERC+"));
        parses(outcome, actual);
    }

    @Test
    void answers_a_big5_hkscs_partner_in_big5_hkscs_under_its_own_syntax_id() throws Exception {
        Charset big5 = Charset.forName("Big5-HKSCS");
        List<EdifactMessage> messages = new ArrayList<>();
        new EnvelopeScanner(false, big5).scan(new ByteArrayInputStream(Files.readAllBytes(REPO.resolve(
                "mappings/cusdec-d96a/samples/hk-export-big5-hkscs.edi"))), new EnvelopeScanner.Listener() {
                    @Override
                    public void message(EdifactMessage message) {
                        messages.add(message);
                    }

                    @Override
                    public void interchangeEnded(InterchangeSummary summary) {
                    }
                });
        EdifactMessage msg = messages.get(0);
        MessageOutcome outcome = new MessageOutcome("x", msg.reference(), null, List.of(), false, msg);
        AperakWriter.Aperak aperak = new AperakWriter(GATEWAY, CLOCK).write(outcome, List.of(new RuleFailure("CMN-007",
                "/TradeDocument/Totals/TotalGrossMassMeasure", null, "許氏貿易嘅啲貨物重量不符")), rules);
        String text = big5.newDecoder().decode(java.nio.ByteBuffer.wrap(aperak.bytes())).toString();
        assertTrue(text.contains("UNB+UNOC:3+HKTSWGW:ZZZ+HKTRADING88:ZZZ+"), text);
        assertTrue(text.contains("許氏貿易嘅啲貨物重量不符"), text);
    }

    private static void parses(MessageOutcome outcome, String text) {
        byte[] bytes = text.getBytes(charset(outcome));
        Document doc = assertDoesNotThrow(() -> APERAK_READER.read("D96A", bytes));
        assertTrue(doc.getElementsByTagNameNS("*", "APERAK").getLength() == 1, "no APERAK element in the parse");
    }

    private static String text(MessageOutcome outcome, AperakWriter.Aperak aperak) {
        return new String(aperak.bytes(), charset(outcome));
    }

    private static Charset charset(MessageOutcome outcome) {
        return outcome.edifact().interchange().charset().charset();
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    private static EdifactMessage scan(String sample) throws IOException {
        List<EdifactMessage> messages = new ArrayList<>();
        new EnvelopeScanner(false).scan(new ByteArrayInputStream(Files.readAllBytes(REPO.resolve("mappings").resolve(sample))),
                new EnvelopeScanner.Listener() {
                    @Override
                    public void message(EdifactMessage message) {
                        messages.add(message);
                    }

                    @Override
                    public void interchangeEnded(InterchangeSummary summary) {
                    }
                });
        return messages.get(0);
    }
}
