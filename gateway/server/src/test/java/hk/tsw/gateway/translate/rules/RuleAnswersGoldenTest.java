package hk.tsw.gateway.translate.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;

import hk.tsw.gateway.answer.WcoResponseWriter;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.translate.mapping.TranslatedDocument;
import hk.tsw.gateway.security.SecureXml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The answer a sender gets for each rule failure, as a golden file: for every failing sample
 * {@code mappings/rules/<TYPE>/samples/failing/X.xml} (the same ones BusinessRulesGoldenTest walks), the rules run
 * and the WCO Response of an XML submission whose canonical document is the sample is written with a fixed clock
 * (2025-03-14T11:05:00Z) and compared byte for byte with {@code X.response.xml} next to the sample. Every answer must
 * validate against the HMRC notification schema and carry one Error per failure, in order, with the rule id as
 * ValidationCode.
 *
 * <p>When the golden is missing or differs, the actual answer is written to
 * {@code gateway/server/target/rule-answers/<TYPE>/X.response.xml} and the test fails: review it, then copy it next to the
 * sample. ({@code X.wco-response.xml} of TT_IM017a-broken is WcoResponseWriterTest's own golden, with another clock.)
 */
class RuleAnswersGoldenTest {

    private static final Path REPO = BusinessRulesGoldenTest.REPO;
    private static final Path RULES = BusinessRulesGoldenTest.RULES;
    private static final Path ACTUAL = REPO.resolve("gateway/server/target/rule-answers");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T11:05:00Z"), ZoneOffset.UTC);
    private static final Pattern FUNCTIONAL_REFERENCE = Pattern.compile("<FunctionalReferenceID>([^<]*)</FunctionalReferenceID>");
    private static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = SecureXml.schema(REPO.resolve("xsd/inbound/wco-res-dms-2/DocumentMetaData_2_DMS_RES.xsd"));
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingSamples")
    void the_answer_to_a_failing_sample_is_its_golden_wco_response(String name, Path sample) throws Exception {
        String type = RULES.relativize(sample).getName(0).toString(); // <TYPE>[/<lpcoType>]/samples/failing/X.xml
        byte[] canonical = Files.readAllBytes(sample);
        List<RuleFailure> failures = BusinessRulesGoldenTest.rules().check(type, canonical);
        assertFalse(failures.isEmpty(), "a failing sample must break some rule");

        String base = sample.getFileName().toString().replaceFirst("\\.xml$", "");
        String lrn = functionalReference(canonical);
        MessageOutcome outcome = new MessageOutcome(null, lrn,
                new TranslatedDocument(base + ".xml", type, lrn, null, canonical), List.of(), false, null);
        byte[] response = new WcoResponseWriter(CLOCK).write(outcome, failures);
        String actual = new String(response, StandardCharsets.UTF_8);

        SecureXml.validator(schema).validate(new StreamSource(new ByteArrayInputStream(response)));
        Document doc = SecureXml.documentBuilderFactory().newDocumentBuilder().parse(new ByteArrayInputStream(response));
        assertEquals("03", text(doc.getDocumentElement(), "FunctionCode"), "a failing sample is rejected");
        NodeList errors = doc.getElementsByTagNameNS(WcoResponseWriter.RES_NS, "Error");
        assertEquals(failures.size(), errors.getLength(), "one Error per failure");
        for (int i = 0; i < failures.size(); i++) {
            assertEquals(failures.get(i).rule(), text((Element) errors.item(i), "ValidationCode"), "Error " + (i + 1));
        }

        Path golden = sample.resolveSibling(base + ".response.xml");
        Path written = ACTUAL.resolve(RULES.relativize(sample.getParent())).resolve(base + ".response.xml");
        if (!Files.exists(golden) || !actual.equals(Files.readString(golden, StandardCharsets.UTF_8))) {
            Files.createDirectories(written.getParent());
            Files.write(written, response);
        }
        if (!Files.exists(golden)) {
            fail("missing golden " + RULES.relativize(golden) + "; the actual answer was written to " + REPO.relativize(written)
                    + ": review it and copy it into place");
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                () -> "answer differs from " + RULES.relativize(golden) + "; actual written to " + REPO.relativize(written));
        assertArrayEquals(Files.readAllBytes(golden), response);
    }

    private static String functionalReference(byte[] canonical) {
        Matcher m = FUNCTIONAL_REFERENCE.matcher(new String(canonical, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    private static String text(Element parent, String localName) {
        NodeList list = parent.getElementsByTagNameNS(WcoResponseWriter.RES_NS, localName);
        return list.getLength() == 0 ? null : list.item(0).getTextContent();
    }
}
