package hk.tsw.gateway.answer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import hk.tsw.gateway.answer.ContrlWriter.Contrl;
import hk.tsw.gateway.answer.ContrlWriter.GatewayIdentity;
import hk.tsw.gateway.translate.edifact.SyntaxCharset;
import hk.tsw.gateway.translate.mapping.DfdlCacheDataProcessorFactory;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.translate.mapping.TranslationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smooks.Smooks;
import org.smooks.api.resource.config.ResourceConfig;
import org.smooks.cartridges.edifact.EdifactReaderConfigurator;
import org.smooks.io.sink.StringSink;
import org.smooks.io.source.StreamSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * CONTRLs written from real engine output. Every {@code X.edi} in {@code resources/contrl/} must be answered with
 * exactly the bytes of {@code X.contrl} (a new pair needs no new Java), and every CONTRL must be read by a second,
 * independent parser (Smooks' DFDL EDIFACT cartridge, which knows CONTRL) with the UCI and UCMs the engine's verdict
 * calls for.
 */
class ContrlWriterTest {

    private static final Path GOLDEN = TestEngine.REPO.resolve("gateway/server/src/test/resources/contrl");
    private static final Path ACTUAL = TestEngine.REPO.resolve("gateway/server/target/contrl-actual");
    /** 12:05 on 1 March 2026 in Hong Kong, 04:05 UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T04:05:00Z"), ZoneId.of("Asia/Hong_Kong"));
    private static final GatewayIdentity GATEWAY = new GatewayIdentity("HKTSWGW", "ZZZ");
    private static final String UNB = "UNB+UNOC:3+SENDER:ZZZ+HKTSWGW:ZZZ+260301:1200+";
    private static final String MESSAGE = "UNH+M1+CUSDEC:D:96A:UN'BGM+929+DOC1+9'UNS+D'UNS+S'UNT+5+M1'";

    private static Smooks reader;

    /**
     * Smooks' EDIFACT cartridge on the D96A pack, as {@code DaffodilEdifactReader} sets it up (same schema, types and
     * compiled-parser cache), but writing text: the cartridge emits {@code srv:CONTRL} without declaring the
     * {@code srv} prefix, which Smooks' DOMSink (and so {@code DaffodilEdifactReader.read}) refuses for every CONTRL,
     * whatever its content. The text is read with a namespace-unaware parser instead.
     */
    @BeforeAll
    static void openReader() {
        EdifactReaderConfigurator config = new EdifactReaderConfigurator("/d96a/EDIFACT-Messages.dfdl.xsd") {
            @Override
            protected String getDataProcessorFactory() {
                return DfdlCacheDataProcessorFactory.class.getName();
            }

            @Override
            public List<ResourceConfig> toConfig() {
                List<ResourceConfig> configs = super.toConfig();
                configs.forEach(c -> c.setParameter("tswDfdlCacheDir", TestEngine.DFDL_CACHE.toString()));
                return configs;
            }
        };
        config.setMessageTypes(List.of("CUSDEC"));
        reader = new Smooks();
        reader.setReaderConfig(config);
    }

    @AfterAll
    static void closeReader() {
        reader.close();
    }

    private static Document parse(byte[] contrl) throws Exception {
        StringSink sink = new StringSink();
        reader.filterSource(reader.createExecutionContext(), new StreamSource(new ByteArrayInputStream(contrl)), sink);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(sink.getResult())));
    }

    static Stream<Arguments> interchanges() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            return files.filter(p -> p.toString().endsWith(".edi")).sorted()
                    .map(p -> Arguments.of(p.getFileName().toString(), p)).toList().stream();
        }
    }

    private static TranslationResult translate(Path edi) throws IOException {
        return TestEngine.get().translate(edi.getFileName().toString(), Files.readAllBytes(edi));
    }

    private static List<Contrl> contrls(String edi) {
        return ContrlWriter.write(TestEngine.get().translate("test.edi", edi.getBytes(StandardCharsets.UTF_8)),
                GATEWAY, CLOCK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interchanges")
    void answers_the_interchange_with_exactly_the_expected_contrl(String name, Path edi) throws IOException {
        List<Contrl> contrls = ContrlWriter.write(translate(edi), GATEWAY, CLOCK);
        assertEquals(1, contrls.size(), "one CONTRL per interchange");
        Contrl contrl = contrls.get(0);
        Path expected = edi.resolveSibling(name.replaceFirst("\\.edi$", ".contrl"));
        Charset charset = charset(contrl);
        if (!Files.exists(expected)) {
            Files.createDirectories(ACTUAL);
            Files.write(ACTUAL.resolve(expected.getFileName()), contrl.content());
            fail("no " + expected.getFileName() + "; review what was written to " + ACTUAL + ":\n"
                    + new String(contrl.content(), charset));
        }
        byte[] want = Files.readAllBytes(expected);
        assertEquals(new String(want, charset), new String(contrl.content(), charset));
        assertArrayEquals(want, contrl.content(), "bytes in the original's character set");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interchanges")
    void every_contrl_is_read_by_an_independent_edifact_parser(String name, Path edi)
            throws Exception {
        TranslationResult result = translate(edi);
        Contrl contrl = ContrlWriter.write(result, GATEWAY, CLOCK).get(0);
        Document dom = parse(contrl.content());
        assertEquals(0, dom.getElementsByTagName("D96A:BadMessage").getLength(), "read as a BadMessage");
        assertEquals(1, dom.getElementsByTagName("srv:CONTRL").getLength(), "one CONTRL message");
        Element uci = only(dom, "UCI");
        assertEquals(result.interchanges().get(0).reference(), text(uci, "E0020"));
        boolean interchangeRejected = !result.interchanges().get(0).errors().isEmpty();
        assertEquals(interchangeRejected ? "4" : "7", text(uci, "E0083"));
        // What the engine decided, recomputed here independently of ContrlReport: one UCM per message not
        // rejected with its interchange, 4 exactly when one of its errors is a syntax error.
        List<String> expected = new ArrayList<>();
        for (MessageOutcome m : result.messages()) {
            if (!m.rejectedWithInterchange()) {
                boolean syntax = m.errors().stream().anyMatch(e -> e.syntaxCode() != null);
                expected.add(m.messageRef() + "=" + (syntax ? "4" : "7"));
            }
        }
        List<String> actual = new ArrayList<>();
        NodeList ucms = dom.getElementsByTagName("UCM");
        for (int i = 0; i < ucms.getLength(); i++) {
            actual.add(text((Element) ucms.item(i), "E0062") + "=" + text((Element) ucms.item(i), "E0083"));
        }
        assertEquals(expected, actual);
    }

    @Test
    void never_answers_an_interchange_of_contrl_messages() {
        String contrl = "UNH+1+CONTRL:D:3:UN'UCI+IC1+HKTSWGW:ZZZ+SENDER:ZZZ+7'UNT+3+1'";
        TranslationResult result = TestEngine.get().translate("contrl.edi",
                (UNB + "CC1'" + contrl + "UNZ+1+CC1'").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, result.interchanges().size(), "the engine did read the interchange");
        assertEquals(List.of(), ContrlWriter.write(result, GATEWAY, CLOCK));
    }

    @Test
    void answers_a_contrl_that_comes_with_other_messages() {
        List<Contrl> contrls = contrls(UNB + "CC2'UNH+1+CONTRL:D:3:UN'UCI+IC1+HKTSWGW:ZZZ+SENDER:ZZZ+7'UNT+3+1'"
                + MESSAGE + "UNZ+2+CC2'");
        String content = new String(contrls.get(0).content(), StandardCharsets.ISO_8859_1);
        assertTrue(content.contains("UCM+1+CONTRL:D:3:UN+4+17+UNH+2:1'UCM+M1+CUSDEC:D:96A:UN+7'"), content);
    }

    @Test
    void the_independent_parser_notices_a_contrl_that_is_not_one() throws Exception {
        byte[] good = Files.readAllBytes(GOLDEN.resolve("accepted-interchange.contrl"));
        assertEquals(1, parse(good).getElementsByTagName("UCI").getLength(), "control: the golden CONTRL reads");
        byte[] broken = new String(good, StandardCharsets.US_ASCII).replace("UCI+", "UCX+")
                .getBytes(StandardCharsets.US_ASCII);
        Document dom;
        try {
            dom = parse(broken);
        } catch (RuntimeException e) {
            return; // refused outright: as good as a BadMessage
        }
        assertEquals(0, dom.getElementsByTagName("UCI").getLength());
        assertEquals(1, dom.getElementsByTagName("D96A:BadMessage").getLength(), "read as a BadMessage");
    }

    @Test
    void answers_each_interchange_of_a_file_with_its_own_contrl() {
        List<Contrl> contrls = contrls(UNB + "FIRST'" + MESSAGE + "UNZ+1+FIRST'\n" + UNB + "SECOND'" + MESSAGE
                + "UNZ+9+SECOND'");
        assertEquals(List.of("FIRST", "SECOND"), contrls.stream().map(Contrl::inReplyTo).toList());
        String first = new String(contrls.get(0).content(), StandardCharsets.ISO_8859_1);
        String second = new String(contrls.get(1).content(), StandardCharsets.ISO_8859_1);
        assertTrue(first.contains("UCI+FIRST+SENDER:ZZZ+HKTSWGW:ZZZ+7'UCM+M1+CUSDEC:D:96A:UN+7'"), first);
        assertTrue(second.contains("UCI+SECOND+SENDER:ZZZ+HKTSWGW:ZZZ+4+29+UNZ+1:1'UNT+3+1'"), second);
    }

    @Test
    void writes_nothing_for_data_without_a_readable_unb() {
        assertEquals(List.of(), contrls(MESSAGE));
    }

    @Test
    void gives_a_duplicate_the_same_control_reference() {
        String edi = UNB + "DUP1'" + MESSAGE + "UNZ+1+DUP1'";
        TranslationResult result = TestEngine.get().translate("dup.edi", edi.getBytes(StandardCharsets.UTF_8));
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofDays(3));
        String once = new String(ContrlWriter.write(result, GATEWAY, CLOCK).get(0).content(), StandardCharsets.US_ASCII);
        String again = new String(ContrlWriter.write(result, GATEWAY, later).get(0).content(), StandardCharsets.US_ASCII);
        assertTrue(once.contains("+260301:1205+CDUP1'") && again.contains("+260304:1205+CDUP1'"), once + "\n" + again);
    }

    @Test
    void cuts_a_long_control_reference_to_fourteen_characters() {
        assertEquals("C1234567890123", ContrlWriter.controlReference("12345678901234"));
        assertEquals("C貿易", ContrlWriter.controlReference("貿易"));
    }

    private static Charset charset(Contrl contrl) {
        SyntaxCharset s = SyntaxCharset.of(contrl.syntaxId());
        return s == null ? StandardCharsets.ISO_8859_1 : s.charset();
    }

    private static Element only(Document dom, String name) {
        NodeList list = dom.getElementsByTagName(name);
        assertEquals(1, list.getLength(), name);
        return (Element) list.item(0);
    }

    /** Text of the direct child element {@code name}, or null. */
    private static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && name.equals(el.getNodeName())) {
                return el.getTextContent();
            }
        }
        return null;
    }

    @Test
    void a_duplicate_is_refused_as_a_whole_with_0085_26_under_a_reference_of_its_own() throws IOException {
        byte[] edi = Files.readAllBytes(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"));
        var header = hk.tsw.gateway.translate.edifact.InterchangeHeaders.peek(edi).orElseThrow();
        Acknowledgements.Answer a = new Acknowledgements("HKTSWGW", "ZZZ",
                Clock.fixed(Instant.parse("2026-12-03T01:00:00Z"), ZoneId.of("Asia/Hong_Kong")))
                .duplicateContrl(header, "the reference WH25031200017 was already used by message 7");
        String text = a.text();
        assertEquals("WH25031200017.duplicate.contrl.edi", a.fileName());
        assertTrue(text.contains("UCI+WH25031200017+DEMOFWD:ZZZ+HKTSWGW:ZZZ+4+26+UNB"), text);
        assertTrue(text.contains("+DWH25031200017'") && text.endsWith("UNZ+1+DWH25031200017'"),
                "its own reference, not the first CONTRL's C...: " + text);
        assertTrue(!text.contains("UCM"), "no message of it was looked at: " + text);
    }
}
