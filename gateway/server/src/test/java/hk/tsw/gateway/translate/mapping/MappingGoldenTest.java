package hk.tsw.gateway.translate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import hk.tsw.gateway.translate.LocatedError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;
import hk.tsw.gateway.testsupport.TestEngine;

/**
 * Walks every mapping folder's {@code samples/}: each input ({@code X.edi} or {@code X.xml}) must produce exactly
 * the documents {@code X.expected.xml}, {@code X.expected-2.xml}... (XML compared ignoring whitespace), or, when
 * {@code X.expected-errors.txt} exists, be rejected with exactly those error lines. A new folder is tested with no
 * new Java. {@code X.agreed-encoding} (e.g. {@code Big5-HKSCS}) reads {@code X.edi} as from a partner whose file
 * declares that encoding for UNOA/UNOB/UNOC.
 */
class MappingGoldenTest {

    static Stream<Arguments> samples() throws IOException {
        List<Arguments> list = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(TestEngine.MAPPINGS)) {
            walk.filter(p -> p.getParent().getFileName().toString().equals("samples"))
                    .filter(p -> p.toString().endsWith(".edi")
                            || (p.toString().endsWith(".xml") && !p.getFileName().toString().contains(".expected")))
                    .sorted()
                    .forEach(p -> list.add(Arguments.of(TestEngine.MAPPINGS.relativize(p).toString(), p)));
        }
        return list.stream();
    }

    /** The encoding a sample's partner agreed for UNOA/UNOB/UNOC, from {@code X.agreed-encoding}, else null. */
    static java.nio.charset.Charset agreedEncoding(Path file) throws IOException {
        return Files.exists(file) ? java.nio.charset.Charset.forName(Files.readString(file).strip()) : null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_translates_to_its_expected_output(String name, Path sample) throws IOException {
        String base = sample.getFileName().toString().replaceFirst("\\.(edi|xml)$", "");
        TranslationResult result = TestEngine.get().translate(sample.getFileName().toString(), Files.readAllBytes(sample),
                agreedEncoding(sample.resolveSibling(base + ".agreed-encoding")));
        Path expectedErrors = sample.resolveSibling(base + ".expected-errors.txt");
        if (Files.exists(expectedErrors)) {
            assertFalse(result.allAccepted(), "expected a rejection");
            List<String> actual = result.errors().stream().map(LocatedError::format).toList();
            List<String> expected = Files.readAllLines(expectedErrors, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            assertEquals(expected, actual);
            return;
        }
        assertTrue(result.allAccepted(), () -> "rejected: " + result.errors().stream().map(LocatedError::format).toList());
        List<TranslatedDocument> docs = result.documents();
        List<Path> expected = new ArrayList<>();
        expected.add(sample.resolveSibling(base + ".expected.xml"));
        for (int i = 2; Files.exists(sample.resolveSibling(base + ".expected-" + i + ".xml")); i++) {
            expected.add(sample.resolveSibling(base + ".expected-" + i + ".xml"));
        }
        assertEquals(expected.size(), docs.size(), "number of canonical documents");
        for (int i = 0; i < docs.size(); i++) {
            Diff diff = DiffBuilder.compare(Input.fromFile(expected.get(i).toFile()))
                    .withTest(Input.fromByteArray(docs.get(i).xml()))
                    .ignoreWhitespace().ignoreComments().checkForSimilar().build();
            int n = i;
            assertFalse(diff.hasDifferences(), () -> expected.get(n).getFileName() + " differs:\n" + diff
                    + "\nactual:\n" + new String(docs.get(n).xml(), StandardCharsets.UTF_8));
        }
    }
}
