package hk.tsw.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code cds [--config DIR] [--out FILE]}: writes a class-data-sharing archive (AppCDS) of the classes the gateway
 * loads until it is ready, so that {@code java -XX:SharedArchiveFile=FILE -jar tsw-gateway.jar run} starts with
 * them already parsed and verified (measured: about a third less start-up CPU). It starts the gateway once, in
 * another JVM, on free loopback ports and a throw-away data folder, lists the classes it loads, stops it, and dumps
 * the archive. The archive belongs to this jar and this JVM: after a rebuild the JVM says it cannot use it and
 * starts without it; run {@code cds} again.
 *
 * <p>Two limits of JDK 17 shape it: a dynamic archive ({@code -XX:ArchiveClassesAtExit}) crashes the JVM while
 * dumping (SIGSEGV in {@code SystemDictionaryShared::adjust_lambda_proxy_class_dictionary}, 17.0.15), so the
 * archive is static, and the lambda-proxy lines of the class list, which trigger the same crash, are left out.
 * Classes of signed jars (Saxon-HE, BouncyCastle) are never archived by the JVM.
 */
final class CdsCommand {

    /** What {@code run} prints once every listener is open. */
    static final String RUNNING = "TSW Gateway running";
    static final long TRAINING_TIMEOUT_SECONDS = 300;

    private CdsCommand() {
    }

    static int run(Path config, Path out, PrintStream o, PrintStream err) {
        Path jar = jar();
        Path archive = out != null ? out : jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".jsa");
        if (!Files.isRegularFile(config.resolve("gateway.properties"))) {
            err.println("no gateway.properties in " + config.toAbsolutePath() + " (use --config DIR)");
            return 2;
        }
        if (!jar.toString().endsWith(".jar")) {
            err.println("cds works from the packaged jar (mvn -B -q -DskipTests package), not from " + jar);
            return 2;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("tsw-cds");
            Path classList = work.resolve("classes.lst");
            o.println("Starting the gateway once to list the classes it loads (log: " + work.resolve("training.log") + ")");
            train(jar, config, work, classList);
            Path filtered = work.resolve("classes-no-lambda-proxies.lst");
            long classes;
            try (Stream<String> lines = Files.lines(classList, StandardCharsets.UTF_8)) {
                List<String> kept = lines.filter(l -> !l.startsWith("@")).toList();
                Files.write(filtered, kept, StandardCharsets.UTF_8);
                classes = kept.stream().filter(l -> !l.startsWith("#")).count();
            }
            Files.deleteIfExists(archive);
            Process dump = new ProcessBuilder(java(), "-Xshare:dump", "-XX:SharedClassListFile=" + filtered,
                    "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("dump.log").toFile()).start();
            if (!dump.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS) || dump.exitValue() != 0 || !Files.isRegularFile(archive)) {
                dump.destroyForcibly();
                err.println("the archive could not be dumped; see " + work.resolve("dump.log"));
                return 2;
            }
            o.println("AppCDS archive " + archive + " (" + classes + " classes listed, " + Files.size(archive) / 1_048_576
                    + " MB). Start the gateway with it:");
            o.println("    java -XX:SharedArchiveFile=" + archive + " -jar " + jar + " run");
            deleteTree(work);
            return 0;
        } catch (IOException | IllegalStateException e) {
            err.println("cds: " + e.getMessage() + (work == null ? "" : " (work files in " + work + ")"));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    /** Runs the gateway with a class list until its ready line, then stops it (SIGTERM, as Ctrl-C does). */
    private static void train(Path jar, Path config, Path work, Path classList) throws IOException, InterruptedException {
        Path log = work.resolve("training.log");
        List<String> cmd = new ArrayList<>(List.of(java(), "-XX:+ExitOnOutOfMemoryError", "-XX:DumpLoadedClassList=" + classList,
                "-Dgateway.http.port=" + freePort(), "-Dgateway.sftp.port=" + freePort(),
                "-Dgateway.as2.port=" + freePort(), "-Dgateway.soap.port=" + freePort(), "-Dgateway.broker.acceptor=",
                "-cp", jar.toString(), GatewayCli.class.getName(), "run", "--config", config.toAbsolutePath().toString(),
                "--data", work.resolve("data").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // `cds` stopped meanwhile (the launcher gateway/bin/tsw-gateway stopped while it makes the archive) stops it too
        Thread stopTraining = new Thread(p::destroyForcibly, "cds-stop-training");
        Runtime.getRuntime().addShutdownHook(stopTraining);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRAINING_TIMEOUT_SECONDS);
            while (!Files.readString(log, StandardCharsets.UTF_8).contains(RUNNING)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the gateway exited with " + p.exitValue() + " before it was ready; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the gateway was not ready within " + TRAINING_TIMEOUT_SECONDS + " s; see " + log);
                }
                Thread.sleep(200);
            }
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gateway did not stop within 60 s of SIGTERM; see " + log);
            }
        } finally {
            p.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(stopTraining);
        }
        if (!Files.isRegularFile(classList) || Files.size(classList) == 0) {
            throw new IllegalStateException("the gateway wrote no class list; see " + log);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path jar() {
        try {
            return Path.of(CdsCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
