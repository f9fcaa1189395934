package hk.tsw.gateway.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.ReplyStore;
import hk.tsw.gateway.testsupport.TestPools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SFTP answer (CONTRL, APERAK, receipt) recorded inside a store unit reaches the partner's outbox only when that unit
 * has committed (rule 3: nothing is acknowledged before it is durable); one the node could not write after its commit
 * stays pending and the outbox sweep writes it. A real store (H2 and PostgreSQL) and real files.
 */
class SftpAnswersAfterCommitTest {

    @TempDir
    Path tmp;

    @org.junit.jupiter.api.extension.RegisterExtension
    final TestPools pools = new TestPools();

    private MessageStore store;
    private ReplyStore replyStore;
    private PartnerReplies replies;
    private Path outbox;

    private void open(String kind) {
        store = pools.store(kind, tmp);
        replyStore = new ReplyStore(store);
        PartnerRegistry partners = PartnerRegistry.load(Path.of("config/partners"), Path.of("xsd/config/partner.xsd"));
        replies = new PartnerReplies(replyStore, partners, new SftpOutbox(tmp.resolve("sftp")));
        outbox = tmp.resolve("sftp/DEMOFWD/outbox");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void an_answer_given_inside_a_unit_is_written_only_once_the_unit_has_committed(String kind) {
        open(kind);
        boolean[] seenBeforeCommit = {true};
        long id = store.inOneTransaction(() -> {
            long r = replies.sendText("DEMOFWD", null, "REF1", "receipt", "Interchange REF1: TRANSLATED\n");
            seenBeforeCommit[0] = Files.exists(outbox.resolve("REF1.receipt.txt"));
            return r;
        });
        assertFalse(seenBeforeCommit[0], "the receipt was in the outbox before its unit committed");
        assertEquals("Interchange REF1: TRANSLATED\n", read("REF1.receipt.txt"));
        assertEquals("SENT", replyStore.get(id).orElseThrow().state());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void an_answer_given_inside_a_unit_that_rolls_back_is_never_written_nor_recorded(String kind) {
        open(kind);
        RuntimeException crash = assertThrows(RuntimeException.class, () -> store.inOneTransaction(() -> {
            replies.sendText("DEMOFWD", null, "REF2", "receipt", "Interchange REF2: TRANSLATED\n");
            throw new IllegalStateException("the commit did not happen");
        }));
        assertEquals("the commit did not happen", crash.getMessage());
        assertFalse(Files.exists(outbox.resolve("REF2.receipt.txt")), "an answer about documents rolled back was written");
        assertTrue(replyStore.pending("DEMOFWD", "SFTP", 10).isEmpty());
        assertEquals(0, new OutboxSweep(replies, Duration.ZERO).sweep(), "the sweep wrote an answer never committed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void answers_of_one_unit_are_written_in_the_order_given(String kind) throws Exception {
        open(kind);
        store.inOneTransaction(() -> {
            replies.send("DEMOFWD", null, "CONTRL", "REF3.contrl.edi", "UNA:+.? 'UNB+...'".getBytes(StandardCharsets.UTF_8));
            return replies.sendText("DEMOFWD", null, "REF3", "receipt", "Interchange REF3: TRANSLATED\n");
        });
        // the receipt comes last: when it is there, every other answer is too (InterchangeProcessor#answer)
        assertTrue(!Files.getLastModifiedTime(outbox.resolve("REF3.contrl.edi"))
                .toInstant().isAfter(Files.getLastModifiedTime(outbox.resolve("REF3.receipt.txt")).toInstant()));
        List<ReplyStore.Reply> sent = replyStore.pending("DEMOFWD", "SFTP", 10);
        assertTrue(sent.isEmpty(), "left pending: " + sent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void an_answer_not_written_after_its_commit_stays_pending_and_the_sweep_writes_it(String kind) throws Exception {
        open(kind);
        // the outbox cannot be written: a plain file stands where the folder should be
        Files.createDirectories(outbox.getParent());
        Files.writeString(outbox, "not a folder");
        long ic = store.receive("DEMOFWD", "SFTP", "REF4.edi", "UNB...REF4".getBytes(StandardCharsets.UTF_8), "REF4",
                Duration.ofDays(1)).id();
        long id = store.inOneTransaction(() ->
                replies.sendText("DEMOFWD", ic, "REF4", "receipt", "Interchange REF4: TRANSLATED\n"));
        ReplyStore.Reply left = replyStore.get(id).orElseThrow();
        assertEquals("PENDING", left.state(), "the documents are committed, the answer is owed");
        assertEquals(1, left.attempts());

        // the operator's gauge (tsw_reply_oldest_pending_seconds) sees the answer owed
        hk.tsw.gateway.store.DashboardQueries dashboard = new hk.tsw.gateway.store.DashboardQueries(store);
        java.time.Instant inTwoMinutes = java.time.Instant.now().plusSeconds(120);
        assertTrue(dashboard.oldestPendingAnswers(inTwoMinutes, List.of("SFTP", "AS2", "SOAP")).get("SFTP").toSeconds() >= 119,
                dashboard.oldestPendingAnswers(inTwoMinutes, List.of("SFTP", "AS2", "SOAP")).toString());

        // a sweep takes only answers older than its grace: a node's own write after the commit is not raced
        assertEquals(0, new OutboxSweep(replies, Duration.ofHours(1)).sweep());
        Files.delete(outbox);
        assertEquals(1, new OutboxSweep(replies, Duration.ZERO).sweep());
        assertEquals("Interchange REF4: TRANSLATED\n", read("REF4.receipt.txt"));
        assertEquals("SENT", replyStore.get(id).orElseThrow().state());
        assertEquals(0, new OutboxSweep(replies, Duration.ZERO).sweep(), "an answer sent is not written again");
        assertFalse(dashboard.oldestPendingAnswers(inTwoMinutes, List.of("SFTP", "AS2", "SOAP")).containsKey("SFTP"), "nothing owed once written");
        // the operator's timeline of the interchange says both: the failed write, then the receipt written
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> timeline = (List<java.util.Map<String, Object>>)
                new hk.tsw.gateway.store.MessageQueries(store).detail(ic).get("timeline");
        List<String> types = timeline.stream().map(e -> String.valueOf(e.get("type"))).toList();
        assertTrue(types.indexOf("REPLY_ATTEMPT_FAILED") >= 0 && types.indexOf("RECEIPT") > types.indexOf("REPLY_ATTEMPT_FAILED"),
                "timeline: " + timeline);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void outside_a_unit_an_answer_is_written_at_once(String kind) {
        open(kind);
        long id = replies.sendText("DEMOFWD", null, "REF5", "duplicate", "Interchange REF5 was a duplicate\n");
        assertEquals("Interchange REF5 was a duplicate\n", read("REF5.duplicate.txt"));
        assertEquals("SENT", replyStore.get(id).orElseThrow().state());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void an_interchange_that_comes_again_already_processed_has_its_pending_answers_written_at_once(String kind)
            throws Exception {
        open(kind);
        // the node committed the interchange and its answer, then stopped before writing the file (the outbox was
        // unwritable here); its message comes again from the queue
        Files.createDirectories(outbox.getParent());
        Files.writeString(outbox, "not a folder");
        long ic = store.receive("DEMOFWD", "SFTP", "REF6.edi", "UNB...REF6".getBytes(StandardCharsets.UTF_8), "REF6",
                Duration.ofDays(1)).id();
        long id = store.inOneTransaction(() -> {
            long r = replies.sendText("DEMOFWD", ic, "REF6", "receipt", "Interchange REF6: TRANSLATED\n");
            store.finished(ic, hk.tsw.gateway.store.InterchangeState.TRANSLATED, "Interchange REF6: TRANSLATED\n");
            return r;
        });
        assertEquals("PENDING", replyStore.get(id).orElseThrow().state());
        Files.delete(outbox);

        PartnerRegistry partners = PartnerRegistry.load(Path.of("config/partners"), Path.of("xsd/config/partner.xsd"));
        hk.tsw.gateway.route.InterchangeProcessor redelivered = new hk.tsw.gateway.route.InterchangeProcessor(
                null, null, store, partners, null, replies, null, 1);
        assertEquals(hk.tsw.gateway.store.InterchangeState.TRANSLATED, redelivered.process(ic));
        // at once, not after the sweep's grace
        assertEquals("Interchange REF6: TRANSLATED\n", read("REF6.receipt.txt"));
        assertEquals("SENT", replyStore.get(id).orElseThrow().state());
        assertEquals(0, new OutboxSweep(replies, Duration.ZERO).sweep(), "an answer sent is not written again");
        // and a second redelivery writes nothing more
        assertEquals(hk.tsw.gateway.store.InterchangeState.TRANSLATED, redelivered.process(ic));
        assertEquals("SENT", replyStore.get(id).orElseThrow().state());
    }

    private String read(String name) {
        try {
            return Files.readString(outbox.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
