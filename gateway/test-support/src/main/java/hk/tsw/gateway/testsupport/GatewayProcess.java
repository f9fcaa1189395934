package hk.tsw.gateway.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;


import static org.awaitility.Awaitility.await;

/**
 * The gateway as a separate JVM ({@code java -cp gateway/server/target/tsw-gateway.jar:<test-support> hk.tsw.gateway.cli.GatewayCli run}) that a test can SIGKILL
 * and start again on the same data folder. Output goes to {@code gateway/server/target/it-logs/gateway-<n>.log}, which
 * outlives the test's temporary folder: {@link GatewayLogsOnFailure} prints its tail when a test fails. A gateway
 * still running when the test JVM ends (a test that timed out) is killed by a shutdown hook, never left behind.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Path LOG_DIR = ProjectRoot.REPO.resolve("gateway/server/target/it-logs");
    private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE = new java.util.concurrent.atomic.AtomicInteger();
    /** Every log file written by a gateway this JVM started, in order. */
    public static final List<Path> LOGS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final Path config;
    private final Path data;
    private final Map<String, String> settings;
    private final int httpPort;
    private Process process;
    private Path log;
    private int starts;
    private List<String> jvmArgs = List.of("-Xmx512m");

    public GatewayProcess(Path config, Path data, int httpPort, Map<String, String> settings) {
        this.config = config;
        this.data = data;
        this.httpPort = httpPort;
        this.settings = settings;
    }

    /** JVM options instead of the default {@code -Xmx512m} (e.g. a smaller heap and a GC log); for the next starts. */
    public GatewayProcess jvmArgs(List<String> args) {
        this.jvmArgs = List.copyOf(args);
        return this;
    }

    public void start() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Dgateway.http.port=" + httpPort);
        // the product jar (its manifest brings lib/) and the halting fault points of the tests
        cmd.addAll(List.of("-cp", ProjectRoot.REPO.resolve("gateway/server/target/tsw-gateway.jar") + java.io.File.pathSeparator
                + FaultPointsOnClassPath.entry(), "hk.tsw.gateway.cli.GatewayCli", "run",
                "--config", config.toString(), "--data", data.toString()));
        java.nio.file.Files.createDirectories(LOG_DIR);
        starts++;
        log = LOG_DIR.resolve("gateway-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet()
                + ".log");
        LOGS.add(log);
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LIVE.add(process);
        System.out.println("gateway start " + starts + " on " + data + ": log " + log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(ExitReason.of("the gateway", process.exitValue(), log));
            }
            try {
                // health is UP once Camel runs; SFTP, AS2 and SOAP listeners start after it: "ready" is the log line
                return http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/observe/health")))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body().startsWith("{\"status\":\"UP\"")
                        && java.nio.file.Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("TSW Gateway ready");
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    /**
     * The live gateway's threads now ({@link ThreadDumps}), written beside its log as {@code <log>.threads-<n>.txt}:
     * taken when the gateway stops answering, so that a stall says where it is stuck. Null when the process is gone.
     */
    public Path threadDump(String why) {
        if (!alive()) {
            return null;
        }
        return ThreadDumps.take(process.pid(), log.resolveSibling(log.getFileName() + ".threads-"
                + (ThreadDumps.DUMPS.size() + 1) + ".txt"), "the gateway: " + why);
    }

    /** The log file of the current (or last) start. */
    public Path log() {
        return log;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public int httpPort() {
        return httpPort;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        LIVE.remove(process);
    }

    /** SIGTERM, as a supervisor stops it: waits at most 60 s and returns the exit status (0 after a clean stop). */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("the gateway did not stop within 60 s of SIGTERM");
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
        if (process != null) {
            LIVE.remove(process);
        }
    }
}
