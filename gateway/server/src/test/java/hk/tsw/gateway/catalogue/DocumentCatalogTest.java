package hk.tsw.gateway.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.translate.mapping.Mapping;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.route.RoutingTable;
import hk.tsw.gateway.translate.rules.BusinessRules;
import hk.tsw.gateway.translate.rules.RuleFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.runtime.StartupChecks;

/**
 * The document catalogue as data: the repository's entries load and pass the start-up checks, every live LPCO entry
 * has its rules folder and samples in every accepted format, bad files and inconsistent configuration are refused
 * with one line each, and a document no routing rule covers is rejected at run time with a located error.
 */
class DocumentCatalogTest {

    private static final Path REPO = TestEngine.REPO;
    private static final Path XSD = REPO.resolve("xsd/config/document.xsd");

    @TempDir
    Path tmp;

    private static DocumentCatalog repoCatalogue() throws IOException {
        return DocumentCatalog.load(REPO.resolve("config/documents"), XSD);
    }

    private static RoutingTable routing(Path routingXml) throws IOException {
        return RoutingTable.load(routingXml, REPO.resolve("xsd/config/routing.xsd"),
                AgencyRegistry.load(REPO.resolve("config/agencies")));
    }

    private static PartnerRegistry partners() throws Exception {
        return PartnerRegistry.load(REPO.resolve("config/partners"), REPO.resolve("xsd/config/partner.xsd"));
    }

    @Test
    void the_repository_configuration_passes_the_startup_checks() throws Exception {
        DocumentCatalog catalogue = repoCatalogue();
        assertTrue(catalogue.entries().stream().filter(CatalogueEntry::live).count() >= 3);
        assertEquals(List.of(), StartupChecks.problems(catalogue, routing(REPO.resolve("config/routing.xml")),
                partners().all(), TestEngine.get().catalog().all()));
    }

    /**
     * Live: own rules with a failing sample, and a valid and a rejected sample in every format that maps its type. The
     * valid sample is the entry's own: an LPCO application of its type, a manifest of its transport mode (rules folder
     * {@code MODE-<code>}), else a document of its type.
     */
    @Test
    void every_live_entry_has_its_rules_and_samples_in_every_format() throws IOException {
        int checked = 0;
        for (CatalogueEntry e : repoCatalogue().entries()) {
            if (!e.live()) {
                continue;
            }
            assertTrue(e.rulesFolder() != null, e.code() + " is live without a rules folder");
            Path rules = REPO.resolve("mappings").resolve(e.rulesFolder());
            assertTrue(Files.isRegularFile(rules.resolve("rules.xsl")), e.code() + ": no " + e.rulesFolder() + "/rules.xsl");
            assertTrue(list(rules.resolve("samples/failing")).stream().anyMatch(n -> n.endsWith(".expected-failures.txt")),
                    e.code() + " has no failing rules sample");
            String marker = marker(e);
            int formats = 0;
            for (Mapping m : TestEngine.get().catalog().all()) {
                if (!m.documentTypes().contains(e.documentType())) {
                    continue;
                }
                formats++;
                boolean valid = false;
                for (String n : list(m.folder().resolve("samples"))) {
                    if (n.matches(".*\\.expected(-\\d+)?\\.xml") && Files.readString(m.folder().resolve("samples").resolve(n))
                            .contains(marker)) {
                        valid = true;
                    }
                }
                assertTrue(valid, e.code() + " has no valid sample (" + marker + ") in " + m.name());
                assertTrue(list(m.folder().resolve("samples")).stream().anyMatch(n -> n.endsWith(".expected-errors.txt")),
                        m.name() + " has no rejected sample");
            }
            assertTrue(formats > 0, e.code() + ": no mapping produces " + e.documentType());
            checked++;
        }
        assertTrue(checked >= 35, "only " + checked + " live entries");
    }

