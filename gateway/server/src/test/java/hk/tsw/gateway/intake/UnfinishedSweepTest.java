package hk.tsw.gateway.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.Singleton;
import hk.tsw.gateway.store.SingletonElector;
import hk.tsw.gateway.store.UnfinishedWork;
import hk.tsw.gateway.testsupport.PostgresNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The unfinished-work sweep on the real PostgreSQL (a fresh schema): three nodes' electors on connections of their
 * own, interchanges recorded by each and never handed to the broker. The sweep re-queues what a dead node (its session
 * gone, so its node lock free) or an unknown one left, never what a live node is working on, nor what the broker
 * already took; a live node's interchange only after the grace period; nothing twice once it is queued.
 */
class UnfinishedSweepTest {

    /** A hang guard, not a speed check. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final long GRACE_MS = 60_000;

    @RegisterExtension
    final PostgresNodes pg = new PostgresNodes();
    int files;

    @Test
    void re_queues_what_a_dead_node_left_and_never_what_a_live_node_is_working_on() throws Exception {
        MessageStore a = pg.store("node-a");
        MessageStore b = pg.store("node-b");
        MessageStore sweeper = pg.store("node-s");
        SingletonElector electorA = pg.elector(a, "node-a");
        SingletonElector electorB = pg.elector(b, "node-b");
        SingletonElector electorS = pg.elector(sweeper, "node-s", Singleton.UNFINISHED_SWEEP);
        await().atMost(TIMEOUT).until(() -> electorS.holds(Singleton.UNFINISHED_SWEEP)
                && electorS.alive("node-a") && electorS.alive("node-b"));

        long liveWork = receive(a);
        long deadWork = receive(b);
        long queuedByDead = receive(b);
        long unknown = receive(pg.store(null));
        UnfinishedWork work = new UnfinishedWork(sweeper);
        work.queued(queuedByDead); // the broker took it before node-b died: the broker's, not the sweep's

        List<Long> requeued = new ArrayList<>();
        UnfinishedSweep sweep = new UnfinishedSweep(work, electorS::alive,
                () -> electorS.holds(Singleton.UNFINISHED_SWEEP), id -> {
                    requeued.add(id);
                    work.queued(id); // as ReceivedQueue records a hand-off the broker took
                }, GRACE_MS, Clock.systemUTC());

        assertEquals(List.of(unknown), sweep.sweep(), "only the unknown node's: node-a and node-b are alive");

        // node-b's session ends, as when its process is killed (its elector stopped first, or it would reconnect)
        electorB.close();
        await().atMost(TIMEOUT).until(() -> !electorS.alive("node-b"));
        assertEquals(List.of(deadWork), sweep.sweep(), "the dead node's unqueued work, not what the broker took");
        assertTrue(electorS.alive("node-a"), "asking about node-b left node-a alone");
        assertEquals(List.of(), sweep.sweep(), "nothing twice: a re-queued interchange is queued");
        assertEquals(List.of(unknown, deadWork), requeued);

        // node-a is alive but its hand-off has waited past the grace period (its broker link is down): re-queued
        Clock later = Clock.fixed(Instant.now().plusMillis(GRACE_MS + 1_000), ZoneOffset.UTC);
        UnfinishedSweep afterGrace = new UnfinishedSweep(work, electorS::alive,
                () -> electorS.holds(Singleton.UNFINISHED_SWEEP), requeued::add, GRACE_MS, later);
        assertEquals(List.of(liveWork), afterGrace.sweep());
        assertFalse(electorA.holds(Singleton.UNFINISHED_SWEEP));
    }

    @Test
    void a_node_that_does_not_hold_the_singleton_sweeps_nothing_and_a_restarted_node_is_alive_again() throws Exception {
        MessageStore b = pg.store("node-b");
        MessageStore sweeper = pg.store("node-s");
        SingletonElector electorS = pg.elector(sweeper, "node-s", Singleton.UNFINISHED_SWEEP);
        await().atMost(TIMEOUT).until(() -> electorS.holds(Singleton.UNFINISHED_SWEEP));
        long left = receive(b); // node-b never started (or died): its lock is free
        UnfinishedWork work = new UnfinishedWork(sweeper);
        List<Long> requeued = new ArrayList<>();
        UnfinishedSweep notHere = new UnfinishedSweep(work, electorS::alive, () -> false, requeued::add, GRACE_MS,
                Clock.systemUTC());
        assertEquals(List.of(), notHere.sweep(), "only the singleton's holder sweeps");
        assertFalse(electorS.alive("node-b"));

        pg.elector(b, "node-b"); // node-b comes back: it takes its node lock again
        await().atMost(TIMEOUT).until(() -> electorS.alive("node-b"));
        UnfinishedSweep sweep = new UnfinishedSweep(work, electorS::alive,
                () -> electorS.holds(Singleton.UNFINISHED_SWEEP), requeued::add, GRACE_MS, Clock.systemUTC());
        assertEquals(List.of(), sweep.sweep(), "node-b re-queues its own left-overs at its start (leftBy)");
        assertEquals(List.of(left), work.leftBy("node-b"));
    }

    private long receive(MessageStore store) {
        String content = "UNB+UNOC:3+SENDER+TSW+260101:1200+" + (++files) + "'";
        return store.receive("ACME", "SFTP", "f" + files + ".edi", content.getBytes(StandardCharsets.US_ASCII), null,
                Duration.ofDays(1)).id();
    }
}
