package hk.tsw.gateway.translate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.ElementValidator;
import hk.tsw.gateway.translate.edifact.EnvelopeScanner;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.edifact.MessageStructures;
import hk.tsw.gateway.translate.edifact.SingleMessageInterchange;
import hk.tsw.gateway.translate.edifact.StructureValidator;
import hk.tsw.gateway.translate.mapping.direct.NotDirect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;
import org.w3c.dom.Document;
import hk.tsw.gateway.testsupport.TestEngine;

/**
 * Proof that the direct EDIFACT reader is a drop-in for Smooks/Daffodil. For every EDIFACT file we have (the mapping
 * samples, the demo samples, the shared corpus the engine accepts or rejects, and {@code direct-reader/*.edi}, hand-made
 * to hit the infoset's corner cases):
 * <ol>
 *   <li>each message that reaches the reader is read by both; the trees must be identical (names, namespaces,
 *       nesting, text), unless the direct reader declines the message ({@link NotDirect}, then Daffodil reads it
 *       in production too); a message Daffodil refuses must not be accepted by the direct reader;</li>
 *   <li>the whole file is translated by an engine on each reader; canonical documents (bytes) and located errors
 *       must be identical.</li>
 * </ol>
 * Counts go to {@code gateway/server/target/direct-reader-equivalence.txt}.
 */
class DirectReaderEquivalenceTest {

    private static TranslationEngine daffodilEngine;
    private static final MessageStructures STRUCTURES = new MessageStructures();

    @BeforeAll
    static void start() throws IOException {
        daffodilEngine = TranslationEngine.start(new EngineSettings(TestEngine.MAPPINGS, TestEngine.DFDL_CACHE, "Off",
                hk.tsw.gateway.security.XmlLimits.defaults(), false, "daffodil"));
    }

    @AfterAll
    static void stop() {
        daffodilEngine.close();
    }