    /** Every agency of config/agencies owns at least one live document (issue 13: CSD and MD included). */
    @Test
    void every_agency_owns_a_live_document() throws IOException {
        Set<String> owners = new TreeSet<>();
        repoCatalogue().entries().stream().filter(CatalogueEntry::live).forEach(e -> owners.add(e.owner()));
        Set<String> agencies = new TreeSet<>();
        AgencyRegistry.load(REPO.resolve("config/agencies")).all().forEach(a -> agencies.add(a.code()));
        assertEquals(9, agencies.size(), agencies.toString());
        assertEquals(agencies, owners);
    }

    /** What an expected output of the entry's own valid sample contains. */
    private static String marker(CatalogueEntry e) {
        if (e.lpcoType() != null) {
            return "<TypeCode>" + e.lpcoType() + "</TypeCode>";
        }
        java.util.regex.Matcher mode = java.util.regex.Pattern.compile("/MODE-(\\w+)$").matcher(e.rulesFolder());
        return mode.find() ? "<ModeCode>" + mode.group(1) + "</ModeCode>" : "<DocumentType>" + e.documentType() + "</DocumentType>";
    }

    /** GET /api/documents serves the entries with exactly the schema's field names. */
    @Test
    void entries_serialise_with_the_schema_field_names() throws Exception {
        // as DocumentRoutes writes it (text); valueToTree would need a jackson-core as new as jackson-databind
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(mapper.writerWithDefaultPrettyPrinter()
                .writeValueAsString(Map.of("documents", repoCatalogue().entries())));
        Set<String> names = new TreeSet<>();
        json.get("documents").forEach(d -> d.fieldNames().forEachRemaining(names::add));
        String xsd = Files.readString(XSD);
        for (String n : names) {
            assertTrue(xsd.contains("name=\"" + n + "\""), n + " is not a field of document.xsd");
        }
        JsonNode tid = json.get("documents").findParents("code").stream()
                .filter(d -> d.get("code").asText().equals("TID-SC-EXP")).findFirst().orElseThrow();
        assertEquals("live", tid.get("status").asText());
        assertEquals("TID", tid.get("owner").asText());
        assertEquals("LPCO_APPLICATION", tid.get("documentType").asText());
        assertTrue(tid.get("source").get(0).get("url").asText().startsWith("https://"));
        assertTrue(tid.get("dataItems").get(0).has("field"));
    }

