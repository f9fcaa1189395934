package hk.tsw.gateway.translate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import hk.tsw.gateway.security.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine around the rule stylesheets: loading, unknown types, hostile input, the error code table. */
class BusinessRulesTest {

    private static final Path SAMPLE = BusinessRulesGoldenTest.MAPPINGS.resolve("cusdec-d96a/samples/hk-export-utf8.expected.xml");

    @Test
    void collects_every_failure_not_just_the_first() throws IOException {
        String xml = Files.readString(SAMPLE)
                .replace("<ID>61091000</ID>", "<ID>6109A</ID>")
                .replace("<ID>42022200</ID>", "<ID>4202</ID>");
        List<RuleFailure> failures = BusinessRulesGoldenTest.rules().check("EXPORT_DECLARATION", xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(
                new RuleFailure("DECL-003", "/TradeDocument/GoodsItem[1]/Commodity/Classification/ID", "6109A",
                        "HS code '6109A' of goods item 1 must be 6, 8 or 10 digits"),
                new RuleFailure("DECL-003", "/TradeDocument/GoodsItem[2]/Commodity/Classification/ID", "4202",
                        "HS code '4202' of goods item 2 must be 6, 8 or 10 digits")), failures);
    }

    @Test
    void a_document_type_without_rules_folder_passes() throws IOException {
        assertEquals(List.of(), BusinessRulesGoldenTest.rules().check("TRANSHIPMENT_NOTICE", Files.readAllBytes(SAMPLE)));
    }

    @Test
    void refuses_a_doctype_in_the_canonical_document() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<TradeDocument xmlns=\"urn:hk:tsw:canonical:trade-document:1\">&x;</TradeDocument>").getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> BusinessRulesGoldenTest.rules().check("EXPORT_DECLARATION", xxe));
    }

    @Test
    void error_codes_come_from_the_data_file() {
        BusinessRules rules = BusinessRulesGoldenTest.rules();
        assertEquals("13", rules.errorCode("DECL-001"));
        assertEquals("12", rules.errorCode("DECL-003"));
        assertEquals("39", rules.errorCode("CMN-007"));
        assertEquals("12", rules.errorCode("NO-SUCH-RULE"));
        assertEquals("12", rules.mappingErrorCode());
    }

    @Test
    void every_rule_id_in_the_stylesheets_has_an_error_code_and_a_readme_row() throws IOException {
        String codes = Files.readString(BusinessRulesGoldenTest.RULES.resolve("error-codes.xml"));
        for (String type : BusinessRulesGoldenTest.rules().documentTypes()) {
            String readme = Files.readString(BusinessRulesGoldenTest.RULES.resolve(type).resolve("README.md"));
            // a per-LPCO-type folder (<TYPE>/<lpcoType>) runs only its own rules; the common ones run with <TYPE>'s
            String xsl = Files.readString(BusinessRulesGoldenTest.RULES.resolve(type).resolve("rules.xsl"))
                    + (type.contains("/") ? "" : Files.readString(BusinessRulesGoldenTest.RULES.resolve("common/rules-common.xsl")));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([A-Z]{3,4}-\\d{3})'").matcher(xsl);
            while (m.find()) {
                assertTrue(codes.contains(m.group(1)), m.group(1) + " is not in error-codes.xml");
                if (!m.group(1).startsWith("DECL") || type.endsWith("_DECLARATION")) {
                    assertTrue(readme.contains("| " + m.group(1) + " |"), m.group(1) + " is not in " + type + "/README.md");
                }
            }
        }
    }

    @Test
    void a_stylesheet_may_not_include_files_outside_the_rules_folder(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("rules/common"));
        Files.writeString(dir.resolve("outside.xsl"), "<xsl:stylesheet version=\"3.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"/>");
        Files.createDirectories(dir.resolve("rules/EVIL"));
        Files.writeString(dir.resolve("rules/error-codes.xml"), "<errorCodes xmlns=\"urn:hk:tsw:rule-error-codes:1\" default=\"12\" mapping=\"12\"/>");
        Files.writeString(dir.resolve("rules/EVIL/rules.xsl"), "<xsl:stylesheet version=\"3.0\" "
                + "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:include href=\"../../outside.xsl\"/></xsl:stylesheet>");
        // refused when the stylesheet is compiled (ahead of use, or on the first document of its type)
        BusinessRules evil = BusinessRules.load(dir.resolve("rules"), SecureXml.saxon());
        java.util.List<String> failures = evil.compileAll((type, failure) -> { });
        assertEquals(1, failures.size(), failures::toString);
        assertTrue(failures.get(0).contains("EVIL/rules.xsl cannot be compiled")
                && failures.get(0).contains("outside the rules folder"), failures.get(0));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> evil.check("EVIL", "<x/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(failures.get(0), e.getMessage());
        // control: the same include from inside the folder compiles
        Files.move(dir.resolve("outside.xsl"), dir.resolve("rules/outside.xsl"));
        Files.writeString(dir.resolve("rules/EVIL/rules.xsl"), "<xsl:stylesheet version=\"3.0\" "
                + "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:include href=\"../outside.xsl\"/></xsl:stylesheet>");
        BusinessRules inside = BusinessRules.load(dir.resolve("rules"), SecureXml.saxon());
        assertEquals(java.util.Set.of("EVIL"), inside.documentTypes());
        assertEquals(java.util.List.of(), inside.compileAll((type, failure) -> { }));
    }

    /**
     * A rule may compare with today (a licence's expiry, a date not in the future): each document is checked at its
     * own time. The rules reuse one transformer per thread, and Saxon's documentation says {@code current-dateTime()}
     * stays constant for the life of a transformer; Saxon-HE 12 resets it at each run, which this guards (should an
     * upgrade freeze it, reuse would report the time of a thread's first document forever). Not a speed check: the
     * clock only has to move.
     */
    @Test
    void a_rule_reading_the_current_time_sees_each_documents_own_time(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("rules/CLOCKED"));
        Files.createDirectories(dir.resolve("rules/common"));
        Files.writeString(dir.resolve("rules/error-codes.xml"), "<errorCodes xmlns=\"urn:hk:tsw:rule-error-codes:1\" default=\"12\" mapping=\"12\"/>");
        Files.writeString(dir.resolve("rules/CLOCKED/rules.xsl"), "<xsl:stylesheet version=\"3.0\" "
                + "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" xmlns:r=\"urn:hk:tsw:rule-failures:1\">"
                + "<xsl:template match=\"/\"><r:Failures><r:Failure rule=\"CLK-001\" xpath=\"/x\" "
                + "value=\"{current-dateTime()}\">now</r:Failure></r:Failures></xsl:template></xsl:stylesheet>");
        BusinessRules rules = BusinessRules.load(dir.resolve("rules"), SecureXml.saxon());
        byte[] doc = "<x/>".getBytes(StandardCharsets.UTF_8);
        String first = rules.check("CLOCKED", doc).get(0).value();
        long start = System.currentTimeMillis();
        while (System.currentTimeMillis() <= start + 5) {
            Thread.sleep(5); // until the clock has moved on by more than its millisecond
        }
        String second = rules.check("CLOCKED", doc).get(0).value();
        assertTrue(!first.equals(second), "the second document saw the first one's time: " + first);
    }
}
