package hk.tsw.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the end-to-end parts (SFTP and AS2) share: a copy of the configuration whose agencies all point at an
 * {@link AgencyCounter} on loopback, and the gateway in its own JVM ({@link GatewayChild}, {@code -Xmx512m}, embedded
 * Artemis and H2, the shipped settings unless a part overrides one) with every listener on a free loopback port, so a
 * bench never collides with a gateway already running on this machine.
 *
 * @param config the copied configuration (the SFTP bench reads the demo partners' keys from it)
 */
record GatewayUnderTest(AgencyCounter agencies, GatewayChild process, Path config, int sftpPort, int as2Port,
                        BenchDatabase database) implements AutoCloseable {

    private static final String[] AGENCIES = {"AFCD", "CED", "CSD", "DH", "EPD", "FEHD", "MD", "OFCA", "TID"};
    private static final String MAX_HEAP = "512m";

    /** Copies the configuration under {@code dir}, starts the agency stub and spawns the gateway (not yet ready). */
    static GatewayUnderTest start(BenchOptions options, Path dir, Map<String, String> overrides) throws IOException {
        return start(options, dir, overrides, List.of());
    }

    /** As {@link #start(BenchOptions, Path, Map)}, with more JVM options for the gateway. */
    static GatewayUnderTest start(BenchOptions options, Path dir, Map<String, String> overrides, List<String> jvmArgs)
            throws IOException {
        return start(options, dir, overrides, jvmArgs, MAX_HEAP);
    }

    /** As above, with the gateway's heap limit ({@code 256m}) instead of {@value #MAX_HEAP}. */
    static GatewayUnderTest start(BenchOptions options, Path dir, Map<String, String> overrides, List<String> jvmArgs,
                                  String maxHeap) throws IOException {
        return start(options, dir, overrides, jvmArgs, maxHeap, null);
    }

    /** As above, started by the launcher {@code gateway/bin/tsw-gateway} with this AppCDS archive when not null. */
    static GatewayUnderTest start(BenchOptions options, Path dir, Map<String, String> overrides, List<String> jvmArgs,
                                  String maxHeap, Path launcherArchive) throws IOException {
        AgencyCounter agencies = new AgencyCounter();
        BenchDatabase database = null;
        try {
            Path config = copyConfig(options.config(), dir.resolve("config"), agencies);
            int sftpPort = freePort();
            int as2Port = freePort();
            Map<String, String> settings = new TreeMap<>(Map.of(
                    "gateway.mappings.dir", options.mappings().toString(),
                    "gateway.xsd.dir", options.xsd().toString(),
                    "gateway.dfdl.cache.dir", options.dfdlCache().toString(),
                    "gateway.secrets.file", "",
                    "gateway.broker.acceptor", "",
                    "gateway.sftp.port", String.valueOf(sftpPort),
                    "gateway.as2.port", String.valueOf(as2Port),
                    "gateway.soap.port", String.valueOf(freePort())));
            database = options.postgres() == null ? null : BenchDatabase.create(options.postgres(), dir);
            if (database != null) {
                settings.putAll(database.settings());
            }
            settings.putAll(overrides);
            GatewayChild process = new GatewayChild(config, dir.resolve("data"), freePort(), maxHeap, settings, jvmArgs,
                    launcherArchive);
            return new GatewayUnderTest(agencies, process, config, sftpPort, as2Port, database);
        } catch (IOException | RuntimeException e) {
            agencies.close();
            if (database != null) {
                database.close();
            }
            throw e;
        }
    }

    String maxHeap() {
        return "-Xmx" + MAX_HEAP;
    }

    /** Waits until the agency stub has seen {@code expected} distinct (document, agency) deliveries. */
    void awaitDeliveries(int expected, Duration timeout, String part, Consumer<String> progress)
            throws InterruptedException {
        agencies.await(expected, timeout, part, progress);
    }

    static Path copyConfig(Path from, Path to, AgencyCounter agencies) throws IOException {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String code : AGENCIES) {
            if (Files.exists(from.resolve("agencies/" + code + ".properties"))) {
                endpoints.put(code, agencies.url(code));
            }
        }
        hk.tsw.gateway.testsupport.RunningGatewayFiles.copyConfig(from, to, endpoints);
        return to;
    }

    static int freePort() throws IOException {
        return hk.tsw.gateway.testsupport.FreePorts.take();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.close();
        } finally {
            agencies.close();
            if (database != null) {
                database.close();
            }
        }
    }
}
