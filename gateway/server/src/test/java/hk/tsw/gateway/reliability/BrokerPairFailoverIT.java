package hk.tsw.gateway.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import hk.tsw.gateway.testsupport.BrokerProcess;
import hk.tsw.gateway.testsupport.BrokerTlsFiles;
import hk.tsw.gateway.testsupport.GatewayLogsOnFailure;
import hk.tsw.gateway.testsupport.Invariants;
import hk.tsw.gateway.testsupport.ProcessHarness;
import hk.tsw.gateway.testsupport.RunningGatewayFiles;
import hk.tsw.gateway.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker as an Artemis shared-store primary/backup pair ({@code tsw-gateway.jar broker} twice, one journal folder,
 * TLS acceptors with a DEMO-ONLY key store generated here), a gateway JVM on PostgreSQL connected to the pair
 * ({@code (primary,backup)?ha=true&sslEnabled=true...}). Under a stream of SFTP uploads the live primary is SIGKILLed:
 * the backup takes over, the gateway fails over to it by itself (never restarted) and the partner's uploads, refused
 * while there was no broker, are sent again. The primary is started again under load and fails back (the backup
 * returns to waiting), and the gateway follows it a second time. Every wait is for a state (a log line, an accepted
 * upload, the invariants), never a fixed time. Before the kill the primary is suspended (SIGSTOP) until the gateway
 * reports the broker unreachable and then resumed: a silent broker, sockets open, noticed by the monitor's pings alone;
 * the gateway takes the same primary again and the backup keeps waiting. Then the four invariants hold: everything
 * acknowledged reached CSD and CED exactly once, nothing left in a queue.
 */
@ExtendWith(GatewayLogsOnFailure.class)
class BrokerPairFailoverIT {

    private static final int COUNT = 300;
    private static final int SUSPEND_AT = 50;
    private static final int KILL_AT = 100;
    private static final int RESTART_AT = 200;
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    @Test
    void the_backup_takes_over_when_the_live_broker_is_killed_and_nothing_is_lost_or_delivered_twice() throws Exception {
        BrokerTlsFiles tls = BrokerTlsFiles.generate(dir.resolve("tls"));
        RunningGatewayFiles.copyConfig(dir.resolve("broker-config"), Map.of());
        Path shared = dir.resolve("broker-data"); // the pair's one journal folder
        try (BrokerProcess primary = new BrokerProcess(dir.resolve("broker-config"), shared);
             BrokerProcess backup = new BrokerProcess(dir.resolve("broker-config"), shared);
             ProcessHarness h = new ProcessHarness(dir.resolve("gw"))) {
            pair(primary, "primary", backup, tls);
            pair(backup, "backup", primary, tls);
            primary.start();
            await().atMost(PATIENCE).until(() -> primary.liveTimes(1));
            backup.start();
            assertFalse(backup.liveTimes(1), "the backup waits while the primary is live");

            String url = "(tcp://127.0.0.1:" + primary.port() + ",tcp://127.0.0.1:" + backup.port() + ")?ha=true"
                    + "&reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=2&maxRetryInterval=2000"
                    + "&callTimeout=10000&callFailoverTimeout=5000&consumerWindowSize=0&" + tls.clientParams();
            Map<String, String> node = new HashMap<>(Map.of("gateway.broker.embedded", "false", "gateway.broker.url", url,
                    "gateway.db.url", TestDatabases.postgresUrl(), "gateway.db.user", "postgres",
                    "gateway.db.password", "", "gateway.node.name", "gw-1"));
            h.start(node);

            Set<String> lodged = new TreeSet<>();
            int refusedAndResent = 0;
            for (int i = 0; i < COUNT; i++) {
                if (i == SUSPEND_AT) {
                    suspendUntilNoticed(primary, h);
                }
                if (i == KILL_AT) {
                    assertFalse(backup.liveTimes(1), "the backup kept waiting while the primary was suspended");
                    primary.kill();
                    System.out.println("broker pair test: live primary SIGKILLed after " + i + " uploads, "
                            + h.ced.ledger().size() + " delivered to CED");
                    await().atMost(PATIENCE).until(() -> backup.liveTimes(1));
                }
                if (i == RESTART_AT) {
                    primary.start(); // returns once the primary is back: it has taken the journal over again
                    await().atMost(PATIENCE).until(() -> primary.liveTimes(1));
                    System.out.println("broker pair test: primary restarted and failed back after " + i + " uploads, "
                            + h.ced.ledger().size() + " delivered to CED");
                }
                String ref = "PAIR" + i;
                int[] refusals = {0};
                h.uploadUntilTaken(ref + ".edi", ProcessHarness.declaration(ref), () -> refusals[0]++);
                refusedAndResent += refusals[0] > 0 ? 1 : 0;
                lodged.add("DOC-" + ref);
            }
            Invariants.Counts counts = h.invariants().check(h.ced, h.data, lodged, Set.of(), 0);
            assertTrue(h.gateway.alive(), "the gateway outlived both failovers without a restart");
            assertTrue(backup.alive(), "the backup went back to waiting after the failback");
            assertEquals(0, h.gateway.stop(), "the gateway's exit status after SIGTERM");
            System.out.println("broker pair test: " + COUNT + " uploads, " + refusedAndResent
                    + " refused at least once and sent again; " + counts);
        }
    }

    /**
     * The live primary stops answering with its sockets open (SIGSTOP: no socket closes, the journal lock stays held,
     * so the backup keeps waiting) until the gateway's health says the broker is unreachable (the monitor connection's
     * pings, gateway.broker.monitor.ttl.ms), then goes on (SIGCONT); the uploads after it wait for the gateway to
     * reconnect to the same primary, as a partner's scheduler would.
     */
    private static void suspendUntilNoticed(BrokerProcess primary, ProcessHarness h) throws Exception {
        primary.suspend();
        try {
            await().atMost(PATIENCE).until(() -> h.health().contains("the broker is unreachable"));
        } finally {
            primary.resume();
        }
        System.out.println("broker pair test: live primary suspended until the gateway called it unreachable, then"
                + " resumed, after " + SUSPEND_AT + " uploads, " + h.ced.ledger().size() + " delivered to CED");
    }

    private static void pair(BrokerProcess self, String role, BrokerProcess peer, BrokerTlsFiles tls) {
        self.with("gateway.broker.ha.role", role)
                .with("gateway.broker.tls.keystore", tls.keystore.toString())
                .with("gateway.broker.ha.connector", "tcp://127.0.0.1:" + self.port() + "?" + tls.clientParams())
                .with("gateway.broker.ha.peer", "tcp://127.0.0.1:" + peer.port() + "?" + tls.clientParams());
    }
}
