package hk.tsw.gateway.testsupport;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;


import static org.awaitility.Awaitility.await;

/**
 * The gateway's broker as a separate JVM ({@code java -jar gateway/server/target/tsw-gateway.jar broker}) on a loopback
 * port and its own data folder, for external-broker scenarios: SIGKILL-able and started again on the same journal.
 * Its log goes next to the gateways' ({@code gateway/server/target/it-logs/broker-<n>.log}) and is printed with theirs by
 * {@link GatewayLogsOnFailure}. A broker still running when the test JVM ends is killed by a shutdown hook.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Path LOG_DIR = ProjectRoot.REPO.resolve("gateway/server/target/it-logs");
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final Path config;
    private final Path data;
    private final int port;
    private final java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
    private Process process;
    private Path log;
    private int starts;

    public BrokerProcess(Path config, Path data) throws java.io.IOException {
        this.config = config;
        this.data = data;
        this.port = RunningGateway.freePort();
    }

    /** Adds a setting ({@code -Dkey=value}) for every later start, e.g. the broker's role in a pair. */
    public BrokerProcess with(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** The loopback port of the broker's acceptor. */
    public int port() {
        return port;
    }

    /** Whether this start of the broker has said it is the live broker ({@code TSW broker live}) at least n times. */
    public boolean liveTimes(int n) throws java.io.IOException {
        String text = log == null ? "" : Files.readString(log, StandardCharsets.ISO_8859_1);
        return text.split("TSW broker live", -1).length - 1 >= n;
    }

    /** The URL a gateway connects with: reconnects for ever, every blocking call bounded (see gateway.properties). */
    public String url() {
        return "tcp://127.0.0.1:" + port + "?reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=2"
                + "&maxRetryInterval=2000&callTimeout=10000&callFailoverTimeout=5000&consumerWindowSize=0";
    }

    /** Starts (or starts again, on the same journal) and waits at most 90 s for the broker's ready line. */
    public void start() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-Dgateway.broker.acceptor=tcp://127.0.0.1:" + port);
        cmd.add("-Dgateway.secrets.file=");
        // as for the gateways (ProcessHarness): a broker blocking producers because the build machine's disk is 90 %
        // full is not what these scenarios test
        cmd.add("-Dgateway.disk.max.usage.percent=99");
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-jar", ProjectRoot.REPO.resolve("gateway/server/target/tsw-gateway.jar").toString(), "broker",
                "--config", config.toString(), "--data", data.toString()));
        Files.createDirectories(LOG_DIR);
        starts++;
        File log = LOG_DIR.resolve("broker-" + ProcessHandle.current().pid() + "-" + port + "-" + starts + ".log").toFile();
        GatewayProcess.LOGS.add(log.toPath());
        this.log = log.toPath();
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        LIVE.add(process);
        System.out.println("broker start " + starts + " on port " + port + ": log " + log);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(ExitReason.of("the broker", process.exitValue(), log.toPath()));
            }
            return Files.readString(log.toPath(), StandardCharsets.ISO_8859_1).contains("TSW broker ready");
        });
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the journal is left as the kernel had it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        LIVE.remove(process);
    }

    /**
     * SIGSTOP: the broker answers nothing, its sockets stay open and its journal lock held, as in a long GC pause or a
     * stalled virtual machine; {@link #resume()} lets it go on.
     */
    public void suspend() throws Exception {
        signal("STOP");
    }

    /** SIGCONT after {@link #suspend()}. */
    public void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM, as a supervisor stops it: waits at most 60 s and returns the exit status (0 after a clean stop). */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("the broker did not stop within 60 s of SIGTERM");
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
        if (process != null) {
            LIVE.remove(process);
        }
    }
}
