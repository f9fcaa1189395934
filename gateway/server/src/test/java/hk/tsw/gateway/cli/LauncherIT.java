package hk.tsw.gateway.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import hk.tsw.gateway.testsupport.ProjectRoot;
import hk.tsw.gateway.testsupport.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the launcher {@code gateway/bin/tsw-gateway}, run as an operator runs it, on the packaged jar. Its first
 * {@code run} makes the AppCDS archive with {@code cds} and says so; the second reuses it; an archive older than the
 * jar (what a rebuild leaves) is made again; each time the gateway reaches ready with the archive mapped into the very
 * process the launcher was (exec: the PID is the gateway's, SIGTERM stops it). When {@code cds} fails the launcher
 * says why and starts the JVM without an archive. A process test (each {@code cds} starts a gateway), hence
 * {@code *IT}.
 */
class LauncherIT {

    private static final Path LAUNCHER = ProjectRoot.REPO.resolve("gateway/bin/tsw-gateway");
    private static final Path JAR = ProjectRoot.REPO.resolve("gateway/server/target/tsw-gateway.jar");
    private static final String MAKING = "making the AppCDS archive";

    @TempDir
    Path tmp;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Test
    void the_first_run_makes_the_archive_the_next_reuses_it_and_a_newer_jar_makes_it_again() throws Exception {
        Path archive = tmp.resolve("cds/tsw-gateway.jsa");

        Start first = start(archive, "first");
        assertEquals(1, occurrences(first.stderr(), MAKING), "the first start says once that it makes the archive:\n"
                + first.stderr());
        assertTrue(Files.size(archive) > 0, "an archive was written");
        assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(JAR)) > 0);
        FileTime made = Files.getLastModifiedTime(archive);
        first.assertReadyWithArchiveThenStops(archive);

        Start second = start(archive, "second");
        assertFalse(second.stderr().contains(MAKING), "the second start reuses the archive:\n" + second.stderr());
        assertEquals(made, Files.getLastModifiedTime(archive), "the archive was not written again");
        second.assertReadyWithArchiveThenStops(archive);

        // what a rebuild leaves: a jar newer than the archive
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(JAR).toMillis() - 3_600_000));
        Start third = start(archive, "third");
        assertEquals(1, occurrences(third.stderr(), MAKING), "an archive older than the jar is made again:\n"
                + third.stderr());
        assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(JAR)) > 0);
        third.assertReadyWithArchiveThenStops(archive);
        try (var left = Files.list(archive.getParent())) {
            assertEquals(List.of("tsw-gateway.jsa", "tsw-gateway.jsa.lock", "tsw-gateway.jsa.log"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary archive left behind");
        }
    }

    @Test
    void when_cds_fails_the_launcher_says_why_and_runs_the_jvm_without_an_archive() throws Exception {
        // a configuration folder without gateway.properties: `cds` refuses it at once, and so does `run`
        Path archive = tmp.resolve("cds/tsw-gateway.jsa");
        Path noConfig = Files.createDirectories(tmp.resolve("empty-config"));
        process = launcher(archive, "", "run", "--config", noConfig.toString(), "--data", tmp.resolve("data").toString());
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the launcher ended");
        String stderr = Files.readString(tmp.resolve("launcher.err"), StandardCharsets.UTF_8);
        assertTrue(stderr.contains("starting without an AppCDS archive: `cds` ended with status 2"), stderr);
        assertFalse(Files.exists(archive), "no archive");
        String out = Files.readString(tmp.resolve("launcher.out"), StandardCharsets.UTF_8) + stderr;
        assertNotEquals(0, process.exitValue(), "the gateway's own refusal of the configuration is its status: " + out);
    }

    private Start start(Path archive, String name) throws Exception {
        int http = RunningGateway.freePort();
        String javaOpts = String.join(" ", "-Xmx512m", "-Dgateway.http.port=" + http,
                "-Dgateway.sftp.port=" + RunningGateway.freePort(), "-Dgateway.as2.port=" + RunningGateway.freePort(),
                "-Dgateway.soap.port=" + RunningGateway.freePort(), "-Dgateway.broker.acceptor=",
                "-Dgateway.secrets.file=", "-Dgateway.dfdl.cache.dir=" + ProjectRoot.DFDL_CACHE);
        process = launcher(archive, javaOpts, "run", "--config", ProjectRoot.REPO.resolve("config").toString(),
                "--data", tmp.resolve("data-" + name).toString());
        long pid = process.pid();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/observe/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        // cds (a training start and the dump) and then the start itself, on two busy cores
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the launcher ended with " + process.exitValue() + ":\n" + stderr());
            }
            try {
                return client.send(ready, HttpResponse.BodyHandlers.ofString()).body().startsWith("{\"status\":\"UP\"");
            } catch (IOException e) {
                return false;
            }
        });
        return new Start(pid, stderr());
    }

    private Process launcher(Path archive, String javaOpts, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ProjectRoot.REPO.toFile())
                .redirectOutput(tmp.resolve("launcher.out").toFile()).redirectError(tmp.resolve("launcher.err").toFile());
        pb.environment().put("TSW_CDS_ARCHIVE", archive.toString());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("JAVA_OPTS", javaOpts);
        pb.environment().remove("TSW_CDS");
        pb.environment().remove("TSW_GATEWAY_JAR");
        return pb.start();
    }

    private String stderr() throws IOException {
        return Files.readString(tmp.resolve("launcher.err"), StandardCharsets.UTF_8);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private final class Start {
        private final long pid;
        private final String stderr;

        Start(long pid, String stderr) {
            this.pid = pid;
            this.stderr = stderr;
        }

        String stderr() {
            return stderr;
        }

        /** The launcher's PID is now the gateway's JVM, with the archive mapped; SIGTERM to it stops the gateway. */
        void assertReadyWithArchiveThenStops(Path archive) throws Exception {
            String command = ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("");
            assertTrue(command.endsWith("/java"), "the launcher replaced itself with the JVM (exec): " + command);
            String maps = Files.readString(Path.of("/proc", String.valueOf(pid), "maps"), StandardCharsets.ISO_8859_1);
            assertTrue(maps.contains(archive.toString()), "the JVM mapped the archive " + archive);
            process.destroy();
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), "SIGTERM to the launcher's PID stopped the gateway");
            assertEquals(0, process.exitValue(), "a clean stop");
        }
    }
}
