package hk.tsw.gateway.translate.mapping;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import hk.tsw.gateway.translate.LocatedError;
import org.junit.jupiter.api.Test;
import hk.tsw.gateway.testsupport.TestEngine;

/**
 * Runs every EDIFACT file and every CDS declaration of {@code ../shared/corpus} (real files from other projects,
 * many deliberately broken) through the engine: no crash, no stack trace, and every rejection located. Writes the
 * counts to {@code gateway/server/target/corpus-report.txt}.
 */
class CorpusValidateTest {

    private static final Path CORPUS = TestEngine.REPO.resolve("../shared/corpus").normalize();

    @Test
    void every_corpus_file_is_accepted_or_rejected_with_a_located_reason() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "the shared corpus is not beside the checkout");
        List<Path> files = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("index.tsv")).subList(1, Files.readAllLines(CORPUS.resolve("index.tsv")).size())) {
            files.add(CORPUS.resolve(line.split("\t")[0]));
        }
        try (Stream<Path> walk = Files.walk(CORPUS.resolve("hmrc-customs-declarations-cds"))) {
            walk.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(files::add);
        }
        Map<String, Integer> counts = new TreeMap<>();
        List<String> report = new ArrayList<>();
        for (Path f : files) {
            byte[] content = Files.readAllBytes(f);
            TranslationResult r = TestEngine.get().translate(f.getFileName().toString(), content);
            String text = new String(content, StandardCharsets.ISO_8859_1);
            boolean customs = text.contains("CUSDEC") || text.contains("CUSCAR");
            String kind = (f.toString().endsWith(".xml") ? "xml" : customs ? "edifact-cusdec-cuscar" : "edifact-other")
                    + (r.allAccepted() ? " accepted" : " rejected");
            counts.merge(kind, 1, Integer::sum);
            List<LocatedError> errors = r.errors();
            assertTrue(r.allAccepted() || !errors.isEmpty() || r.messages().stream().anyMatch(m -> m.rejectedWithInterchange()),
                    f + ": rejected without a reason");
            for (LocatedError e : errors) {
                String line = e.format();
                assertFalse(line.contains("Exception") || line.contains("\tat "), f + ": " + line);
                assertTrue(e.segmentNumber() > 0 || e.line() > 0 || e.xpath() != null || "UNA".equals(e.segmentTag()),
                        f + ": error without a location: " + line);
                report.add(CORPUS.relativize(f) + ": " + line);
            }
            if (r.allAccepted()) {
                report.add(CORPUS.relativize(f) + ": accepted " + r.documents().size() + " document(s)");
            }
        }
        report.add(0, "counts: " + counts);
        Files.write(TestEngine.REPO.resolve("gateway/server/target/corpus-report.txt"), report, StandardCharsets.UTF_8);
        System.out.println("corpus: " + counts);
    }
}
