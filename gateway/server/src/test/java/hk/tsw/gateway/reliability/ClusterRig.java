package hk.tsw.gateway.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.testsupport.AgencyStub;
import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.BrokerProcess;
import hk.tsw.gateway.testsupport.BrokerTlsFiles;
import hk.tsw.gateway.testsupport.GatewayProcess;
import hk.tsw.gateway.testsupport.Invariants;
import hk.tsw.gateway.testsupport.ProjectRoot;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.RunningGatewayFiles;
import hk.tsw.gateway.testsupport.TestDatabases;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * The cluster of {@link ClusterIT}, laid out as {@code config/cluster/start.sh} lays it out: an Artemis shared-store
 * primary/backup pair ({@code tsw-gateway.jar broker} twice on one journal folder, TLS), gateway JVMs {@code gw-1..}
 * with their own ports, the same {@code config/}, one fresh PostgreSQL schema, one SFTP host key (DEMO-ONLY, made
 * here), and data folders whose {@code payloads/}, {@code sftp/} and {@code agencies/} are symbolic links to one shared
 * folder. CED is one HTTP agency stub with an fsync'd ledger that every node delivers to; CSD is the shared folder.
 */
final class ClusterRig implements AutoCloseable {

    /** One gateway node: its name, ports and data folder, and its JVM (started, killed, stopped, started again). */
    record Node(String name, Path data, int http, int sftp, int as2, int soap, GatewayProcess process) {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(240);

    final Path dir;
    final Path config;
    final Path shared;
    final AgencyStub ced;
    final BrokerTlsFiles tls;
    final BrokerProcess primary;
    final BrokerProcess backup;
    final String dbUrl;
    final List<Node> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    ClusterRig(Path dir) throws Exception {
        this.dir = dir;
        this.ced = new AgencyStub(dir.resolve("ced-ledger.txt"));
        this.config = dir.resolve("config");
        RunningGatewayFiles.copyConfig(config, Map.of("CED", ced.url()));
        this.shared = dir.resolve("shared");
        this.tls = BrokerTlsFiles.generate(dir.resolve("tls"));
        Path journal = dir.resolve("broker"); // the pair's one journal folder
        this.primary = new BrokerProcess(config, journal);
        this.backup = new BrokerProcess(config, journal);
        pair(primary, "primary", backup);
        pair(backup, "backup", primary);
        this.dbUrl = TestDatabases.postgresUrl();
    }

    /** Starts the broker pair (primary live, backup waiting), then {@code count} nodes at once. */
    void start(int count) throws Exception {
        primary.start();
        await().atMost(PATIENCE).until(() -> primary.liveTimes(1));
        backup.start();
        assertFalse(backup.liveTimes(1), "the backup waits while the primary is live");
        Path hostKey = hostKey(dir.resolve("tls/sftp_host_ec-DEMO-ONLY"));
        String url = "(tcp://127.0.0.1:" + primary.port() + ",tcp://127.0.0.1:" + backup.port() + ")?ha=true"
                + "&reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=2&maxRetryInterval=2000"
                + "&callTimeout=10000&callFailoverTimeout=5000&consumerWindowSize=0&" + tls.clientParams();
        for (String folder : List.of("payloads", "sftp", "agencies")) {
            Files.createDirectories(shared.resolve(folder));
        }
        for (int i = 1; i <= count; i++) {
            String name = "gw-" + i;
            Path data = Files.createDirectories(dir.resolve(name));
            for (String folder : List.of("payloads", "sftp", "agencies")) {
                Files.createSymbolicLink(data.resolve(folder), shared.resolve(folder));
            }
            int httpPort = RunningGateway.freePort();
            int sftp = RunningGateway.freePort();
            int as2 = RunningGateway.freePort();
            int soap = RunningGateway.freePort();
            Map<String, String> s = new HashMap<>();
            s.put("gateway.mappings.dir", ProjectRoot.REPO.resolve("mappings").toString());
            s.put("gateway.xsd.dir", ProjectRoot.REPO.resolve("xsd").toString());
            s.put("gateway.dfdl.cache.dir", ProjectRoot.DFDL_CACHE.toString());
            s.put("gateway.secrets.file", "");
            s.put("gateway.node.name", name);
            s.put("gateway.sftp.port", String.valueOf(sftp));
            s.put("gateway.as2.port", String.valueOf(as2));
            s.put("gateway.soap.port", String.valueOf(soap));
            s.put("gateway.sftp.hostKey", hostKey.toString());
            s.put("gateway.sftp.settle.ms", "300");
            // a SIGTERMed node refuses with retryable answers for 3 s before its listeners close (the rolling restart)
            s.put("gateway.intake.drain.ms", "3000");
            s.put("gateway.broker.embedded", "false");
            s.put("gateway.broker.acceptor", "");
            s.put("gateway.broker.url", url);
            s.put("gateway.db.url", dbUrl);
            s.put("gateway.db.user", "postgres");
            s.put("gateway.db.password", "");
            s.put("gateway.singleton.retry.ms", "500");
            // the scenario is about nodes and brokers, not about how full the build machine's disk is
            s.put("gateway.disk.max.usage.percent", "99");
            s.put("gateway.intake.disk.headroom.percent", "1");
            s.put("gateway.delivery.redelivery.delay.ms", "200");
            nodes.add(new Node(name, data, httpPort, sftp, as2, soap, new GatewayProcess(config, data, httpPort, s)));
        }
        ExecutorService starting = Executors.newFixedThreadPool(count);
        try {
            List<Future<Object>> started = new ArrayList<>();
            for (Node n : nodes) {
                started.add(starting.submit(() -> {
                    n.process().start();
                    return null;
                }));
            }
            for (Future<Object> f : started) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            starting.shutdownNow();
        }
    }

