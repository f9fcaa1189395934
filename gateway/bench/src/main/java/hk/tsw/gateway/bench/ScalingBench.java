package hk.tsw.gateway.bench;

import static hk.tsw.gateway.testsupport.InterchangeGenerator.deliveries;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import hk.tsw.gateway.testsupport.InterchangeGenerator;

/**
 * Scaling: for each node count (1, 2, 3 by default) a fresh cluster on this machine, the way docs/CLUSTER.md runs one
 * but smaller: <b>one</b> external broker (the gateway's {@code broker} command, plain TCP on loopback; a single
 * broker carries the same traffic as the primary of a pair, whose backup only waits), a fresh PostgreSQL schema, N
 * gateway nodes with one SFTP host key and one shared folder for mailboxes and payloads (symbolic links, as
 * {@code config/cluster/start.sh}). SFTP uploads are spread over the nodes (file i to node i mod N; the mailbox
 * poller is one node's, translation and delivery run on every node's consumers). Reports per node count messages per
 * second (first upload to last delivery) and CPU-ms per message of the nodes, the broker and the machine.
 */
final class ScalingBench {

    private static final String PART = "scaling";
    private static final int IDLE_SECONDS = 10;
    private static final String DEFAULT_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final BenchOptions options;
    private final BenchReport report;
    private final Consumer<String> progress;

    ScalingBench(BenchOptions options, BenchReport report, Consumer<String> progress) {
        this.options = options;
        this.report = report;
        this.progress = progress;
    }

    void run() throws Exception {
        String postgres = options.postgres() != null ? options.postgres() : DEFAULT_POSTGRES;
        report.add(PART, "setup", "1 broker + PostgreSQL + N nodes", "external broker (single, loopback), fresh"
                + " schema per node count in " + postgres.replaceAll("password=[^&]*", "password=***"));
        Path root = options.work().resolve("scaling-" + System.currentTimeMillis());
        for (int nodes : options.scalingNodes()) {
            String key = "nodes" + nodes + ".";
            report.add(PART, key + "loadAverageBefore", Bench.loadAverage(), "1-minute load average before");
            step(nodes, key, root.resolve("nodes" + nodes), postgres);
            report.add(PART, key + "loadAverageAfter", Bench.loadAverage(), "1-minute load average after");
        }
    }

    private void step(int nodes, String key, Path dir, String postgres) throws Exception {
        InterchangeGenerator generator = new InterchangeGenerator(options.seed() + 10 + nodes);
        // the same warm-up per node, so that each node's JIT has seen as much traffic whatever the node count
        List<InterchangeGenerator.Interchange> warmup = generator.mixed(nodes * Math.max(20, options.scalingFiles() / 3),
                options.messagesPerFile());
        List<InterchangeGenerator.Interchange> files = generator.mixed(options.scalingFiles(),
                options.messagesPerFile());
        Duration timeout = Duration.ofMinutes(options.quick() ? 10 : 30);
        List<GatewayChild> gateways = new ArrayList<>();
        try (AgencyCounter agencies = new AgencyCounter();
             BenchDatabase database = BenchDatabase.create(postgres, dir);
             BrokerChild broker = BrokerChild.start(dir.resolve("broker"), options.config())) {
            Path config = GatewayUnderTest.copyConfig(options.config(), dir.resolve("config"), agencies);
            Path hostKey = hostKey(dir.resolve("sftp_host_ecdsa"));
            List<Integer> sftpPorts = new ArrayList<>();
            try {
                progress.accept(PART + ": " + nodes + " node(s) starting on broker port " + broker.port());
                for (int i = 1; i <= nodes; i++) {
                    int sftpPort = GatewayUnderTest.freePort();
                    sftpPorts.add(sftpPort);
                    gateways.add(node(i, dir, config, sftpPort, hostKey, broker.port(), database));
                    if (i == 1) {
                        gateways.get(0).awaitReady(Duration.ofSeconds(300)); // the schema is migrated once, by node 1
                    }
                }
                for (GatewayChild g : gateways) {
                    g.awaitReady(Duration.ofSeconds(300));
                    g.awaitListeners(Duration.ofSeconds(120));
                }
                progress.accept(PART + ": " + nodes + " node(s) ready; warming up with " + warmup.size() + " files");
                HalfRate.uploadOpenLoop(warmup, 1e6, config, sftpPorts, new long[1], options.sftp().timeout());
                int expected = deliveries(warmup);
                agencies.await(expected, timeout, PART, progress);
                idle(key, nodes, gateways, broker);
                double cpu0 = cpu(gateways);
                double jit0 = jit(gateways);
                double broker0 = broker.cpuSeconds();
                double machine0 = MachineCpu.busySeconds();
                int messages = files.stream().mapToInt(f -> f.documentRefs().size()).sum();
                progress.accept(PART + ": " + nodes + " node(s): uploading " + files.size() + " files, " + messages
                        + " messages, spread over the nodes");
                long start = System.nanoTime() + HalfRate.START_DELAY_NANOS;
                HalfRate.uploadOpenLoop(files, 1e6, config, sftpPorts, new long[1], options.sftp().timeout()); // as fast as the sessions go
                expected += deliveries(files);
                agencies.await(expected, timeout, PART, progress);
                long end = files.stream().flatMap(f -> f.documentRefs().stream()).mapToLong(agencies::lastDelivery)
                        .max().orElseThrow();
                double seconds = (end - start) / 1e9;
                double cpu = cpu(gateways) - cpu0;
                double jit = jit(gateways) - jit0;
                double brokerCpu = broker.cpuSeconds() - broker0;
                double machine = MachineCpu.busySeconds() - machine0;
                report.add(PART, key + "messages", messages, files.size() + " SFTP files of " + options.messagesPerFile()
                        + ", after a warm-up of " + warmup.size() + " files");
                report.add(PART, key + "deliveries", agencies.distinctDeliveries(), "distinct (document, agency), all of "
                        + expected + " (warm-up included); " + (agencies.allDeliveries() - agencies.distinctDeliveries())
                        + " repeats");
                report.add(PART, key + "messagesPerSecond", BenchReport.round(messages / seconds),
                        "msg/s, first upload to last delivery (wall clock: noisy on shared cores)");
                report.add(PART, key + "gatewayCpuMsPerMessage", BenchReport.round(cpu * 1000 / messages),
                        "CPU-ms per message, all " + nodes + " gateway JVMs together");
                report.add(PART, key + "gatewayCpuMsPerMessageWithoutJit", BenchReport.round((cpu - jit) * 1000
                        / messages), "the same, JIT compiler threads left out (each node compiles on its own)");
                report.add(PART, key + "brokerCpuMsPerMessage", BenchReport.round(brokerCpu * 1000 / messages),
                        "CPU-ms per message of the broker JVM");
                report.add(PART, key + "machineCpuMsPerMessage", BenchReport.round(machine * 1000 / messages),
                        "CPU-ms per message of the whole machine (nodes, broker, PostgreSQL, bench, other work)");
                List<Long> heaps = new ArrayList<>();
                for (GatewayChild g : gateways) {
                    heaps.add(g.peakHeapMb());
                }
                report.detail(PART, key + "peakHeapMbPerNode", heaps);
            } finally {
                for (GatewayChild g : gateways) {
                    g.close();
                }
            }
        }
    }

