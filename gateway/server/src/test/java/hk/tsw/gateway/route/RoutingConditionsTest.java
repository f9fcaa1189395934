package hk.tsw.gateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import hk.tsw.gateway.translate.canonical.CanonicalFacts;
import hk.tsw.gateway.testsupport.InterchangeGenerator;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.translate.mapping.TranslatedDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import hk.tsw.gateway.deliver.AgencyRegistry;

/**
 * The routing conditions of issue 13 on the repository's config/routing.xml: the LPCO type picks the owner of an
 * application, the transport mode adds the Marine Department to sea and river manifests, and the canonical samples
 * give the facts those conditions read.
 */
class RoutingConditionsTest {

    private static RoutingTable routing;

    @BeforeAll
    static void load() throws IOException {
        Path repo = TestEngine.REPO;
        routing = RoutingTable.load(repo.resolve("config/routing.xml"), repo.resolve("xsd/config/routing.xsd"),
                AgencyRegistry.load(repo.resolve("config/agencies")));
    }

    private static CanonicalFacts facts(String sample) throws IOException {
        return CanonicalFacts.of(null, Files.readAllBytes(TestEngine.MAPPINGS.resolve(sample)));
    }

    @Test
    void each_lpco_type_reaches_its_owner_only() throws IOException {
        assertEquals(Set.of("TID"), routing.agenciesFor(facts("sancrt-d96a/samples/tid-sc-exp-release-chars.expected.xml")));
        assertEquals(Set.of("AFCD"), routing.agenciesFor(facts("tsw-lpco-1/samples/afcd-pest-zh.expected.xml")));
        assertEquals(Set.of("OFCA"), routing.agenciesFor(facts("sancrt-d99a/samples/ofca-rta-zh-release-chars.expected.xml")));
        CanonicalFacts other = facts("tsw-lpco-1/samples/ofca-rta.expected.xml");
        assertEquals(Set.of(), routing.agenciesFor(new CanonicalFacts(other.documentType(), other.sourceFormat(),
                other.senderId(), other.hsCodes(), other.additionalDocumentTypes(), other.billsOfLading(),
                other.containers(), "NO-RULE-TYPE", null)), "an LPCO type without a rule reaches nobody");
    }

    @Test
    void sea_and_river_manifests_also_reach_the_marine_department_air_does_not() throws IOException {
        assertEquals(List.of("CED", "CSD", "TID", "MD"),
                List.copyOf(routing.agenciesFor(facts("cuscar-d96a/samples/hk-sea-manifest-release-chars.expected.xml"))));
        assertEquals(List.of("CED", "CSD", "TID", "MD"),
                List.copyOf(routing.agenciesFor(facts("cuscar-d96a/samples/hk-river-manifest-utf8.expected.xml"))));
        assertEquals(List.of("CED", "CSD", "TID"),
                List.copyOf(routing.agenciesFor(facts("cuscar-d99a/samples/hk-air-manifest-utf8.expected.xml"))));
    }

    /** A forwarder's consolidated manifest (IFCSUM) reaches the agencies a carrier's CUSCAR of the same mode reaches. */
    @Test
    void consolidated_manifests_reach_the_same_agencies_as_cargo_reports_of_their_mode() throws IOException {
        for (String sample : List.of("hk-sea-consolidation-release-chars", "hk-river-consolidation-zh")) {
            assertEquals(List.of("CED", "CSD", "TID", "MD"), List.copyOf(routing.agenciesFor(
                    facts("ifcsum-d96a/samples/" + sample + ".expected.xml"))), sample);
        }
        for (String sample : List.of("hk-air-consolidation", "hk-air-consolidation-zh", "hk-road-consolidation-release-chars",
                "hk-rail-consolidation-zh")) {
            assertEquals(List.of("CED", "CSD", "TID"), List.copyOf(routing.agenciesFor(
                    facts("ifcsum-d96a/samples/" + sample + ".expected.xml"))), sample);
        }
        CanonicalFacts sea = facts("ifcsum-d96a/samples/hk-sea-consolidation-release-chars.expected.xml");
        assertEquals(List.of("OOLU2712399990", "KPFSIN1203001", "KPFSIN1203002"), List.copyOf(sea.billsOfLading()),
                "the master bill, then the house bills");
        assertEquals(List.of("210690"), sea.hsCodes(), "the house consignments' goods items count");
    }