    @Test
    void refuses_bad_files_with_one_line_each() throws IOException {
        Path docs = Files.createDirectories(tmp.resolve("documents"));
        String good = Files.readString(REPO.resolve("config/documents/OFCA-RTA.xml"));
        Files.writeString(docs.resolve("OFCA-RTA.xml"), good);
        Files.writeString(docs.resolve("BAD-STATUS.xml"), good.replace("code=\"OFCA-RTA\" status=\"live\"",
                "code=\"BAD-STATUS\" status=\"maybe\""));
        Files.writeString(docs.resolve("BROKEN.xml"), "<document xmlns=\"urn:hk:tsw:config:document:1\"");
        Files.writeString(docs.resolve("OTHER-NAME.xml"), good);
        Files.writeString(docs.resolve("EVIL.xml"), "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + good);
        IOException e = assertThrows(IOException.class, () -> DocumentCatalog.load(docs, XSD));
        List<String> lines = e.getMessage().lines().toList();
        assertEquals(5, lines.size(), e.getMessage());
        assertTrue(lines.get(0).startsWith("document catalogue refused (4 bad files)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("config/documents/BAD-STATUS.xml: line "), lines.get(1));
        assertTrue(lines.get(1).contains("maybe"), lines.get(1));
        assertTrue(lines.get(2).startsWith("config/documents/BROKEN.xml: line 1: "), lines.get(2));
        assertTrue(lines.get(3).startsWith("config/documents/EVIL.xml: line 1: "), lines.get(3));
        assertTrue(lines.get(3).contains("DOCTYPE"), lines.get(3));
        assertEquals("config/documents/OTHER-NAME.xml: code OFCA-RTA differs from the file name (OTHER-NAME.xml)", lines.get(4));
    }

    @Test
    void refuses_to_start_when_routing_leaves_a_live_type_partner_or_mapping_uncovered() throws Exception {
        String xml = Files.readString(REPO.resolve("config/routing.xml"))
                .replaceAll("(?m)^.*<rule documentType=\"CARGO_MANIFEST\".*$", "")
                .replaceAll("(?m)^.*lpcoType=\"AFCD-PEST\".*$", "")
                .replace("lpcoType=\"OFCA-RTA\"><agency>OFCA</agency>", "lpcoType=\"OFCA-RTA\"><agency>TID</agency>");
        Path routingXml = Files.writeString(tmp.resolve("routing.xml"), xml);
        Path bare = Files.createDirectories(tmp.resolve("mappings/no-samples"));
        Mapping unsampled = new Mapping("no-samples", bare, Mapping.Format.XML, "X", "1", "urn:x", "X", null,
                List.of("LPCO_APPLICATION"), Map.of());
        List<String> problems = StartupChecks.problems(repoCatalogue(), routing(routingXml), partners().all(),
                Stream.concat(TestEngine.get().catalog().all().stream(), Stream.of(unsampled)).toList());
        assertTrue(problems.contains("config/documents/AFCD-PEST.xml: document type LPCO_APPLICATION (LPCO type AFCD-PEST)"
                + " is covered by no rule of config/routing.xml"), problems.toString());
        assertTrue(problems.contains("config/documents/OFCA-RTA.xml: owner OFCA receives no LPCO_APPLICATION (LPCO type"
                + " OFCA-RTA) from config/routing.xml"), problems.toString());
        assertTrue(problems.contains("config/partners/DEMOLINE.xml: allowedDocumentType CARGO_MANIFEST is covered by no"
                + " rule of config/routing.xml"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("mappings/cuscar-d96a/mapping.properties: documentTypes"
                + " CARGO_MANIFEST is covered by no rule")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("mappings/no-samples: no samples")), problems.toString());
        IOException e = assertThrows(IOException.class, () -> StartupChecks.require(repoCatalogue(), routing(routingXml),
                partners().all(), List.of(unsampled)));
        assertTrue(e.getMessage().startsWith("the gateway refuses to start ("), e.getMessage());
    }

    /** A document that no rule routes is rejected, located, never "ACCEPTED ->" with no agency after it. */
    @Test
    void a_document_no_rule_routes_is_rejected_with_a_located_error() throws Exception {
        String xml = Files.readString(REPO.resolve("config/routing.xml")).replaceAll("(?m)^.*lpcoType=\"OFCA-RTA\".*$", "");
        RoutingTable routing = routing(Files.writeString(tmp.resolve("routing.xml"), xml));
        SubmissionChecker checker = new SubmissionChecker(TestEngine.get(),
                BusinessRules.load(REPO.resolve("mappings/rules"), TestEngine.get().saxon()), routing);
        byte[] sample = Files.readAllBytes(REPO.resolve("mappings/tsw-lpco-1/samples/ofca-rta.xml"));
        SubmissionChecker.Checked checked = checker.check("ofca-rta.xml", sample);
        var m = checked.translation().messages().get(0);
        assertTrue(m.accepted(), "the mapping accepts it");
        assertFalse(checked.accepted(m));
        RuleFailure f = checked.failures(m).get(0);
        assertEquals(SubmissionChecker.NO_ROUTE, f.rule());
        assertEquals("/TradeDocument/LPCOApplication/TypeCode", f.xpath());
        assertEquals("OFCA-RTA", f.value());
        // the control: with the repository's routing the same document is accepted
        SubmissionChecker routed = new SubmissionChecker(TestEngine.get(),
                BusinessRules.load(REPO.resolve("mappings/rules"), TestEngine.get().saxon()),
                routing(REPO.resolve("config/routing.xml")));
        assertTrue(routed.check("ofca-rta.xml", sample).allAccepted());
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
