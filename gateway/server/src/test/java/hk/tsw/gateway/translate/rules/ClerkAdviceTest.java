package hk.tsw.gateway.translate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.security.SecureXml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Issue 19, item 3: every rejection says in plain words what to change. The codes and rules are read from the
 * files, not listed here, so a 0085 code used in a new check, or an {@code error-codes.xml} entry appended later
 * without {@code <advice>}, fails this test.
 */
class ClerkAdviceTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final Path RULES = REPO.resolve("mappings/rules");
    private static final Path MAIN = REPO.resolve("gateway/server/src/main/java");
    /** A 0085 code where the checks pass one: the last argument, either side of a ternary, or ServiceChars' "NN|reason". */
    private static final Pattern CODE_ARGUMENT = Pattern.compile("[,?:]\\s*\"(\\d{1,2})\"(?=\\s*[):])|\"(\\d{1,2})\\|");
    /** A source that makes located errors (the uses of the type alone, e.g. the answer writers, are not checks). */
    private static final Pattern MAKES_ERRORS = Pattern.compile("LocatedError\\.(interchange|group|message|xml)\\(|new LocatedError\\(");

    /** Every 0085 code a check of the gateway can put on a located error, found in the sources. */
    static Set<String> syntaxCodesInTheSources() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(MAIN)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                boolean checks = MAKES_ERRORS.matcher(src).find() || f.getParent().endsWith("edifact");
                if (!checks || f.getFileName().toString().equals("SegmentDirectory.java")) {
                    continue; // SegmentDirectory reads the directory schemas' facets ("0" defaults), it emits no error
                }
                Matcher m = CODE_ARGUMENT.matcher(src);
                while (m.find()) {
                    codes.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        return codes;
    }

    @Test
    void every_0085_code_the_gateway_emits_has_advice() throws IOException {
        Set<String> codes = syntaxCodesInTheSources();
        // the scan itself must work: these are certainly emitted (UNT count, missing, UNZ reference, sender, duplicate)
        assertTrue(codes.containsAll(Set.of("29", "13", "28", "23", "26", "35", "36", "21", "20", "22")), codes.toString());
        ClerkAdvice advice = ClerkAdvice.load(RULES);
        List<String> without = new ArrayList<>();
        for (String code : codes) {
            if (advice.syntaxTemplate(code) == null || advice.syntaxTemplate(code).isBlank()) {
                without.add(code);
            }
        }
        assertEquals(List.of(), without, "0085 codes without advice in mappings/common/syntax-advice.xml");
    }

    @Test
    void every_error_codes_entry_has_advice_and_so_every_rule() throws Exception {
        Element root = SecureXml.documentBuilderFactory().newDocumentBuilder()
                .parse(RULES.resolve("error-codes.xml").toFile()).getDocumentElement();
        ClerkAdvice advice = ClerkAdvice.load(RULES);
        int entries = 0;
        List<String> without = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element code && "code".equals(code.getLocalName())) {
                entries++;
                boolean has = false;
                for (Node a = code.getFirstChild(); a != null; a = a.getNextSibling()) {
                    has |= a instanceof Element el && "advice".equals(el.getLocalName()) && !el.getTextContent().isBlank();
                }
                if (!has) {
                    without.add(code.getAttribute("value") + " " + code.getAttribute("meaning") + " ("
                            + code.getAttribute("rules").strip().replaceAll("\\s+", " ") + ")");
                }
                for (String rule : code.getAttribute("rules").strip().split("\\s+")) {
                    RuleFailure f = advice.advise(new RuleFailure(rule, "/TradeDocument/X", "V", "something is wrong"));
                    assertNotNull(f.advice(), rule);
                    assertFalse(f.advice().contains("{"), "placeholder left in the advice of " + rule + ": " + f.advice());
                }
            }
        }
        assertTrue(entries >= 3, "error-codes.xml read: " + entries + " entries");
        assertEquals(List.of(), without, "error-codes.xml entries without <advice>");
        assertNotNull(advice.advise(LocatedError.xml("D1", 3, "/Declaration/X", null, "bad")).advice(),
                "mapping errors: <mappingAdvice>");
    }

    @Test
    void the_advice_follows_the_located_reason_with_its_specifics_filled_in() throws IOException {
        ClerkAdvice advice = ClerkAdvice.load(RULES);
        LocatedError count = advice.advise(LocatedError.message("IC1", "M2", 81, "UNT", 1, 1, "39",
                "UNT counts 39 segments but the message has 40 (UNH to UNT inclusive)", "29"));
        assertEquals("message M2: segment 81 (UNT) element 1.1: UNT counts 39 segments but the message has 40"
                + " (UNH to UNT inclusive) [0085=29]. What to do: Correct the count in UNT to the number"
                + " actually sent (or let your EDI software compute it), then send it again.", count.format());
        LocatedError tooLong = advice.advise(LocatedError.message("IC1", "M2", 7, "NAD", 4, 1, "X".repeat(40),
                "value is 40 characters, at most 35 allowed", "39"));
        assertTrue(tooLong.advice().contains("segment 7 (NAD) element 4.1"), tooLong.advice());
        assertFalse(tooLong.format().contains("{"), tooLong.format());
        RuleFailure currency = advice.advise(new RuleFailure("CMN-004", "/TradeDocument/Invoice/CurrencyCode", "USX",
                "Currency code 'USX' is not in ISO 4217"));
        assertTrue(currency.format().endsWith("What to do: Replace 'USX' where the reason says with a valid one (the"
                + " code list or format the reason names), then lodge the document again."), currency.format());
    }
}
