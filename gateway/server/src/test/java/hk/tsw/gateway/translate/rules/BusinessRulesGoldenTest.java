package hk.tsw.gateway.translate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import hk.tsw.gateway.security.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks {@code mappings/rules/<TYPE>/samples/failing/}: each canonical document {@code X.xml} must produce exactly
 * the failures of {@code X.expected-failures.txt} ({@code RULE-ID xpath: message}, one a line, in order), so a new
 * rule or document type is tested with no new Java. And every sample output of every mapping
 * ({@code mappings/*}{@code /samples/*.expected.xml}) must pass the rules of its type.
 *
 * <p>The failing samples sit one folder below {@code samples/} because MappingGoldenTest feeds every
 * {@code samples/*.xml} to the translation engine as an inbound message.
 */
class BusinessRulesGoldenTest {

    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path MAPPINGS = REPO.resolve("mappings");
    static final Path RULES = MAPPINGS.resolve("rules");
    private static final Pattern DOCUMENT_TYPE = Pattern.compile("<DocumentType>([A-Z_]+)</DocumentType>");
    private static final net.sf.saxon.s9api.Processor SAXON = SecureXml.saxon();
    private static BusinessRules rules;

    /**
     * Mapping samples that really break a rule. Listed exactly, not excused: the rule stays strict, and this test
     * fails when the sample changes. HMRC's TT_EX037a declares origin 'ZU' (the UK continental shelf code of the
     * EU/UK national code lists), which is not an ISO 3166-1 code.
     */
    private static final Map<String, List<String>> KNOWN_SAMPLE_FAILURES = Map.of(
            "wco-dec-dms-2/samples/TT_EX037a.expected.xml", List.of("CMN-001 /TradeDocument/GoodsItem/Origin/CountryCode: "
                    + "Country of origin code 'ZU' of goods item 1 is not an ISO 3166-1 alpha-2 country code"));

    static synchronized BusinessRules rules() {
        if (rules == null) {
            try {
                rules = BusinessRules.load(RULES, SAXON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rules;
    }

    static Stream<Arguments> failingSamples() throws IOException {
        List<Arguments> list = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(RULES)) {
            walk.filter(BusinessRulesGoldenTest::isFailingSample)
                    .sorted()
                    .forEach(p -> list.add(Arguments.of(RULES.relativize(p).toString(), p)));
        }
        return list.stream();
    }

    /**
     * A canonical document in a {@code samples/failing/} folder; not a golden answer written for one
     * ({@code X.response.xml}, see RuleAnswersGoldenTest; {@code X.wco-response.xml}, see WcoResponseWriterTest).
     */
    static boolean isFailingSample(Path p) {
        String name = p.getFileName().toString();
        return p.getParent() != null && p.getParent().getFileName().toString().equals("failing")
                && name.endsWith(".xml") && !name.endsWith(".response.xml") && !name.endsWith(".wco-response.xml");
    }

    static Stream<Arguments> mappingOutputs() throws IOException {
        List<Arguments> list = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(MAPPINGS)) {
            walk.filter(p -> !p.startsWith(RULES) && p.getFileName().toString().matches(".*\\.expected(-\\d+)?\\.xml"))
                    .sorted()
                    .forEach(p -> list.add(Arguments.of(MAPPINGS.relativize(p).toString(), p)));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingSamples")
    void failing_sample_reports_exactly_its_expected_failures(String name, Path sample) throws IOException {
        String type = RULES.relativize(sample).getName(0).toString(); // <TYPE>[/<lpcoType>]/samples/failing/X.xml
        byte[] xml = Files.readAllBytes(sample);
        assertEquals(type, documentType(xml), "the sample's DocumentType must match its rules folder");
        Path expectedFile = sample.resolveSibling(sample.getFileName().toString().replaceFirst("\\.xml$", ".expected-failures.txt"));
        List<String> actual = rules().check(type, xml).stream().map(RuleFailure::format).toList();
        assertTrue(Files.exists(expectedFile), () -> "missing " + expectedFile.getFileName() + "; actual:\n"
                + String.join("\n", actual));
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        assertFalse(expected.isEmpty(), "a failing sample must expect failures");
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    /**
     * The pipeline hands the rules the tree the mapping built (no whitespace between elements, no second parse):
     * it must fail exactly as the indented bytes do. The bytes passed beside the tree are another document's, so
     * the result shows the tree was the one checked.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("failingSamples")
    void failing_sample_fails_the_same_as_the_tree_the_mapping_built(String name, Path sample) throws Exception {
        String type = RULES.relativize(sample).getName(0).toString(); // <TYPE>[/<lpcoType>]/samples/failing/X.xml
        byte[] xml = Files.readAllBytes(sample);
        net.sf.saxon.s9api.DocumentBuilder builder = SAXON.newDocumentBuilder();
        builder.setWhitespaceStrippingPolicy(net.sf.saxon.s9api.WhitespaceStrippingPolicy.ALL);
        net.sf.saxon.s9api.XdmNode tree = builder.build(new javax.xml.transform.sax.SAXSource(SecureXml.xmlReader(),
                new org.xml.sax.InputSource(new java.io.ByteArrayInputStream(xml))));
        byte[] other = "<x/>".getBytes(StandardCharsets.UTF_8);
        List<String> fromBytes = rules().check(type, xml).stream().map(RuleFailure::format).toList();
        assertFalse(fromBytes.isEmpty());
        assertEquals(fromBytes, rules().check(type, tree, other).stream().map(RuleFailure::format).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappingOutputs")
    void every_mapping_sample_output_passes_the_rules_of_its_type(String name, Path expectedXml) throws IOException {
        byte[] xml = Files.readAllBytes(expectedXml);
        String type = documentType(xml);
        assertTrue(rules().documentTypes().contains(type), "no rules folder for " + type);
        List<String> expected = KNOWN_SAMPLE_FAILURES.getOrDefault(name.replace('\\', '/'), List.of());
        assertEquals(expected, rules().check(type, xml).stream().map(RuleFailure::format).toList());
    }

    @Test
    void every_rules_folder_has_failing_samples() throws IOException {
        for (String type : rules().documentTypes()) {
            Path failing = RULES.resolve(type).resolve("samples/failing");
            try (Stream<Path> files = Files.list(failing)) {
                assertTrue(files.anyMatch(p -> p.toString().endsWith(".xml")), type + " has no failing sample");
            }
        }
    }

    /**
     * Every rule id a stylesheet uses ({@code 'MANI-002'} as an argument of {@code rc:failure}/{@code rc:required},
     * or a literal {@code rule="..."}) must be expected by at least one failing sample, so a new rule without a
     * failing sample fails the build.
     */
    @Test
    void every_rule_id_is_broken_by_some_failing_sample() throws IOException {
        Pattern ruleId = Pattern.compile("['\"]([A-Z]+-[0-9]{3})['\"]");
        java.util.SortedSet<String> defined = new java.util.TreeSet<>();
        java.util.SortedSet<String> expected = new java.util.TreeSet<>();
        try (Stream<Path> walk = Files.walk(RULES)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                String folder = p.getParent().getFileName().toString();
                boolean stylesheet = name.endsWith(".xsl") && (name.equals("rules.xsl")
                        || folder.equals("common") && p.getParent().getParent().equals(RULES));
                if (stylesheet) {
                    Matcher m = ruleId.matcher(Files.readString(p, StandardCharsets.UTF_8));
                    while (m.find()) {
                        defined.add(m.group(1));
                    }
                } else if (name.endsWith(".expected-failures.txt")) {
                    for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                        if (!line.isBlank()) {
                            expected.add(line.strip().split("\\s+", 2)[0]);
                        }
                    }
                }
            }
        }
        assertTrue(defined.size() >= 19, () -> "the rule id pattern found too few ids in the stylesheets: " + defined);
        java.util.SortedSet<String> untested = new java.util.TreeSet<>(defined);
        untested.removeAll(expected);
        assertTrue(untested.isEmpty(), () -> "rules with no failing sample (add samples/failing/X.xml and "
                + "X.expected-failures.txt that break them): " + untested);
    }

    private static String documentType(byte[] xml) {
        Matcher m = DOCUMENT_TYPE.matcher(new String(xml, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : "";
    }
}
