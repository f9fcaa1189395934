package hk.tsw.gateway.runtime;

import static hk.tsw.gateway.testsupport.RunningGatewayFiles.copyTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.translate.mapping.EngineSettings;
import hk.tsw.gateway.translate.mapping.TranslationEngine;
import hk.tsw.gateway.translate.rules.BusinessRules;
import hk.tsw.gateway.security.XmlLimits;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gateway.mappings.compile: eager stops the start on a mapping that does not compile; background reports it on the
 * readiness check tsw/mappings (DOWN, with the folder and the reason) and is UP when every mapping compiled.
 */
class MappingsCompileTest {

    @TempDir
    Path tmp;

    @Test
    void a_broken_mapping_stops_an_eager_start_and_turns_readiness_down_in_the_background() throws Exception {
        Path mappings = tmp.resolve("mappings");
        copyTree(TestEngine.REPO.resolve("mappings/common"), mappings.resolve("common"));
        copyTree(TestEngine.REPO.resolve("mappings/sancrt-d96a"), mappings.resolve("sancrt-d96a"));
        copyTree(TestEngine.REPO.resolve("mappings/cusdec-d96a"), mappings.resolve("cusdec-d96a"));
        Path xsl = mappings.resolve("sancrt-d96a/to-canonical.xsl");
        Files.writeString(xsl, Files.readString(xsl, StandardCharsets.UTF_8).replace("</xsl:stylesheet>",
                "<xsl:template match=\"x\"><xsl:value-of select=\"((\"/></xsl:template></xsl:stylesheet>"));

        try (TranslationEngine engine = engine(mappings); MappingsCompile eager = new MappingsCompile(engine, null)) {
            IOException stop = assertThrows(IOException.class, eager::now);
            assertTrue(stop.getMessage().startsWith("mapping sancrt-d96a cannot be loaded: to-canonical.xsl line "),
                    stop.getMessage());
        }
        // a business rules stylesheet that does not compile is reported the same way
        Path rulesDir = mappings.resolve("rules");
        copyTree(TestEngine.REPO.resolve("mappings/rules/common"), rulesDir.resolve("common"));
        Files.copy(TestEngine.REPO.resolve("mappings/rules/error-codes.xml"), rulesDir.resolve("error-codes.xml"));
        copyTree(TestEngine.REPO.resolve("mappings/rules/LPCO_APPLICATION/OFCA-RTA"), rulesDir.resolve("LPCO_APPLICATION/OFCA-RTA"));
        Files.writeString(rulesDir.resolve("LPCO_APPLICATION/OFCA-RTA/rules.xsl"), "<xsl:stylesheet/>");

        try (TranslationEngine engine = engine(mappings);
             MappingsCompile background = new MappingsCompile(engine, BusinessRules.load(rulesDir, engine.saxon()))) {
            background.setCamelContext(new DefaultCamelContext());
            background.inBackground();
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(background::finished);

            HealthCheck.Result result = background.call();
            assertEquals(HealthCheck.State.DOWN, result.getState());
            assertTrue(result.getMessage().orElse("").startsWith("mapping sancrt-d96a cannot be loaded: "),
                    result.getMessage().toString());
            assertTrue(result.getMessage().orElse("").endsWith(" (and 1 more)"), result.getMessage().toString());
            assertEquals(1, result.getDetails().get("compiled"), "the other mapping compiled");
            assertEquals(3, result.getDetails().get("mappings"), "two mappings, one rules folder");
            assertTrue(background.failures().get(1).startsWith(
                    "business rules LPCO_APPLICATION/OFCA-RTA/rules.xsl cannot be compiled: "), background.failures()::toString);
        }
    }

    @Test
    void readiness_is_up_when_every_mapping_compiled() throws Exception {
        Path mappings = tmp.resolve("mappings");
        copyTree(TestEngine.REPO.resolve("mappings/common"), mappings.resolve("common"));
        copyTree(TestEngine.REPO.resolve("mappings/sancrt-d96a"), mappings.resolve("sancrt-d96a"));
        try (TranslationEngine engine = engine(mappings); MappingsCompile background = new MappingsCompile(engine, null)) {
            background.setCamelContext(new DefaultCamelContext());
            background.inBackground();
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(background::finished);

            HealthCheck.Result result = background.call();
            assertEquals(HealthCheck.State.UP, result.getState());
            assertEquals(1, result.getDetails().get("compiled"));
            assertEquals(1, result.getDetails().get("mappings"));
        }
    }

    private static TranslationEngine engine(Path mappings) throws IOException {
        return TranslationEngine.start(new EngineSettings(mappings, TestEngine.DFDL_CACHE, "Off", XmlLimits.defaults(),
                false));
    }
}
