package hk.tsw.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Cold start to ready, with and without an AppCDS archive, and as the launcher {@code gateway/bin/tsw-gateway}
 * starts it (with the archive, made before the clock starts: {@code coldStart.spawnToHealthUpSeconds}): the gateway
 * is started {@link #STARTS} times each way
 * in its own JVM (copied configuration, warm DFDL cache, a fresh data folder every time) and the best and the
 * median of JVM spawn to {@code /observe/health} UP, and the CPU spent by then, are reported. The archive is made by
 * the jar's own {@code cds} command, exactly as an operator would make it.
 */
final class ColdStartBench {

    static final int STARTS = 3;

    private final BenchOptions options;
    private final BenchReport report;
    private final Consumer<String> progress;

    ColdStartBench(BenchOptions options, BenchReport report, Consumer<String> progress) {
        this.options = options;
        this.report = report;
        this.progress = progress;
    }

    void run() throws Exception {
        Path dir = options.work().resolve("coldstart-" + System.currentTimeMillis());
        Files.createDirectories(dir);
        measure("plain", dir, List.of(), null);
        Path archive = dir.resolve("tsw-gateway.jsa");
        progress.accept("coldstart: writing an AppCDS archive with `cds` (starts the gateway once)");
        Process cds = new ProcessBuilder(ChildJava.java(), "-jar", ChildJava.gatewayJar().toString(), "cds",
                "--config", options.config().toAbsolutePath().toString(), "--out", archive.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("cds.log").toFile()).start();
        if (!cds.waitFor(10, TimeUnit.MINUTES) || cds.exitValue() != 0 || !Files.isRegularFile(archive)) {
            cds.destroyForcibly();
            report.add("coldStart", "appCds", "failed", "see " + dir.resolve("cds.log"));
            return;
        }
        measure("appCds", dir, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on"), null);
        // as the README starts it: the launcher, which finds the archive of this jar already made and reuses it
        double[] launcher = measure("launcher", dir, List.of(), archive);
        report.add("coldStart", "spawnToHealthUpSeconds", BenchReport.round(launcher[0] * 10) / 10,
                "s, median, JVM spawn to /observe/health/ready UP as gateway/bin/tsw-gateway starts it (AppCDS archive"
                        + " made before the clock starts); without the archive: plainSpawnToUpMedianSeconds");
        report.add("coldStart", "cpuSecondsToReady", BenchReport.round(launcher[1]), "CPU-s, median, the same starts");
    }

    /** Starts the gateway {@link #STARTS} times; returns the median seconds to ready and the median CPU-s by then. */
    private double[] measure(String label, Path dir, List<String> jvmArgs, Path launcherArchive) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 1; i <= STARTS; i++) {
            progress.accept("coldstart: " + label + " start " + i + " of " + STARTS);
            try (GatewayUnderTest gut = GatewayUnderTest.start(options, dir.resolve(label + "-" + i), Map.of(), jvmArgs,
                    "512m", launcherArchive)) {
                seconds.add(gut.process().awaitReady(Duration.ofSeconds(180)));
                cpu.add(gut.process().cpuSeconds());
            }
        }
        seconds.sort(null);
        cpu.sort(null);
        String how = switch (label) {
            case "plain" -> "java -jar, no archive";
            case "launcher" -> "gateway/bin/tsw-gateway, reusing the archive made by `cds`";
            default -> "java -XX:SharedArchiveFile (made by `cds`) -Xshare:on";
        };
        report.add("coldStart", label + "SpawnToUpBestSeconds", BenchReport.round(seconds.get(0) * 10) / 10,
                "s, best of " + STARTS + ", JVM spawn to /observe/health/ready UP, " + how);
        report.add("coldStart", label + "SpawnToUpMedianSeconds", BenchReport.round(seconds.get(STARTS / 2) * 10) / 10,
                "s, median of " + STARTS);
        report.add("coldStart", label + "CpuSecondsToReadyMedian", BenchReport.round(cpu.get(STARTS / 2)),
                "CPU-s of the gateway JVM by then, median");
        return new double[]{seconds.get(STARTS / 2), cpu.get(STARTS / 2)};
    }
}
