package hk.tsw.gateway.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import hk.tsw.gateway.testsupport.GatewayLogsOnFailure;
import hk.tsw.gateway.testsupport.Invariants;
import hk.tsw.gateway.testsupport.PartnerSftp;
import hk.tsw.gateway.testsupport.ProcessHarness;
import hk.tsw.gateway.testsupport.WsseEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's cluster test: an Artemis shared-store pair (TLS) and three gateway JVMs on one PostgreSQL schema with
 * shared payload, mailbox and agency folders and one SFTP host key ({@link ClusterRig}). The demo forwarder lodges
 * messages by SFTP, AS2 and SOAP at all three nodes in turn ({@link ClusterClients}); what a node refuses or does not
 * answer is sent again to another node.
 * <ol>
 * <li>Under that load the node holding the SFTP inbox poller is SIGKILLed, then the live broker (the backup takes
 * over); the node is started again, then the primary (it fails back: the backup returns to waiting), the clients
 * going on until both are back and at least {@value #TAIL} more messages were sent. Afterwards the
 * four invariants hold, and resends to another node are recognised: an SFTP interchange (answered as a duplicate), an
 * AS2 Message-ID (answered with the original MDN), a SOAP nonce (refused as a replay; the same interchange under a
 * fresh nonce gets a receipt naming the original).</li>
 * <li>Rolling restart under a lighter load: each node in turn SIGTERMed (a clean stop, exit 0) and started again;
 * every request was acknowledged, at once or after retryable refusals elsewhere, and the invariants hold again.</li>
 * </ol>
 * Throughout, no two {@code singleton_tenure} rows of one singleton overlap. Every wait is for a state, never a time.
 * {@code -Dtsw.cluster.messages} sets the first phase's count (default {@value #MESSAGES}: docs/RELIABILITY.md).
 */
@ExtendWith(GatewayLogsOnFailure.class)
class ClusterIT {

    static final int MESSAGES = 1500;
    private static final int THREADS = 6;
    /** Messages sent in phase 1 after both restarts, at the least. */
    private static final int TAIL = 30;
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // a hang guard: every wait below is bounded by minutes
    void three_nodes_lose_a_node_and_the_live_broker_then_restart_one_by_one_and_nothing_is_lost_or_doubled()
            throws Exception {
        int count = Integer.getInteger("tsw.cluster.messages", MESSAGES);
        long began = System.nanoTime();
        try (ClusterRig rig = new ClusterRig(dir)) {
            rig.start(3);
            System.out.printf("cluster test: pair and 3 nodes up after %d s%n", seconds(began));
            ClusterClients clients = new ClusterClients(rig);

            // 1. a node and the live broker lost under load, both started again under load: the clients go on
            // until `count` messages are sent and both restarts are done, plus TAIL messages that meet them
            long phase1 = System.nanoTime();
            AtomicInteger limit = new AtomicInteger(Integer.MAX_VALUE);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<Integer>> load = load(pool, THREADS, clients, "C", new AtomicInteger(), limit, 0);
            awaitAcknowledged(clients, count / 5, load);
            // the node holding the shared inbox's poller (a node slow to answer says nothing: asked again)
            int victim = await().atMost(PATIENCE).until(() -> rig.holder("sftp-receive@"), i -> i >= 0);
            rig.nodes.get(victim).process().kill();
            say("SIGKILLed " + rig.nodes.get(victim).name() + " (it held the SFTP poller)", clients, rig);
            awaitAcknowledged(clients, count * 7 / 20, load);
            rig.primary.kill();
            say("SIGKILLed the live broker (primary)", clients, rig);
            await().atMost(PATIENCE).until(() -> rig.backup.liveTimes(1));
            say("the backup is live", clients, rig);
            awaitAcknowledged(clients, count / 2, load);
            rig.nodes.get(victim).process().start();
            say("started " + rig.nodes.get(victim).name() + " again", clients, rig);
            rig.primary.start();
            await().atMost(PATIENCE).until(() -> rig.primary.liveTimes(1));
            say("the primary is back and live again (failback)", clients, rig);
            limit.set(Math.max(count, clients.acknowledged.size() + TAIL));
            int sent1 = 0;
            for (Future<Integer> f : load) {
                sent1 += f.get(10, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertEquals(List.of(), clients.unexpected, "answers that were neither an acknowledgement nor retryable");
            Set<String> phase1Docs = clients.docs();
            assertEquals(sent1, phase1Docs.size(), "every request was acknowledged");
            assertTrue(sent1 >= count, sent1 + " sent");
            String windows = duplicateWindowsHoldAcrossNodes(rig, clients);
            Set<String> lodged = clients.docs();
            Invariants.Counts counts = rig.invariants(lodged);
            Map<String, Integer> tenures = rig.assertTenuresNeverOverlap();
            assertTrue(rig.backup.alive(), "the backup went back to waiting after the failback");
            System.out.printf("cluster test, phase 1 (%d s): %d messages (%s), %d refused attempts %s, %d acknowledged"
                    + " only when sent again elsewhere; %s; %s; tenure rows %s%n", seconds(phase1), sent1,
                    byDoor(clients, phase1Docs), clients.refusalCount(), clients.refusals,
                    clients.resentElsewhere(phase1Docs), windows, counts, tenures);

            // 2. rolling restart: each node SIGTERMed and started again in turn, under a lighter load
            long phase2 = System.nanoTime();
            int refusedBefore = clients.refusalCount();
            Map<String, Integer> refusalsBefore = clients.refusalsByKind();
            AtomicInteger rollingLimit = new AtomicInteger(Integer.MAX_VALUE);
            ExecutorService light = Executors.newFixedThreadPool(2);
            List<Future<Integer>> rolling = load(light, 2, clients, "R", new AtomicInteger(), rollingLimit, 300);
            for (ClusterRig.Node node : rig.nodes) {
                awaitAcknowledged(clients, clients.acknowledged.size() + 6, rolling);
                assertEquals(0, node.process().stop(), node.name() + "'s exit status after SIGTERM");
                say("SIGTERMed " + node.name(), clients, rig);
                // while it is down the load goes on elsewhere: messages meant for it are sent to another node
                awaitAcknowledged(clients, clients.acknowledged.size() + 12, rolling);
                node.process().start();
                say("started " + node.name() + " again", clients, rig);
            }
            awaitAcknowledged(clients, clients.acknowledged.size() + 6, rolling);
            rollingLimit.set(0);
            int sent = 0;
            for (Future<Integer> f : rolling) {
                sent += f.get(10, TimeUnit.MINUTES);
            }
            light.shutdown();
            assertEquals(List.of(), clients.unexpected, "answers that were neither an acknowledgement nor retryable");
            Set<String> phase2Docs = new java.util.TreeSet<>(clients.docs());
            phase2Docs.removeAll(lodged);
            assertEquals(sent, phase2Docs.size(), "every request of the rolling restart was acknowledged");
            int refusedRolling = clients.refusalCount() - refusedBefore;
            assertTrue(refusedRolling > 0, "requests meant for a stopped node were refused there and sent elsewhere");
            Invariants.Counts after = rig.invariants(clients.docs());
            Map<String, Integer> tenuresAfter = rig.assertTenuresNeverOverlap();
            System.out.printf("cluster test, phase 2 rolling restart (%d s): %d messages (%s), %d first time, %d"
                    + " acknowledged only when sent again to another node after %d refused attempts %s; all: %s;"
                    + " tenure rows %s; whole test %d s%n", seconds(phase2), sent, byDoor(clients, phase2Docs),
                    sent - clients.resentElsewhere(phase2Docs), clients.resentElsewhere(phase2Docs), refusedRolling,
                    clients.refusalsSince(refusalsBefore), after, tenuresAfter, seconds(began));
        }
    }

    /**
     * Resends to another node of messages acknowledged at their first attempt: an SFTP interchange, an AS2
     * Message-ID, and a fresh SOAP submission's nonce. Returns a line for the report.
     */
    private static String duplicateWindowsHoldAcrossNodes(ClusterRig rig, ClusterClients clients) throws Exception {
        ClusterClients.Sent sftp = firstTry(clients, ClusterClients.Door.SFTP);
        Path answer = rig.shared.resolve("sftp/DEMOFWD/outbox/" + sftp.ref() + ".duplicate.txt");
        assertFalse(Files.exists(answer), "sent once, so no duplicate answer yet: " + answer);
        int other = (sftp.node() + 1) % rig.nodes.size();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            try (PartnerSftp s = new PartnerSftp("demofwd", rig.nodes.get(other).sftp())) {
                s.upload(sftp.ref() + ".edi", ProcessHarness.declaration(sftp.ref()));
            }
        });
        await().atMost(PATIENCE).until(() -> Files.exists(answer));

        ClusterClients.Sent as2 = firstTry(clients, ClusterClients.Door.AS2);
        int as2Other = (as2.node() + 1) % rig.nodes.size();
        HttpResponse<String> again = await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> clients.post(as2.as2(), as2Other), r -> r.statusCode() == 200);
        assertEquals(as2.as2Answer(), again.body(), "a Message-ID resent to another node gets the original MDN");

        String ref = "CDSOAP1";
        String envelope = ClusterClients.envelope(ref, WsseEnvelope.nonce());
        HttpResponse<String> first = await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> clients.postSoap(envelope, 0), r -> r.statusCode() == 200);
        assertTrue(first.body().contains("MessageId"), first.body());
        HttpResponse<String> replay = await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> clients.postSoap(envelope, 1), r -> true);
        assertTrue(replay.statusCode() == 500 && replay.body().contains("Fault") && !replay.body().contains("MessageId"),
                "the same nonce at another node is a replay: " + replay.body());
        HttpResponse<String> fresh = await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> clients.postSoap(ClusterClients.envelope(ref, WsseEnvelope.nonce()), 2),
                        r -> r.statusCode() == 200);
        assertTrue(fresh.body().contains("DuplicateOf"), "the interchange again, fresh nonce: " + fresh.body());
        clients.acknowledged.put("DOC-" + ref, new ClusterClients.Sent(ref, ClusterClients.Door.SOAP, 0, 0, null,
                null, envelope));
        return "resent to another node: SFTP " + sftp.ref() + " answered as a duplicate, AS2 " + as2.ref()
                + " answered with its original MDN, SOAP nonce replay refused and the interchange again recorded as a"
                + " duplicate";
    }

    private static ClusterClients.Sent firstTry(ClusterClients clients, ClusterClients.Door door) {
        return clients.acknowledged.values().stream().filter(s -> s.door() == door && s.refusals() == 0).findFirst()
                .orElseThrow(() -> new AssertionError("no " + door + " message was acknowledged at its first attempt"));
    }

    /**
     * {@code threads} clients sending messages {@code prefix}0, 1, ... (each door at each node in turn) while the next
     * number is below {@code limit}, each pausing {@code pauseMs} after a message; each returns how many it sent.
     */
    private static List<Future<Integer>> load(ExecutorService pool, int threads, ClusterClients clients, String prefix,
                                              AtomicInteger next, AtomicInteger limit, long pauseMs) {
        List<Future<Integer>> load = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            load.add(pool.submit(() -> {
                int sent = 0;
                for (int i = next.getAndIncrement(); i < limit.get(); i = next.getAndIncrement()) {
                    clients.send(prefix, i);
                    sent++;
                    Thread.sleep(pauseMs); // a lighter load when asked: a pace, asserted nowhere
                }
                return sent;
            }));
        }
        return load;
    }

    /** Waits until {@code n} messages are acknowledged; a load task that failed fails the test at once. */
    private static void awaitAcknowledged(ClusterClients clients, int n, List<? extends Future<?>> load) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (Future<?> f : load) {
                if (f.isDone()) {
                    f.get(); // throws what the task threw
                }
            }
            return clients.acknowledged.size() >= n;
        });
    }

    private static String byDoor(ClusterClients clients, Set<String> docs) {
        Map<ClusterClients.Door, Long> by = new java.util.TreeMap<>(docs.stream().collect(
                java.util.stream.Collectors.groupingBy(d -> clients.acknowledged.get(d).door(),
                        java.util.stream.Collectors.counting())));
        return by.toString();
    }

    private static void say(String what, ClusterClients clients, ClusterRig rig) throws Exception {
        System.out.printf("cluster test: %s with %d acknowledged, %d delivered to CED%n", what,
                clients.acknowledged.size(), rig.ced.ledger().size());
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }
}