    /**
     * What the nodes and the broker cost with no traffic (timers, the singletons' lock checks, broker pings, the JIT
     * finishing the warm-up's work), over {@value #IDLE_SECONDS} s: a cost per node per second, not per message.
     */
    private void idle(String key, int nodes, List<GatewayChild> gateways, BrokerChild broker) throws InterruptedException {
        double cpu0 = cpu(gateways);
        double jit0 = jit(gateways);
        double broker0 = broker.cpuSeconds();
        long t0 = System.nanoTime();
        Thread.sleep(IDLE_SECONDS * 1000L);
        double seconds = (System.nanoTime() - t0) / 1e9;
        report.add(PART, key + "idleCpuMsPerSecondPerNode", BenchReport.round((cpu(gateways) - cpu0) * 1000 / seconds
                / nodes), "CPU-ms per second per node with no traffic, over " + IDLE_SECONDS + " s after the warm-up");
        report.add(PART, key + "idleJitCpuMsPerSecondPerNode", BenchReport.round((jit(gateways) - jit0) * 1000 / seconds
                / nodes), "of which in the JIT compiler threads");
        report.add(PART, key + "idleBrokerCpuMsPerSecond", BenchReport.round((broker.cpuSeconds() - broker0) * 1000
                / seconds), "CPU-ms per second of the broker with no traffic");
    }

    private GatewayChild node(int i, Path dir, Path config, int sftpPort, Path hostKey, int brokerPort,
                              BenchDatabase database) throws Exception {
        Path data = dir.resolve("node-" + i + "/data");
        Files.createDirectories(data);
        for (String shared : List.of("payloads", "sftp", "agencies")) {
            Path target = Files.createDirectories(dir.resolve("shared/" + shared));
            Files.createSymbolicLink(data.resolve(shared), target);
        }
        Map<String, String> s = new TreeMap<>(database.settings());
        s.put("gateway.node.name", "bench-" + i);
        s.put("gateway.mappings.dir", options.mappings().toString());
        s.put("gateway.xsd.dir", options.xsd().toString());
        s.put("gateway.dfdl.cache.dir", options.dfdlCache().toString());
        s.put("gateway.secrets.file", "");
        s.put("gateway.broker.embedded", "false");
        s.put("gateway.broker.acceptor", "");
        s.put("gateway.broker.url", "tcp://127.0.0.1:" + brokerPort + "?consumerWindowSize=0");
        s.put("gateway.sftp.port", String.valueOf(sftpPort));
        s.put("gateway.sftp.hostKey", hostKey.toString());
        s.put("gateway.sftp.settle.ms", "200");
        s.put("gateway.as2.port", String.valueOf(GatewayUnderTest.freePort()));
        s.put("gateway.soap.port", String.valueOf(GatewayUnderTest.freePort()));
        s.put(hk.tsw.gateway.translate.mapping.DirectEdifactReader.FALLBACK_WARMUP_PROPERTY, "lazy");
        return new GatewayChild(config, data, GatewayUnderTest.freePort(), "512m", s);
    }

    /** One SFTP host key for every node (OpenSSH format, as an operator's secrets would hold it). */
    private static Path hostKey(Path file) throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "tsw bench", null, out);
        }
        return file;
    }

    private static double cpu(List<GatewayChild> gateways) {
        return gateways.stream().mapToDouble(GatewayChild::cpuSeconds).sum();
    }

    private static double jit(List<GatewayChild> gateways) {
        return gateways.stream().mapToDouble(GatewayChild::compilerCpuSeconds).sum();
    }
}
