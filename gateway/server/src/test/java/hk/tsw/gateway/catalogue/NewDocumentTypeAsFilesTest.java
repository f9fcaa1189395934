package hk.tsw.gateway.catalogue;

import static hk.tsw.gateway.testsupport.RunningGatewayFiles.copyTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.translate.canonical.CanonicalFacts;
import hk.tsw.gateway.translate.mapping.EngineSettings;
import hk.tsw.gateway.translate.mapping.Mapping;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.translate.mapping.TranslationEngine;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.route.RoutingTable;
import hk.tsw.gateway.translate.rules.BusinessRules;
import hk.tsw.gateway.translate.rules.RuleFailure;
import hk.tsw.gateway.security.XmlLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import hk.tsw.gateway.runtime.StartupChecks;

/**
 * "A document type is files": a new EDIFACT message type of a packaged directory (SANCRT D.96A) and a new LPCO type
 * (OFCA-RTA) are only files. Copied alone into an empty folder - the mapping folder, the catalogue entry, the rules
 * folder and one routing rule - the engine starts on them, passes the start-up checks, translates the sample to its
 * expected document, applies the type's own rule and routes it to its owner. No Java names SANCRT or OFCA-RTA.
 */
class NewDocumentTypeAsFilesTest {

    private static final Path REPO = TestEngine.REPO;

    @TempDir
    Path tmp;

    @Test
    void a_new_message_type_and_lpco_type_work_from_copied_files_alone() throws Exception {
        Path mappings = tmp.resolve("mappings");
        copyTree(REPO.resolve("mappings/common"), mappings.resolve("common"));
        copyTree(REPO.resolve("mappings/sancrt-d96a"), mappings.resolve("sancrt-d96a"));
        copyTree(REPO.resolve("mappings/rules/common"), mappings.resolve("rules/common"));
        Files.copy(REPO.resolve("mappings/rules/error-codes.xml"), mappings.resolve("rules/error-codes.xml"));
        Files.copy(REPO.resolve("mappings/rules/LPCO_APPLICATION/rules.xsl"),
                Files.createDirectories(mappings.resolve("rules/LPCO_APPLICATION")).resolve("rules.xsl"));
        copyTree(REPO.resolve("mappings/rules/LPCO_APPLICATION/OFCA-RTA"), mappings.resolve("rules/LPCO_APPLICATION/OFCA-RTA"));
        Path documents = Files.createDirectories(tmp.resolve("config/documents"));
        Files.copy(REPO.resolve("config/documents/OFCA-RTA.xml"), documents.resolve("OFCA-RTA.xml"));
        Path routingXml = Files.writeString(tmp.resolve("config/routing.xml"), """
                <routing xmlns="urn:hk:tsw:config:routing:1">
                  <rule documentType="LPCO_APPLICATION" lpcoType="OFCA-RTA"><agency>OFCA</agency></rule>
                </routing>
                """);

        try (TranslationEngine engine = TranslationEngine.start(new EngineSettings(mappings, TestEngine.DFDL_CACHE, "Off",
                XmlLimits.defaults(), false))) {
            assertEquals(List.of("sancrt-d96a"), engine.catalog().all().stream().map(Mapping::name).toList());
            DocumentCatalog catalogue = DocumentCatalog.load(documents, REPO.resolve("xsd/config/document.xsd"));
            RoutingTable routing = RoutingTable.load(routingXml, REPO.resolve("xsd/config/routing.xsd"),
                    AgencyRegistry.load(REPO.resolve("config/agencies")));
            StartupChecks.require(catalogue, routing, List.of(), engine.catalog().all());
            SubmissionChecker checker = new SubmissionChecker(engine,
                    BusinessRules.load(mappings.resolve("rules"), engine.saxon()), routing);

            Path sample = mappings.resolve("sancrt-d96a/samples/ofca-rta.edi");
            SubmissionChecker.Checked checked = checker.check("ofca-rta.edi", Files.readAllBytes(sample));
            assertTrue(checked.allAccepted(), () -> checked.translation().errors() + " " + checked.failures());
            MessageOutcome m = checked.translation().messages().get(0);
            assertFalse(DiffBuilder.compare(Input.fromFile(sample.resolveSibling("ofca-rta.expected.xml").toFile()))
                    .withTest(Input.fromByteArray(m.document().xml())).ignoreWhitespace().checkForSimilar().build()
                    .hasDifferences());
            assertEquals(Set.of("OFCA"), routing.agenciesFor(CanonicalFacts.of(m.document().tree(), m.document().xml())));

            // the LPCO type's own rule, from the copied rules folder
            String reversed = Files.readString(sample, StandardCharsets.ISO_8859_1).replace("FrequencyRange:400-470", "FrequencyRange:470-400");
            SubmissionChecker.Checked broken = checker.check("reversed.edi", reversed.getBytes(StandardCharsets.ISO_8859_1));
            List<String> rules = broken.failures(broken.translation().messages().get(0)).stream().map(RuleFailure::rule).toList();
            assertEquals(List.of("ORTA-001"), rules);
        }
    }
}
