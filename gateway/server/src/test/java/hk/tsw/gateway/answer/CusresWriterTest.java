package hk.tsw.gateway.answer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.translate.mapping.DaffodilEdifactReader;
import hk.tsw.gateway.store.DecisionStore.Decision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * CUSRES answers are compared byte for byte with golden files (fixed clock), and every one written here must parse
 * with the Smooks/Daffodil D.96A CUSRES reader without a BadMessage: the segment table is followed exactly.
 */
class CusresWriterTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final Path GOLDEN = REPO.resolve("gateway/server/src/test/resources/cusres");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T03:05:00Z"), ZoneId.of("Asia/Hong_Kong"));
    private static final DaffodilEdifactReader READER = new DaffodilEdifactReader(List.of(Map.entry("D96A", "CUSRES")),
            Path.of("gateway/server/target/dfdl-cache").toAbsolutePath(), "Off");
    private static final CusresWriter.InterchangeInfo UNOC_D96A = new CusresWriter.InterchangeInfo("UNOC", "3",
            "TRADER01", "ZZZ", "IC000123", "MSG0001", "D96A");

    @AfterAll
    static void closeReader() {
        READER.close();
    }

    /** Issue 19: a reason longer than the FTX's five values ends in "..." at a space, never inside ISO:4217. */
    @Test
    void a_long_reason_is_shortened_at_a_space_never_inside_a_code() {
        for (int shift = 0; shift < 20; shift++) {
            String reason = "x".repeat(shift + 1) + " " + "The currency is not a code of the list. ".repeat(7)
                    + "ISO:4217 ".repeat(15);
            List<List<String>> ftx = CusresWriter.freeTexts(List.of(reason),
                    new CusresWriter.Text(hk.tsw.gateway.translate.edifact.SyntaxCharset.UNOC));
            List<String> values = ftx.get(0);
            assertEquals(5, values.size(), values.toString());
            assertTrue(values.stream().allMatch(v -> v.length() <= 70), values.toString());
            String joined = String.join(" ", values);
            assertTrue(joined.endsWith("..."), joined);
            String kept = joined.substring(0, joined.length() - 3);
            assertTrue(reason.startsWith(kept + " "), "cut inside a word at shift " + shift + ": " + kept);
        }
    }

    @Test
    void tells_the_sender_its_goods_are_released() throws Exception {
        String text = golden("released.edi", UNOC_D96A,
                decision("RELEASED", List.of(), null, null, null), "CUSDEC-2025-0042");
        assertTrue(text.contains("'BGM+962+GW-DEC-1+9'"), text);
        assertTrue(text.contains("'GIS+4'"), text);
    }

    @Test
    void lists_each_rejection_reason_as_error_description_text() throws Exception {
        String text = golden("rejected-two-reasons.edi", UNOC_D96A, decision("REJECTED",
                List.of("Consignee licence number missing", "Value 1+2 does not match the invoice's total"), null, null,
                null), "CUSDEC-2025-0042");
        assertTrue(text.contains("'BGM+963+GW-DEC-1+9'"), text);
        assertTrue(text.contains("'GIS+2'FTX+AAO+++Consignee licence number missing'"
                + "FTX+AAO+++Value 1?+2 does not match the invoice?'s total'"), text);
    }

    @Test
    void carries_an_issued_licence_with_its_number_and_validity() throws Exception {
        String text = golden("licence-issued.edi", UNOC_D96A,
                decision("LICENCE_ISSUED", List.of(), "IL-2025-778899", "2025-03-14", "2025-09-13"), "APP-778");
        assertTrue(text.contains("'DOC+911+IL-2025-778899'DTM+157:20250314:102'DTM+36:20250913:102'UNT+"), text);
    }

    @Test
    void names_an_issued_permit_and_leaves_out_validity_it_was_not_given() {
        String text = write(UNOC_D96A, decision("PERMIT_ISSUED", List.of(), "P-1", null, null), "APP-9");
        assertTrue(text.contains("'GIS+1'RFF+ACW:MSG0001'RFF+AGO:APP-9'DOC+911:::Permit+P-1'UNT+9+1'"), text);
        parses(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void answers_a_utf8_syntax_4_sender_in_utf8_with_chinese_reasons() throws Exception {
        CusresWriter.InterchangeInfo unow = new CusresWriter.InterchangeInfo("UNOW", "4", "TRADER02", null, "IC9",
                "M9", "D96A");
        String text = golden("held-unow.edi", unow, decision("HELD_FOR_INSPECTION",
                List.of("貨物須接受檢查：請於2025年3月17日把貨物運往葵涌海關驗貨場"), null, null, null), "貨單-001");
        assertTrue(text.startsWith("UNA:+.?*'UNB+UNOW:4+HKTSWGW:ZZZ+TRADER02+20250314:1105+"), text);
        assertTrue(text.contains("'GIS+5'FTX+ACD+++貨物須接受檢查：請於2025年3月17日把貨物運往葵涌海關驗貨場'"), text);
        assertTrue(text.contains("'RFF+AGO:貨單-001'"), text);
    }

    @Test
    void answers_a_big5_hkscs_partner_in_big5_hkscs_under_its_own_syntax_id() throws Exception {
        Charset big5 = Charset.forName("Big5-HKSCS");
        CusresWriter.InterchangeInfo agreed = new CusresWriter.InterchangeInfo("UNOC", "3", "HKSENDER", "ZZZ", "IC7",
                "M7", "D96A", big5);
        byte[] bytes = new CusresWriter("HKTSWGW", "ZZZ", CLOCK).write(agreed, decision("REJECTED",
                List.of("許氏貿易：嘅啲貨物文件不齊"), null, null, null), "許-001", "GW-DEC-1");
        String text = big5.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        assertTrue(text.startsWith("UNA:+.? 'UNB+UNOC:3+HKTSWGW:ZZZ+HKSENDER:ZZZ+"), text);
        assertTrue(text.contains("FTX+AAO+++許氏貿易：嘅啲貨物文件不齊'"), text);
        assertTrue(text.contains("'RFF+AGO:許-001'"), text);
    }

    @Test
    void answers_in_the_directory_version_of_the_original() {
        String text = text(new CusresWriter("HKTSWGW", "ZZZ", CLOCK).write(new CusresWriter.InterchangeInfo("UNOC",
                "3", "TRADER01", "ZZZ", "IC1", "M1", "D96B"), decision("ACCEPTED", List.of(), null, null, null),
                "X", "GW-1"), StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("'UNH+1+CUSRES:D:96B:UN'BGM+962+GW-1+9'"), text);
        assertTrue(text.contains("'GIS+1'"), text);
    }

    @Test
    void keeps_free_text_within_five_segments_of_five_70_character_values() {
        String words = "The declared quantity cannot be reconciled with the permit conditions. ".repeat(7);
        List<String> reasons = List.of(words, "b", "c", "d", "e", "f", "g");
        String text = write(UNOC_D96A, decision("REJECTED", reasons, null, null, null), "D1");
        int ftx = 0;
        for (String seg : text.split("(?<!\\?)'")) {
            if (seg.startsWith("FTX")) {
                ftx++;
                String[] values = seg.substring("FTX+AAO+++".length()).split("(?<!\\?):");
                assertTrue(values.length <= 5, seg);
                for (String value : values) {
                    assertTrue(value.replace("?", "").length() <= 70, value);
                }
            }
        }
        assertEquals(5, ftx, text);
        assertTrue(text.contains("...:") || text.contains("...'"), "cut text is marked: " + text);
        assertTrue(text.contains("FTX+AAO+++e; f; g'"), text);
        parses(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void writes_a_rejection_without_reasons_as_rejected_without_comment() {
        String text = write(UNOC_D96A, decision("REJECTED", List.of(), null, null, null), null);
        assertTrue(text.contains("'GIS+3'RFF+ACW:MSG0001'UNT+"), text);
        parses(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void refuses_an_unknown_decision_or_directory() {
        CusresWriter writer = new CusresWriter("HKTSWGW", "ZZZ", CLOCK);
        assertThrows(IllegalArgumentException.class,
                () -> writer.write(UNOC_D96A, decision("MAYBE", List.of(), null, null, null), "D", "R"));
        assertThrows(IllegalArgumentException.class, () -> writer.write(new CusresWriter.InterchangeInfo("UNOC", "3",
                "T", null, "I", "M", "S93A"), decision("ACCEPTED", List.of(), null, null, null), "D", "R"));
    }

    @Test
    void an_issued_licence_carries_each_licensed_line_and_parses_as_d96a_cusres() {
        Decision issued = new Decision("TID", "LICENCE_ISSUED", List.of(), "SCI-2026-0001", "2026-12-10", "2027-06-09",
                "AG-REF-2", List.of(new hk.tsw.gateway.store.DecisionStore.LicensedLine("845710", new java.math.BigDecimal("2"), "NAR"),
                new hk.tsw.gateway.store.DecisionStore.LicensedLine("8466", new java.math.BigDecimal("150.500"), "KGM")));
        byte[] bytes = new CusresWriter("HKTSWGW", "ZZZ", CLOCK).write(UNOC_D96A, issued, "SCI2026120300001", "GW-DEC-1");
        String text = text(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("'GIS+1'RFF+ACW:MSG0001'RFF+AGO:SCI2026120300001'RFF+LI:845710:1'MEA+AAE++NAR:2'"
                + "RFF+LI:8466:2'MEA+AAE++KGM:150.5'DOC+911+SCI-2026-0001'DTM+157:20261210:102'DTM+36:20270609:102'"), text);
        parses(bytes);
    }

    @Test
    void more_information_and_refusal_of_an_application_say_why_and_parse() {
        String more = write(UNOC_D96A, decision("MORE_INFORMATION_REQUESTED",
                List.of("Send the end-user statement"), null, null, null), "SCI1");
        assertTrue(more.contains("'BGM+962+GW-DEC-1+9'") && more.contains("'GIS+6'FTX+ACD+++Send the end-user statement'"), more);
        String refused = write(UNOC_D96A, decision("REFUSED", List.of("End use not accepted"), null, null, null), "SCI1");
        assertTrue(refused.contains("'BGM+963+GW-DEC-1+9'") && refused.contains("'GIS+2'FTX+AAO+++End use not accepted'"),
                refused);
        parses(new CusresWriter("HKTSWGW", "ZZZ", CLOCK).write(UNOC_D96A, decision("MORE_INFORMATION_REQUESTED",
                List.of("Send the end-user statement"), null, null, null), "SCI1", "GW-DEC-1"));
    }

    private static Decision decision(String status, List<String> reasons, String licence, String from, String to) {
        return new Decision("CEDB", status, reasons, licence, from, to, "AG-REF-1");
    }

    private static String write(CusresWriter.InterchangeInfo original, Decision decision, String documentNumber) {
        byte[] bytes = new CusresWriter("HKTSWGW", "ZZZ", CLOCK).write(original, decision, documentNumber, "GW-DEC-1");
        return text(bytes, charset(original));
    }

    private static String golden(String name, CusresWriter.InterchangeInfo original, Decision decision,
                                 String documentNumber) throws IOException {
        byte[] bytes = new CusresWriter("HKTSWGW", "ZZZ", CLOCK).write(original, decision, documentNumber, "GW-DEC-1");
        Path golden = GOLDEN.resolve(name);
        String actual = text(bytes, charset(original));
        assertTrue(Files.exists(golden), () -> "missing " + golden + "; actual:\n" + actual);
        assertEquals(new String(Files.readAllBytes(golden), charset(original)), actual);
        assertTrue(actual.contains("UNB+" + original.syntaxId() + ":" + original.syntaxVersion()
                + "+HKTSWGW:ZZZ+" + original.senderId()), actual);
        assertTrue(actual.contains("'UNH+1+CUSRES:D:96A:UN'"), actual);
        assertTrue(actual.contains("'RFF+ACW:" + original.messageRef() + "'"), actual);
        parses(bytes);
        return actual;
    }

    private static void parses(byte[] bytes) {
        Document doc = assertDoesNotThrow(() -> READER.read("D96A", bytes));
        assertEquals(0, doc.getElementsByTagNameNS("*", "BadMessage").getLength());
        assertEquals(1, doc.getElementsByTagNameNS("*", "CUSRES").getLength(), "no CUSRES element in the parse");
    }

    private static Charset charset(CusresWriter.InterchangeInfo original) {
        return hk.tsw.gateway.translate.edifact.SyntaxCharset.of(original.syntaxId()).charset();
    }

    private static String text(byte[] bytes, Charset charset) {
        return new String(bytes, charset);
    }
}
