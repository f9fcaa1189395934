package hk.tsw.gateway.translate.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import hk.tsw.gateway.testsupport.InterchangeGenerator;
import hk.tsw.gateway.translate.canonical.model.AdditionalDocumentType;
import hk.tsw.gateway.translate.canonical.model.ClassificationType;
import hk.tsw.gateway.translate.canonical.model.ConsignmentType;
import hk.tsw.gateway.translate.canonical.model.GoodsItemType;
import hk.tsw.gateway.translate.canonical.model.TradeDocumentType;
import hk.tsw.gateway.translate.canonical.model.TransportEquipmentType;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.translate.mapping.TranslatedDocument;
import org.junit.jupiter.api.Test;

/**
 * The facts routing, partner checks and search read from the mapping's tree are exactly what the JAXB model of the
 * same document gives (the model is the reference: it is generated from the canonical schema), for every expected
 * output of every mapping, every failing rules sample, and generated declarations and manifests with HS codes,
 * bills of lading and containers; and the tree and the bytes give the same facts.
 */
class CanonicalFactsTest {

    private final CanonicalCodec codec = new CanonicalCodec();

    @Test
    void every_sample_document_gives_the_facts_of_its_jaxb_model() throws IOException {
        List<Path> docs;
        try (var walk = Files.walk(TestEngine.MAPPINGS)) {
            docs = walk.filter(p -> p.getFileName().toString().matches(".*\\.expected(-\\d+)?\\.xml")
                    || p.toString().contains("/samples/failing/") && p.toString().endsWith(".xml")
                    && !p.toString().endsWith("response.xml")).sorted().toList();
        }
        assertTrue(docs.size() >= 20, "sample documents found: " + docs.size());
        for (Path p : docs) {
            byte[] xml = Files.readAllBytes(p);
            CanonicalFacts facts = CanonicalFacts.of(null, xml);
            assertEquals(reference(codec.read(xml)), facts, p.toString());
            CanonicalFacts header = CanonicalFacts.header(null, xml);
            assertEquals(List.of(facts.documentType(), facts.sourceFormat(), facts.senderId()),
                    List.of(header.documentType(), header.sourceFormat(), header.senderId()), p.toString());
        }
    }

    @Test
    void the_mapping_tree_gives_the_same_facts_as_the_bytes_and_the_model() {
        InterchangeGenerator generator = new InterchangeGenerator(20261128);
        int hs = 0;
        int bills = 0;
        int containers = 0;
        for (int i = 0; i < 6; i++) {
            for (InterchangeGenerator.Interchange ic : List.of(generator.declarations(4), generator.manifests(3))) {
                List<TranslatedDocument> docs = TestEngine.get().translate(ic.fileName(), ic.content()).documents();
                assertEquals(ic.documentRefs().size(), docs.size(), ic.fileName());
                for (TranslatedDocument d : docs) {
                    assertTrue(d.tree() != null, "the engine hands on its tree");
                    CanonicalFacts fromTree = CanonicalFacts.of(d.tree(), d.xml());
                    assertEquals(CanonicalFacts.of(null, d.xml()), fromTree, d.outputName());
                    assertEquals(reference(codec.read(d.xml())), fromTree, d.outputName());
                    hs += fromTree.hsCodes().size();
                    bills += fromTree.billsOfLading().size();
                    containers += fromTree.containers().size();
                }
            }
        }
        assertTrue(hs > 0 && bills > 0 && containers > 0, "hs " + hs + ", bills " + bills + ", containers " + containers);
    }

    @Test
    void a_document_that_is_not_canonical_is_refused() {
        byte[] other = "<Other xmlns='urn:x'/>".getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> CanonicalFacts.of(null, other));
        byte[] dtd = "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>".getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> CanonicalFacts.of(null, dtd));
    }

    @Test
    void codes_are_collapsed_and_identifiers_kept_as_written() {
        String xml = "<TradeDocument xmlns='" + CanonicalFacts.NS + "'><Header><DocumentType> IMPORT_DECLARATION </DocumentType>"
                + "<Source><Format>XML</Format><SenderID> A B </SenderID></Source></Header>"
                + "<GoodsItem><AdditionalDocument><TypeCode>\n 811 </TypeCode></AdditionalDocument>"
                + "<Commodity><Classification><ID>0201</ID></Classification></Commodity></GoodsItem></TradeDocument>";
        CanonicalFacts f = CanonicalFacts.of(null, xml.getBytes(StandardCharsets.UTF_8));
        assertEquals("IMPORT_DECLARATION", f.documentType());
        assertEquals(" A B ", f.senderId());
        assertEquals(List.of("811"), f.additionalDocumentTypes());
        assertEquals(List.of("0201"), f.hsCodes());
        assertFalse(f.billsOfLading().iterator().hasNext());
    }

    /** The facts as the JAXB model gives them (what routing and DocumentReferences read before). */
    private static CanonicalFacts reference(TradeDocumentType doc) {
        List<GoodsItemType> items = new ArrayList<>(doc.getGoodsItem());
        for (ConsignmentType c : doc.getConsignment()) {
            items.addAll(c.getGoodsItem());
            c.getHouseConsignment().forEach(h -> items.addAll(h.getGoodsItem()));
        }
        List<String> hs = new ArrayList<>();
        List<String> additional = new ArrayList<>();
        for (GoodsItemType i : items) {
            if (i.getCommodity() != null) {
                i.getCommodity().getClassification().stream().map(ClassificationType::getID).forEach(hs::add);
            }
        }
        for (GoodsItemType i : items) {
            i.getAdditionalDocument().stream().map(AdditionalDocumentType::getTypeCode)
                    .filter(t -> t != null).forEach(additional::add);
        }
        Set<String> bills = new LinkedHashSet<>();
        for (ConsignmentType c : doc.getConsignment()) {
            if (c.getTransportContractDocument() != null) {
                bills.add(c.getTransportContractDocument().getID());
            }
            // a consolidation: the house bills after the master bill
            c.getHouseConsignment().stream().filter(h -> h.getTransportContractDocument() != null)
                    .forEach(h -> bills.add(h.getTransportContractDocument().getID()));
        }
        Set<String> containers = new LinkedHashSet<>();
        doc.getTransportEquipment().stream().map(TransportEquipmentType::getID).forEach(containers::add);
        for (GoodsItemType item : items) {
            item.getTransportEquipment().stream().map(TransportEquipmentType::getID).forEach(containers::add);
        }
        var source = doc.getHeader().getSource();
        return new CanonicalFacts(doc.getHeader().getDocumentType(), source.getFormat().value(),
                source.getSenderID().getValue(), hs, additional, bills, containers,
                doc.getLPCOApplication() == null ? null : doc.getLPCOApplication().getTypeCode(),
                doc.getBorderTransportMeans() == null ? null : doc.getBorderTransportMeans().getModeCode());
    }
}
