package hk.tsw.gateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway under test as its own JVM ({@code java -jar tsw-gateway.jar run}), with a GC log so its peak heap can
 * be read afterwards, and its CPU time from the operating system.
 */
final class GatewayChild implements AutoCloseable {

    private static final Pattern GC_PAUSE = Pattern.compile("Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern READY = Pattern.compile("TSW Gateway ready in (\\d+) ms");

    /** Extra JVM options for the gateway under test, e.g. a flight recording: -Dbench.gateway.jvmArgs="...". */
    static final String JVM_ARGS_PROPERTY = "bench.gateway.jvmArgs";
    /**
     * The collector the launcher starts the gateway with (docs/PERFORMANCE.md, "the gateway's garbage collector"); a
     * collector in {@value #JVM_ARGS_PROPERTY} or the part's own options replaces it, e.g. {@code -XX:+UseG1GC}.
     */
    static final String PARALLEL_GC = "-XX:+UseParallelGC";

    private final Path log;
    private final Path gcLog;
    private final int httpPort;
    private final Process process;
    private final long spawnedNanos;

    GatewayChild(Path config, Path data, int httpPort, String maxHeap, Map<String, String> settings) throws IOException {
        this(config, data, httpPort, maxHeap, settings, List.of());
    }

    /** @param jvmArgs more JVM options for this child, e.g. {@code -XX:SharedArchiveFile=...} */
    GatewayChild(Path config, Path data, int httpPort, String maxHeap, Map<String, String> settings,
                 List<String> jvmArgs) throws IOException {
        this(config, data, httpPort, maxHeap, settings, jvmArgs, null);
    }

    /**
     * @param launcherArchive when not null, the gateway is started as an operator starts it, by the launcher
     *                        {@code gateway/bin/tsw-gateway [JVM options] run ...}, with this
     *                        AppCDS archive ({@code TSW_CDS_ARCHIVE}); made beforehand, so the launcher only reuses it
     */
    GatewayChild(Path config, Path data, int httpPort, String maxHeap, Map<String, String> settings,
                 List<String> jvmArgs, Path launcherArchive) throws IOException {
        this.httpPort = httpPort;
        this.log = data.resolveSibling("gateway.log");
        this.gcLog = data.resolveSibling("gateway-gc.log");
        List<String> opts = new ArrayList<>(List.of("-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog));
        String extra = System.getProperty(JVM_ARGS_PROPERTY, "");
        if (!extra.isBlank()) {
            opts.addAll(List.of(extra.trim().split("\\s+")));
        }
        opts.addAll(jvmArgs);
        if (opts.stream().noneMatch(o -> o.matches("-XX:\\+Use\\w*GC"))) {
            opts.add(PARALLEL_GC); // what the launcher gateway/bin/tsw-gateway runs, unless the options choose a collector
        }
        settings.forEach((k, v) -> opts.add("-D" + k + "=" + v));
        opts.add("-Dgateway.http.port=" + httpPort);
        List<String> run = List.of("run", "--config", config.toString(), "--data", data.toString());
        ProcessBuilder pb;
        if (launcherArchive == null) {
            List<String> cmd = new ArrayList<>(List.of(ChildJava.java()));
            cmd.addAll(opts);
            cmd.addAll(List.of("-cp", ChildJava.gatewayJar().toString(), "hk.tsw.gateway.cli.GatewayCli"));
            cmd.addAll(run);
            pb = new ProcessBuilder(cmd);
        } else {
            // the launcher takes JVM options before the command
            List<String> cmd = new ArrayList<>(List.of("bash", ChildJava.launcher().toString()));
            cmd.addAll(opts);
            cmd.addAll(run);
            pb = new ProcessBuilder(cmd);
            pb.environment().put("JAVA", ChildJava.java());
            pb.environment().remove("JAVA_OPTS");
            pb.environment().put("TSW_GATEWAY_JAR", ChildJava.gatewayJar().toString());
            pb.environment().put("TSW_CDS_ARCHIVE", launcherArchive.toString());
            pb.environment().remove("TSW_CDS");
        }
        spawnedNanos = System.nanoTime();
        process = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for /observe/health/ready (open to anyone, status only) to say UP; returns the seconds from spawning the JVM. */
    double awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/observe/health/ready")).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(hk.tsw.gateway.testsupport.ExitReason.of("the gateway", process.exitValue(), log));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).body().startsWith("{\"status\":\"UP\"")) {
                    return (System.nanoTime() - spawnedNanos) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the gateway was not ready within " + timeout + "; see " + log);
    }

    /**
     * Waits for the gateway's own ready line, logged once every listener is open. {@code /observe/health} was seen to
     * answer UP some seconds before the AS2 listener was open (under load), so a part that posts at once waits for this.
     */
    void awaitListeners(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readyLogMillis() < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException(hk.tsw.gateway.testsupport.ExitReason.of("the gateway", process.exitValue(), log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no ready line from the gateway within " + timeout + "; see " + log);
            }
            Thread.sleep(50);
        }
    }

    /** The gateway's own start-up figure (its log line), in ms, or -1. */
    long readyLogMillis() throws IOException {
        Matcher m = READY.matcher(Files.readString(log));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Whether the gateway JVM is still running (one that ran out of heap ends: -XX:+ExitOnOutOfMemoryError). */
    boolean alive() {
        return process.isAlive();
    }

    /** CPU time (user + system) the gateway JVM has used so far, in seconds. */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    /**
     * CPU seconds of the child's JIT compiler threads ({@code C1/C2 CompilerThread*}), from
     * {@code /proc/<pid>/task/*}; -1 where there is no /proc. A run of a few minutes still spends a large share on
     * compiling, which a node running for days does not: the bench reports the CPU with and without it.
     */
    double compilerCpuSeconds() {
        Path tasks = Path.of("/proc", String.valueOf(process.pid()), "task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long ticks = 0;
        try (var dirs = Files.list(tasks)) {
            for (Path t : dirs.toList()) {
                try {
                    String comm = Files.readString(t.resolve("comm")).strip();
                    if (!comm.contains("CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readString(t.resolve("stat"));
                    // fields after the command name in parentheses: state is field 3, utime 14 and stime 15
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we read it
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /** The largest heap occupancy the GC log shows before a collection, in MB (-1 if no collection ran). */
    long peakHeapMb() throws IOException {
        long peak = -1;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_PAUSE.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                }
            }
        }
        return peak;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    /** The gateway's HTTP port (API, health). */
    int httpPort() {
        return httpPort;
    }
}
