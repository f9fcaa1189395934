package hk.tsw.gateway.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import hk.tsw.gateway.testsupport.TestPools;

/**
 * Hand-offs marked in the background ({@link QueuedMarks}): every interchange the broker took is marked (so the
 * unfinished-work sweep and a node's start leave it to the broker), many in one go, and what still waits when the
 * gateway stops is marked by {@link QueuedMarks#close}.
 */
class QueuedMarksTest {

    /** A hang guard, not a speed check. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final TestPools pools = new TestPools();

    @TempDir
    Path tmp;
    int files;

    @Test
    void every_hand_off_is_marked_and_the_interchange_is_no_longer_unfinished_work() throws Exception {
        MessageStore store = pools.store("h2", tmp);
        UnfinishedWork work = new UnfinishedWork(store);
        List<Long> ids = receive(store, 1_200);
        try (QueuedMarks marks = new QueuedMarks(work, 0)) {
            ids.forEach(marks::accept);
            await().atMost(TIMEOUT).until(() -> work.unqueued(2_000).isEmpty());
        }
    }

    @Test
    void marks_still_waiting_are_written_when_it_closes() throws Exception {
        MessageStore store = pools.store("h2", tmp);
        UnfinishedWork work = new UnfinishedWork(store);
        List<Long> ids = receive(store, 3);
        QueuedMarks marks = new QueuedMarks(work, 500);
        ids.forEach(marks::accept);
        marks.close();
        assertEquals(List.of(), work.unqueued(10), "nothing left looking unqueued after a clean stop");
    }

    /**
     * After a transaction the writer pauses, so hand-offs arriving one by one in the meantime share the next commit
     * (without the pause each would get its own: the writer is idle when it comes), and closing ends the pause at once.
     */
    @Test
    void hand_offs_arriving_during_the_pause_share_one_transaction() throws Exception {
        List<List<Long>> transactions = new java.util.concurrent.CopyOnWriteArrayList<>();
        QueuedMarks marks = new QueuedMarks(ids -> transactions.add(List.copyOf(ids)), 600_000);
        marks.accept(1);
        await().atMost(TIMEOUT).until(() -> transactions.size() == 1);
        for (long id = 2; id <= 21; id++) {
            marks.accept(id);
            Thread.sleep(5); // one by one, as uploads arrive; an idle writer without a pause takes each alone
        }
        java.util.concurrent.CompletableFuture<Void> closed = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                marks.close();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        closed.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS); // not the ten-minute pause
        assertEquals(List.of(List.of(1L), java.util.stream.LongStream.rangeClosed(2, 21).boxed().toList()),
                transactions, "the first mark alone, the twenty that came during the pause in one transaction");
    }

    @Test
    void a_negative_pause_is_refused_at_start() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new QueuedMarks(ids -> { }, -1));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("gateway.unfinished.queued.marks.pause.ms"),
                e.getMessage());
    }

    @Test
    void an_interchange_marked_already_keeps_its_first_time() throws Exception {
        MessageStore store = pools.store("h2", tmp);
        UnfinishedWork work = new UnfinishedWork(store);
        List<Long> ids = receive(store, 2);
        work.queued(ids.get(0));
        java.sql.Timestamp first = queuedAt(store, ids.get(0));
        work.queued(ids);
        assertEquals(first, queuedAt(store, ids.get(0)), "a second hand-off leaves the first time");
        assertEquals(List.of(), work.unqueued(10));
    }

    private List<Long> receive(MessageStore store, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String content = "UNB+UNOC:3+SENDER+TSW+260101:1200+" + (++files) + "'";
            ids.add(store.receive("ACME", "AS2", "f" + files + ".edi", content.getBytes(StandardCharsets.US_ASCII),
                    null, Duration.ofDays(1)).id());
        }
        return ids;
    }

    private static java.sql.Timestamp queuedAt(MessageStore store, long id) {
        return store.jdbc().tx(c -> {
            try (var ps = Jdbc.prepare(c, "SELECT queued_at FROM interchange WHERE id = ?", id);
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1);
            }
        });
    }
}