    /** The invariants, asked of a node that is up (any node: they read the shared store, broker and folders). */
    Invariants.Counts invariants(java.util.Set<String> acknowledged) throws Exception {
        Node n = nodes.stream().filter(x -> x.process().alive()).findFirst().orElseThrow();
        return new Invariants(n.http()).check(ced, n.data(), acknowledged, java.util.Set.of(), 0);
    }

    /** The index of the node that says it holds a singleton whose name starts with {@code prefix}, or -1. */
    int holder(String prefix) {
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode s = singletons(nodes.get(i));
            if (s != null) {
                for (JsonNode h : s.get("here")) {
                    if (h.get("singleton").asText().startsWith(prefix) && h.get("held").asBoolean()) {
                        return i;
                    }
                }
            }
        }
        return -1;
    }

    private JsonNode singletons(Node n) {
        try {
            HttpResponse<String> r = http.send(ApiTokens.asOperator(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + n.http() + "/api/singletons"))).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? json.readTree(r.body()) : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Every singleton's {@code singleton_tenure} rows in start order: each closed (its stop written by the node, or by
     * the next holder for a killed one) no later than the next began. Returns singleton to rows, for the report.
     */
    Map<String, Integer> assertTenuresNeverOverlap() throws Exception {
        record Row(String node, Instant start, Instant stop) {
        }
        Map<String, List<Row>> rows = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(dbUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT singleton, node, started_at, stopped_at FROM singleton_tenure"
                     + " ORDER BY singleton, started_at, id")) {
            while (rs.next()) {
                Timestamp stop = rs.getTimestamp(4);
                rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Row(rs.getString(2),
                        rs.getTimestamp(3).toInstant(), stop == null ? null : stop.toInstant()));
            }
        }
        Map<String, Integer> counts = new java.util.TreeMap<>();
        rows.forEach((singleton, list) -> {
            for (int i = 0; i + 1 < list.size(); i++) {
                assertNotNull(list.get(i).stop(), singleton + " tenure left open before the next began: " + list);
                assertFalse(list.get(i).stop().isAfter(list.get(i + 1).start()), singleton + " tenures overlap: " + list);
            }
            counts.put(singleton, list.size());
        });
        return counts;
    }

    /** A DEMO-ONLY EC host key in OpenSSH format, the one file every node is given. */
    private static Path hostKey(Path file) throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "tsw cluster test DEMO-ONLY", null, out);
        }
        return file;
    }

    private void pair(BrokerProcess self, String role, BrokerProcess peer) {
        self.with("gateway.broker.ha.role", role)
                .with("gateway.broker.tls.keystore", tls.keystore.toString())
                .with("gateway.broker.ha.connector", "tcp://127.0.0.1:" + self.port() + "?" + tls.clientParams())
                .with("gateway.broker.ha.peer", "tcp://127.0.0.1:" + peer.port() + "?" + tls.clientParams());
    }

    @Override
    public void close() throws Exception {
        for (Node n : nodes) {
            n.process().close();
        }
        backup.close();
        primary.close();
        ced.close();
    }
}
