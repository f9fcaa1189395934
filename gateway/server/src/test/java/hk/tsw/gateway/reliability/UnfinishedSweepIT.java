package hk.tsw.gateway.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import hk.tsw.gateway.testsupport.GatewayLogsOnFailure;
import hk.tsw.gateway.testsupport.GatewayProcess;
import hk.tsw.gateway.testsupport.Invariants;
import hk.tsw.gateway.testsupport.ProcessHarness;
import hk.tsw.gateway.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway JVMs on one PostgreSQL schema and one payload folder (each with its own embedded broker and mailboxes,
 * as in SingletonFailoverIT). Node B
 * starts first and so runs the unfinished-work sweep. Node A records an upload and halts at once (the test-only switch
 * {@code received}: stored and recorded, never handed to a broker, never acknowledged), as a node killed there would.
 * The partner does not send again: B's sweep finds A's session gone, re-queues the interchange once, and it reaches
 * CED and CSD exactly once (the reliability invariants, on B). The grace period is ten minutes, so the re-queue is the
 * dead node's, not a late hand-off's.
 */
@ExtendWith(GatewayLogsOnFailure.class)
class UnfinishedSweepIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    @Test
    void a_dead_nodes_recorded_interchange_is_re_queued_by_the_other_and_delivered_once() throws Exception {
        String url = TestDatabases.postgresUrl();
        try (ProcessHarness a = new ProcessHarness(dir.resolve("a")); ProcessHarness b = new ProcessHarness(dir.resolve("b"))) {
            // payload files are node-local (docs/CLUSTER.md): the two nodes share one payload folder, as a cluster must
            Files.createDirectories(b.data.resolve("payloads"));
            Files.createDirectories(a.data);
            Files.createSymbolicLink(a.data.resolve("payloads"), b.data.resolve("payloads"));
            int bLog = GatewayProcess.LOGS.size();
            b.start(node(url, "node-b", Map.of()));
            a.start(node(url, "node-a", Map.of("gateway.faults.halt.at", "received", "gateway.faults.halt.after", "1")));
            String ref = "SWEEP1";
            // into A's inbox; A's poller records it and halts there, before the hand-off and before taking the file
            assertTrue(a.upload(ref + ".edi", ProcessHarness.declaration(ref)), "the upload reached node A's inbox");
            await().atMost(PATIENCE).until(() -> !a.gateway.alive());
            assertEquals(1, interchangesRecordedBy(url, "node-a"), "node A recorded it before it halted");

            Invariants.Counts counts = b.invariants().check(b.ced, b.data, Set.of("DOC-" + ref), Set.of(), 0);
            System.out.println("unfinished sweep: " + counts);
            assertEquals(1, interchangesRecordedBy(url, "node-a"), "node A recorded it, once");
            String log = Files.readString(GatewayProcess.LOGS.get(bLog), StandardCharsets.ISO_8859_1);
            assertEquals(1, log.split("recorded by node-a", -1).length - 1, "node B re-queued it once:\n" + log);
        }
    }

    private static Map<String, String> node(String url, String name, Map<String, String> extra) {
        Map<String, String> s = new java.util.HashMap<>(Map.of("gateway.db.url", url, "gateway.db.user", "postgres",
                "gateway.db.password", "", "gateway.node.name", name, "gateway.singleton.retry.ms", "500",
                "gateway.unfinished.sweep.ms", "500", "gateway.unfinished.grace.ms", "600000"));
        s.putAll(extra);
        return s;
    }

    private static int interchangesRecordedBy(String url, String node) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM interchange WHERE received_by = ?")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
