package hk.tsw.gateway.translate.mapping;

import static hk.tsw.gateway.testsupport.RunningGatewayFiles.copyTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.security.XmlLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;

/**
 * Mappings compiled on first use (gateway.mappings.compile=background leaves them to that and to a compile after
 * ready): the engine starts without compiling any stylesheet, a message compiles only its own mapping and is
 * translated exactly as before, and a stylesheet that does not compile is named with its folder, file and line,
 * fails the messages that need it (not the partner's fault: an unexpected failure, never a refusal) and no other.
 */
class LazyMappingCompileTest {

    private static final Path REPO = TestEngine.REPO;

    @TempDir
    Path tmp;

    @Test
    void the_first_message_of_a_type_compiles_its_mapping_only_and_is_translated_as_its_golden_sample()
            throws Exception {
        Path mappings = mappings("cusdec-d96a", "sancrt-d96a");
        try (TranslationEngine engine = engine(mappings)) {
            assertTrue(engine.catalog().all().stream().noneMatch(m -> m.code().settled()),
                    "the engine's start compiles no stylesheet");

            Path sample = mappings.resolve("sancrt-d96a/samples/ofca-rta.edi");
            TranslationResult r = engine.translate("ofca-rta.edi", Files.readAllBytes(sample));

            assertTrue(r.errors().isEmpty(), () -> r.errors().toString());
            assertFalse(DiffBuilder.compare(Input.fromFile(sample.resolveSibling("ofca-rta.expected.xml").toFile()))
                    .withTest(Input.fromByteArray(r.messages().get(0).document().xml())).ignoreWhitespace()
                    .checkForSimilar().build().hasDifferences());
            assertTrue(mapping(engine, "sancrt-d96a").code().settled());
            assertFalse(mapping(engine, "cusdec-d96a").code().settled(), "a type no message needed is not compiled");

            List<String> seen = new ArrayList<>();
            assertEquals(List.of(), engine.compileAll((name, failure) -> seen.add(name + "=" + failure)));
            assertEquals(List.of("cusdec-d96a=null", "sancrt-d96a=null"), seen);
        }
    }

    @Test
    void a_stylesheet_that_does_not_compile_is_named_with_its_line_and_fails_only_its_own_messages() throws Exception {
        Path mappings = mappings("cusdec-d96a", "sancrt-d96a");
        Path xsl = mappings.resolve("sancrt-d96a/to-canonical.xsl");
        List<String> lines = new ArrayList<>(Files.readAllLines(xsl, StandardCharsets.UTF_8));
        int broken = 112;
        assertTrue(lines.get(broken - 1).contains("<xsl:value-of select=\"$lpco-type\"/>"), lines.get(broken - 1));
        lines.set(broken - 1, lines.get(broken - 1).replace("select=\"$lpco-type\"", "select=\"(($lpco-type\""));
        Files.write(xsl, lines, StandardCharsets.UTF_8);

        try (TranslationEngine engine = engine(mappings)) {
            List<String> failures = engine.compileAll((name, failure) -> { });

            assertEquals(1, failures.size(), failures::toString);
            String reason = failures.get(0);
            assertTrue(reason.startsWith("mapping sancrt-d96a cannot be loaded: to-canonical.xsl line " + broken + ": "),
                    reason);

            // the other type is untouched
            byte[] cusdec = Files.readAllBytes(mappings.resolve("cusdec-d96a/samples/hk-export-utf8.edi"));
            TranslationResult ok = engine.translate("hk-export-utf8.edi", cusdec);
            assertTrue(ok.errors().isEmpty() && !ok.messages().isEmpty(), () -> ok.errors().toString());

            // the pipeline's path: an unexpected failure with the same reason, not a refusal of the partner's file
            byte[] sancrt = Files.readAllBytes(mappings.resolve("sancrt-d96a/samples/ofca-rta.edi"));
            MappingUnavailableException thrown = assertThrows(MappingUnavailableException.class,
                    () -> engine.translateStreaming("ofca-rta.edi", new ByteArrayInputStream(sancrt), m -> { }));
            assertEquals(reason, thrown.getMessage());

            // the whole-file translation (validate, SOAP, XML interchanges): the same, never a located error of the file
            assertEquals(reason, assertThrows(MappingUnavailableException.class,
                    () -> engine.translate("ofca-rta.edi", sancrt)).getMessage());
        }
    }

    private Path mappings(String... folders) throws IOException {
        Path mappings = tmp.resolve("mappings");
        copyTree(REPO.resolve("mappings/common"), mappings.resolve("common"));
        for (String f : folders) {
            copyTree(REPO.resolve("mappings/" + f), mappings.resolve(f));
        }
        return mappings;
    }

    private static TranslationEngine engine(Path mappings) throws IOException {
        return TranslationEngine.start(new EngineSettings(mappings, TestEngine.DFDL_CACHE, "Off", XmlLimits.defaults(),
                false));
    }

    private static Mapping mapping(TranslationEngine engine, String name) {
        return engine.catalog().all().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