    @Test
    void road_and_rail_manifests_do_not_reach_the_marine_department() throws IOException {
        for (String sample : List.of("cuscar-d95b/samples/hk-road-manifest-zh.expected.xml",
                "cuscar-d96a/samples/hk-rail-manifest-zh.expected.xml", "cuscar-d99a/samples/hk-rail-manifest-zh.expected.xml")) {
            assertEquals(List.of("CED", "CSD", "TID"), List.copyOf(routing.agenciesFor(facts(sample))), sample);
        }
        assertEquals(List.of("CED", "CSD", "TID", "MD"),
                List.copyOf(routing.agenciesFor(facts("cuscar-d99a/samples/hk-river-manifest-zh.expected.xml"))));
    }

    /** Cargo reports and advance cargo information (CUSCAR D.96B) reach C&ED only, whatever the mode. */
    @Test
    void cargo_reports_of_every_mode_reach_customs_only() throws IOException {
        for (String sample : List.of("cuscar-d96b/samples/hk-aci-air-release-chars.expected.xml",
                "cuscar-d96b/samples/hk-aci-road-zh.expected.xml", "cuscar-d96b/samples/hk-cargo-report-sea-release-chars.expected.xml")) {
            assertEquals(List.of("CED"), List.copyOf(routing.agenciesFor(facts(sample))), sample);
        }
    }

    /** A dangerous goods manifest (IFTDGN) is a manifest of its mode: a vessel's reaches MD, a lorry's does not. */
    @Test
    void dangerous_goods_manifests_by_sea_and_river_reach_the_marine_department() throws IOException {
        for (String sample : List.of("iftdgn-d96a/samples/hk-dg-manifest-release-chars.expected.xml",
                "iftdgn-d96a/samples/hk-dg-manifest-zh.expected.xml", "iftdgn-d96a/samples/hk-dg-river-manifest.expected.xml")) {
            assertEquals(List.of("CED", "CSD", "TID", "MD"), List.copyOf(routing.agenciesFor(facts(sample))), sample);
        }
        assertEquals(List.of("CED", "CSD", "TID"),
                List.copyOf(routing.agenciesFor(facts("iftdgn-d96a/samples/hk-dg-road-manifest.expected.xml"))));
    }

    @Test
    void declarations_reach_csd_and_ced_and_the_new_lpco_types_their_owner() throws IOException {
        assertEquals(Set.of("CED", "CSD"), routing.agenciesFor(facts("cusdec-d96b/samples/hk-reexport-air-zh.expected.xml")));
        assertEquals(Set.of("DH"), routing.agenciesFor(facts("sancrt-d99a/samples/dh-chm.expected.xml")));
        assertEquals(Set.of("AFCD"), routing.agenciesFor(facts("tsw-lpco-1/samples/afcd-animal-prod-zh.expected.xml")));
        assertEquals(Set.of("AFCD"), routing.agenciesFor(facts("sancrt-d96a/samples/afcd-sp-animal.expected.xml")));
    }

    /**
     * The bench and the process tests count the deliveries they await from {@code agenciesPerDocument}; when routing
     * changes (sea manifests reaching MD did), the count must change with it, or a bench ends before it has seen every
     * document.
     */
    @Test
    void the_generated_interchanges_expect_as_many_agencies_as_routing_gives_them() {
        InterchangeGenerator generator = new InterchangeGenerator(20261203);
        for (int i = 0; i < 4; i++) {
            for (InterchangeGenerator.Interchange ic : List.of(generator.declarations(5), generator.manifests(3))) {
                List<TranslatedDocument> docs = TestEngine.get().translate(ic.fileName(), ic.content()).documents();
                assertEquals(ic.documentRefs().size(), docs.size(), ic.fileName());
                for (TranslatedDocument d : docs) {
                    assertEquals(ic.agenciesPerDocument(), routing.agenciesFor(CanonicalFacts.of(d.tree(), d.xml())).size(),
                            ic.fileName() + " " + d.outputName() + " reaches " + routing.agenciesFor(CanonicalFacts.of(null, d.xml())));
                }
            }
        }
    }
}