    static List<Path> edifactFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(TestEngine.MAPPINGS, TestEngine.REPO.resolve("config/demo/samples"),
                TestEngine.REPO.resolve("gateway/server/src/test/resources/direct-reader"))) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".edi")).sorted().forEach(files::add);
            }
        }
        Path corpus = TestEngine.REPO.resolve("../shared/corpus").normalize();
        if (Files.isRegularFile(corpus.resolve("index.tsv"))) {
            List<String> lines = Files.readAllLines(corpus.resolve("index.tsv"));
            lines.subList(1, lines.size()).forEach(l -> files.add(corpus.resolve(l.split("\t")[0])));
        }
        return files;
    }

    @Test
    void direct_reader_builds_the_same_tree_as_daffodil_or_declines() throws IOException {
        DirectEdifactReader direct = (DirectEdifactReader) TestEngine.get().edifactReader();
        EdifactMessageReader daffodil = daffodilEngine.edifactReader();
        int[] counts = new int[5]; // compared, declined, both refused, files, compared from hand-made corner cases
        List<String> report = new ArrayList<>();
        for (Path f : edifactFiles()) {
            counts[3]++;
            for (EdifactMessage m : readerInputs(Files.readAllBytes(f))) {
                String where = f.getFileName() + " message " + m.reference();
                Document expected = null;
                String refused = null;
                try {
                    expected = daffodil.read(m.directory(), SingleMessageInterchange.of(m));
                } catch (EdifactMessageReader.MessageReadException e) {
                    refused = e.getMessage();
                }
                try {
                    Document actual = direct.readDom(m);
                    assertTrue(refused == null, where + ": Daffodil refuses (" + refused + ") but the direct reader reads it");
                    Diff diff = DiffBuilder.compare(expected).withTest(actual).checkForIdentical().build();
                    Document daffodilTree = expected;
                    assertFalse(diff.hasDifferences(), () -> where + ": trees differ: " + diff + "\nDaffodil:\n"
                            + text(daffodilTree) + "\ndirect:\n" + text(actual));
                    counts[0]++;
                    counts[4] += f.toString().contains("direct-reader") ? 1 : 0;
                } catch (NotDirect e) {
                    counts[refused == null ? 1 : 2]++;
                    report.add(where + ": declined (" + e.getMessage() + ")" + (refused == null ? "" : ", Daffodil refuses too"));
                }
            }
        }
        report.add(0, "files " + counts[3] + ", messages compared " + counts[0] + " (" + counts[4]
                + " of them hand-made corner cases), declined (Daffodil reads) " + counts[1]
                + ", declined and refused by Daffodil " + counts[2]);
        Files.write(TestEngine.REPO.resolve("gateway/server/target/direct-reader-equivalence.txt"), report, StandardCharsets.UTF_8);
        System.out.println("direct reader equivalence: " + report.get(0));
        assertTrue(counts[0] > 20, "too few messages compared: " + report.get(0));
    }

    /**
     * The engine builds the direct tree straight into a tiny tree (no stream writer); it must be the tree the stream
     * writer builds: same serialisation, and the same in-scope namespaces on every element.
     */
    @Test
    void tiny_tree_is_the_stream_writer_tree() throws Exception {
        DirectEdifactReader direct = (DirectEdifactReader) TestEngine.get().edifactReader();
        net.sf.saxon.s9api.Processor saxon = TestEngine.get().saxon();
        int compared = 0;
        for (Path f : edifactFiles()) {
            for (EdifactMessage m : readerInputs(Files.readAllBytes(f))) {
                try {
                    direct.readDom(m);
                } catch (NotDirect e) {
                    continue; // Daffodil reads it on either path
                }
                net.sf.saxon.s9api.XdmNode viaWriter = direct.read(m, saxon.newDocumentBuilder());
                net.sf.saxon.s9api.XdmNode tiny = direct.read(m, saxon);
                String where = f.getFileName() + " message " + m.reference();
                assertEquals(viaWriter.toString(), tiny.toString(), where);
                assertEquals(scopes(viaWriter), scopes(tiny), where);
                compared++;
            }
        }
        assertTrue(compared > 20, "too few messages compared: " + compared);
    }

    private static List<String> scopes(net.sf.saxon.s9api.XdmNode doc) {
        List<String> out = new ArrayList<>();
        doc.select(net.sf.saxon.s9api.streams.Steps.descendant()).forEach(n -> {
            if (n.getNodeKind() == net.sf.saxon.s9api.XdmNodeKind.ELEMENT) {
                out.add(n.getNodeName() + " " + n.getUnderlyingNode().getAllNamespaces());
            }
        });
        return out;
    }

    @Test
    void engines_on_either_reader_give_the_same_documents_and_errors() throws IOException {
        int files = 0;
        for (Path f : edifactFiles()) {
            byte[] content = Files.readAllBytes(f);
            TranslationResult viaDirect = TestEngine.get().translate(f.getFileName().toString(), content);
            TranslationResult viaDaffodil = daffodilEngine.translate(f.getFileName().toString(), content);
            assertEquals(lines(viaDaffodil), lines(viaDirect), f.toString());
            files++;
        }
        // the shared corpus sits beside the repository on developer machines, not necessarily in CI
        boolean corpus = Files.isRegularFile(TestEngine.REPO.resolve("../shared/corpus/index.tsv").normalize());
        assertTrue(files >= (corpus ? 40 : 20), "too few files: " + files + (corpus ? " (with the corpus)" : ""));
    }

    private static String text(Document d) {
        try {
            java.io.StringWriter w = new java.io.StringWriter();
            javax.xml.transform.TransformerFactory.newInstance().newTransformer()
                    .transform(new javax.xml.transform.dom.DOMSource(d), new javax.xml.transform.stream.StreamResult(w));
            return w.toString();
        } catch (javax.xml.transform.TransformerException e) {
            return e.toString();
        }
    }

    /** Everything a caller sees of a result: every error, every document's name, type and exact bytes. */
    private static List<String> lines(TranslationResult r) {
        List<String> out = new ArrayList<>();
        r.errors().forEach(e -> out.add("error " + e.format()));
        for (MessageOutcome m : r.messages()) {
            out.add("message " + m.messageRef() + " accepted=" + m.accepted());
            if (m.document() != null) {
                out.add("document " + m.document().outputName() + " " + m.document().documentType() + "\n"
                        + new String(m.document().xml(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The messages of a file that the engine hands to the reader: envelope, segment table and elements sound. */
    private static List<EdifactMessage> readerInputs(byte[] content) {
        List<EdifactMessage> out = new ArrayList<>();
        MappingCatalog catalog = TestEngine.get().catalog();
        try {
            new EnvelopeScanner(false).scan(new ByteArrayInputStream(content), new EnvelopeScanner.Listener() {
                @Override
                public void message(EdifactMessage m) {
                    if (m.accepted() && catalog.edifact(m.type(), m.directory()).isPresent()
                            && STRUCTURES.get(m.directory(), m.type()).map(s -> StructureValidator.check(m, s))
                                    .orElse(List.<LocatedError>of()).isEmpty()
                            && STRUCTURES.segments(m.directory()).map(d -> ElementValidator.check(m, d))
                                    .orElse(List.<LocatedError>of()).isEmpty()) {
                        out.add(m);
                    }
                }

                @Override
                public void interchangeEnded(InterchangeSummary summary) {
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
