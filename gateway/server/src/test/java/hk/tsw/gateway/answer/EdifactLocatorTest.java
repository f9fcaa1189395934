package hk.tsw.gateway.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.EnvelopeScanner;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.Test;

/**
 * APERAK pointers come from the mapping's locate.* data, not from the message type: the same path points into a
 * CUSCAR's consignments or a SANCRT's lines as each folder's mapping.properties says, and without that data only the
 * header and control totals are traced.
 */
class EdifactLocatorTest {

    private static final Map<String, String> CUSCAR = Map.of("Consignment", "CNI", "Consignment/GoodsItem", "GID");

    private static EdifactMessage scan(String sample) throws IOException {
        List<EdifactMessage> messages = new ArrayList<>();
        new EnvelopeScanner(false).scan(new ByteArrayInputStream(Files.readAllBytes(TestEngine.MAPPINGS.resolve(sample))),
                new EnvelopeScanner.Listener() {
                    @Override
                    public void message(EdifactMessage message) {
                        messages.add(message);
                    }

                    @Override
                    public void interchangeEnded(InterchangeSummary summary) {
                    }
                });
        return messages.get(0);
    }

    @Test
    void a_consignments_goods_item_is_the_gid_inside_its_cni() throws IOException {
        EdifactMessage m = scan("cuscar-d96a/samples/hk-sea-manifest-release-chars.edi");
        assertEquals("segment 33 (CNI)", EdifactLocator.segmentFor("/TradeDocument/Consignment[2]/TransportContractDocument/ID", m, CUSCAR));
        assertEquals("segment 39 (GID)", EdifactLocator.segmentFor("/TradeDocument/Consignment[2]/GoodsItem/Commodity/Classification/ID", m, CUSCAR));
        assertEquals("segment 29 (GID)", EdifactLocator.segmentFor("/TradeDocument/Consignment[1]/GoodsItem[2]/GoodsMeasure", m, CUSCAR));
        assertNull(EdifactLocator.segmentFor("/TradeDocument/Consignment[2]/GoodsItem[2]/GoodsMeasure", m, CUSCAR),
                "consignment 2 has one GID: the pointer must not run into another consignment");
        assertEquals("segment 3 (BGM)", EdifactLocator.segmentFor("/TradeDocument/Header/FunctionalReferenceID", m, CUSCAR));
    }

    @Test
    void without_locate_data_only_header_and_totals_are_traced() throws IOException {
        EdifactMessage m = scan("cuscar-d96a/samples/hk-sea-manifest-release-chars.edi");
        assertNull(EdifactLocator.segmentFor("/TradeDocument/Consignment[2]/TransportContractDocument/ID", m, Map.of()));
        assertEquals("segment 3 (BGM)", EdifactLocator.segmentFor("/TradeDocument/Header/FunctionalReferenceID", m, Map.of()));
    }

    @Test
    void a_sancrt_line_is_its_lin_and_an_after_anchor_counts_from_there() throws IOException {
        EdifactMessage m = scan("sancrt-d96a/samples/tid-sc-exp-release-chars.edi");
        String second = EdifactLocator.segmentFor("/TradeDocument/GoodsItem[2]/Commodity", m, Map.of("GoodsItem", "LIN"));
        int lin2 = m.segments().stream().filter(s -> s.tag().equals("LIN")).skip(1).findFirst().orElseThrow().number();
        assertEquals("segment " + lin2 + " (LIN)", second);
        // "LIN after DOC": counted from the first DOC on
        int firstLinAfterDoc = m.segments().stream().filter(s -> s.tag().equals("LIN")).findFirst().orElseThrow().number();
        assertEquals("segment " + firstLinAfterDoc + " (LIN)",
                EdifactLocator.segmentFor("/TradeDocument/GoodsItem", m, Map.of("GoodsItem", "LIN after DOC")));
        assertNull(EdifactLocator.segmentFor("/TradeDocument/GoodsItem", m, Map.of("GoodsItem", "LIN after UNS")),
                "SANCRT has no UNS");
    }
}
