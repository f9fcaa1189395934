package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import hk.tsw.gateway.testsupport.TestPools;

/** The store's promises, on H2 and on the local PostgreSQL. */
class MessageStoreTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private MessageStore store(String kind) {
        return pools.store(kind, tmp);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_resend_of_an_accepted_interchange_is_a_duplicate_that_says_so_not_the_first_answer(String kind) {
        MessageStore store = store(kind);
        MessageStore.Receipt first = store.receive("P1", "SFTP", "a.edi", bytes("UNB...1"), "REF1", Duration.ofDays(30));
        assertTrue(first.process());
        store.finished(first.id(), InterchangeState.PARTIAL, "receipt for REF1: ACCEPTED message 1");
        MessageStore.Receipt sameBytes = store.receive("P1", "SFTP", "b.edi", bytes("UNB...1"), "REF1", Duration.ofDays(30));
        assertTrue(sameBytes.duplicate());
        assertFalse(sameBytes.process());
        assertTrue(sameBytes.answer().contains("DUPLICATE, not processed"), sameBytes.answer());
        assertTrue(sameBytes.answer().contains("the same content as message " + first.id() + " of "), sameBytes.answer());
        assertTrue(sameBytes.answer().contains("new interchange reference"), sameBytes.answer());
        assertFalse(sameBytes.answer().contains("ACCEPTED"), sameBytes.answer());
        MessageStore.Receipt sameRef = store.receive("P1", "SFTP", "c.edi", bytes("UNB...changed"), "REF1", Duration.ofDays(30));
        assertTrue(sameRef.duplicate(), "same partner and interchange reference");
        assertTrue(sameRef.answer().contains("the reference REF1 was already used by message " + first.id() + " on "),
                sameRef.answer());
        assertFalse(sameRef.answer().contains("ACCEPTED"), sameRef.answer());
        assertEquals(MessageStore.DUPLICATE, store.interchange(sameRef.id()).state(), "the refused one is recorded");
        MessageStore.Receipt otherPartner = store.receive("P2", "SFTP", "a.edi", bytes("UNB...1"), "REF1", Duration.ofDays(30));
        assertFalse(otherPartner.duplicate(), "another partner's interchange is its own");
        assertEquals(first.id(), sameBytes.originalId());
        assertEquals(first.id(), sameRef.originalId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void after_a_full_rejection_the_reference_and_the_content_are_free_again(String kind) {
        MessageStore store = store(kind);
        MessageStore.Receipt first = store.receive("P1", "SFTP", "a.edi", bytes("UNB...bad"), "REF2", Duration.ofDays(30));
        store.finished(first.id(), InterchangeState.REJECTED, "rejection for REF2");
        MessageStore.Receipt corrected = store.receive("P1", "SFTP", "a.edi", bytes("UNB...good"), "REF2", Duration.ofDays(30));
        assertFalse(corrected.duplicate(), "the corrected file with the same reference is processed");
        assertTrue(corrected.process());
        assertTrue(corrected.id() != first.id());
        store.finished(corrected.id(), InterchangeState.TRANSLATED, "receipt for REF2");
        MessageStore.Receipt changedAgain = store.receive("P1", "SFTP", "a.edi", bytes("UNB...other"), "REF2", Duration.ofDays(30));
        assertTrue(changedAgain.duplicate(), "now the reference is used");
        assertEquals(corrected.id(), changedAgain.originalId());
        MessageStore.Receipt failed = store.receive("P1", "SFTP", "f.edi", bytes("UNB...f"), "REF3", Duration.ofDays(30));
        store.finished(failed.id(), InterchangeState.FAILED, "the gateway could not process it");
        assertFalse(store.receive("P1", "SFTP", "f.edi", bytes("UNB...f"), "REF3", Duration.ofDays(30)).duplicate(),
                "a gateway failure does not use the reference either");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void an_unfinished_interchange_received_again_is_processed_not_called_a_duplicate(String kind) {
        MessageStore store = store(kind);
        MessageStore.Receipt first = store.receive("P1", "SFTP", "a.edi", bytes("X"), "R", Duration.ofDays(30));
        MessageStore.Receipt again = store.receive("P1", "SFTP", "a.edi", bytes("X"), "R", Duration.ofDays(30));
        assertFalse(again.duplicate());
        assertTrue(again.process());
        assertEquals(first.id(), again.id());
        assertEquals(List.of(first.id()), store.unfinished());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void while_the_first_is_processing_other_content_under_its_reference_and_a_soap_resend_are_duplicates(String kind) {
        MessageStore store = store(kind);
        MessageStore.Receipt first = store.receive("P1", "SOAP", "a.xml", bytes("LRN-1 v1"), "LRN-1", Duration.ofDays(30), true);
        MessageStore.Receipt changed = store.receive("P1", "SOAP", "a.xml", bytes("LRN-1 v2"), "LRN-1", Duration.ofDays(30), true);
        assertTrue(changed.duplicate(), "the new content is refused, not silently taken for the first");
        assertFalse(changed.process());
        assertTrue(changed.answer().contains("the reference LRN-1 was already used by message " + first.id()), changed.answer());
        MessageStore.Receipt resend = store.receive("P1", "SOAP", "a.xml", bytes("LRN-1 v1"), "LRN-1", Duration.ofDays(30), true);
        assertTrue(resend.duplicate(), "a SOAP resend while the first is processing is a duplicate of it");
        assertEquals(first.id(), resend.originalId());
        assertTrue(resend.id() != first.id());
        assertEquals(List.of(first.id()), store.unfinished(), "only the first is processed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void documents_and_deliveries_are_recorded_once_and_dead_ones_can_be_redriven_once(String kind) {
        MessageStore store = store(kind);
        DeliveryStore deliveries = new DeliveryStore(store);
        long ic = store.receive("P1", "SFTP", "a.edi", bytes("X"), "R", Duration.ofDays(30)).id();
        long doc = store.mapped(ic, "M1", "CARGO_MANIFEST", "BL1", bytes("<TradeDocument/>"));
        assertEquals(doc, store.mapped(ic, "M1", "CARGO_MANIFEST", "BL1", bytes("<TradeDocument/>")));
        long ced = store.routed(ic, doc, "CED");
        assertEquals(ced, store.routed(ic, doc, "CED"));
        long csd = store.routed(ic, doc, "CSD");
        assertEquals(List.of(new PendingDelivery("CED", ced), new PendingDelivery("CSD", csd)),
                deliveries.pendingByAgency(ic));
        DeliveryStore.Delivery d = deliveries.get(ced);
        assertEquals("tsw-doc-" + doc + "-CED", d.idempotencyKey());
        assertEquals("no delivery " + (csd + 1000), assertThrows(IllegalArgumentException.class,
                () -> deliveries.get(csd + 1000)).getMessage(), "get reads as getAll does, and says what is missing");
        DeliveryStore.Outcome twice = new DeliveryStore.Outcome(d, DeliveryStore.Outcome.Kind.DELIVERED, "200");
        assertThrows(IllegalArgumentException.class, () -> deliveries.recordAll(List.of(twice, twice)),
                "one outcome per delivery in a record");
        assertEquals("PENDING", deliveries.get(ced).state(), "nothing recorded by the refused call");
        assertEquals("<TradeDocument/>", new String(deliveries.canonical(d), StandardCharsets.UTF_8));
        assertTrue(deliveries.delivered(d, "200"));
        assertFalse(deliveries.delivered(d, "200"), "a repeat is recognised");
        deliveries.dead(deliveries.get(csd), "HTTP 400 from CSD");
        assertEquals(List.of(csd), deliveries.redrive(ic));
        assertEquals(List.of(), deliveries.redrive(ic), "nothing dead any more");
        Map<String, Object> detail = new MessageQueries(store).detail(ic);
        List<?> timeline = (List<?>) detail.get("timeline");
        assertTrue(timeline.size() >= 6, timeline.toString());
        assertEquals(1, new MessageQueries(store).search(new MessageQueries.Query("P1", "CARGO_MANIFEST", null,
                "BL1", null, null, 10)).size());
    }
}
