package hk.tsw.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import hk.tsw.gateway.testsupport.ProjectRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the launcher {@code gateway/bin/tsw-gateway} starts the JVM with the throughput collector
 * ({@code -XX:+UseParallelGC}, less CPU per message than G1: docs/PERFORMANCE.md), unless the operator's options choose
 * a collector themselves ({@code JAVA_OPTS} or leading arguments), which the JVM would otherwise refuse as two
 * collectors. Asked of the real JVM: {@code -XX:+PrintCommandLineFlags -version} as leading options, so it prints the
 * collector it runs with and ends before it runs the jar (an empty jar will do). Other commands than {@code run}
 * (validate, broker, ...) keep the JVM's own choice.
 */
class LauncherGcTest {

    private static final Path LAUNCHER = ProjectRoot.REPO.resolve("gateway/bin/tsw-gateway");

    @TempDir
    Path tmp;

    @Test
    void the_launcher_runs_the_parallel_collector_by_default() throws Exception {
        String flags = flags("", List.of());
        assertTrue(flags.contains("-XX:+UseParallelGC"), flags);
        assertFalse(flags.contains("-XX:+UseG1GC"), flags);
    }

    @Test
    void other_commands_keep_the_jvms_own_choice() throws Exception {
        assertFalse(flags("", List.of(), "validate").contains("UseParallelGC"));
    }

    @Test
    void a_collector_chosen_in_java_opts_or_before_the_command_is_the_one_the_jvm_runs() throws Exception {
        String g1 = flags("-Xmx256m -XX:+UseG1GC", List.of());
        assertTrue(g1.contains("-XX:+UseG1GC"), g1);
        assertFalse(g1.contains("UseParallelGC"), g1);

        String serial = flags("", List.of("-XX:+UseSerialGC"));
        assertTrue(serial.contains("-XX:+UseSerialGC"), serial);
        assertFalse(serial.contains("UseParallelGC"), serial);
    }

    /** The JVM's {@code -XX:+PrintCommandLineFlags} line when started by the launcher with these options. */
    private String flags(String javaOpts, List<String> leading) throws IOException, InterruptedException {
        return flags(javaOpts, leading, "run");
    }

    private String flags(String javaOpts, List<String> leading, String command) throws IOException, InterruptedException {
        Path jar = tmp.resolve("any.jar"); // the java launcher reads a jar's manifest even for -version
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        List<String> cmd = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        cmd.addAll(leading);
        cmd.addAll(List.of("-XX:+PrintCommandLineFlags", "-version", command));
        Path out = tmp.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("TSW_GATEWAY_JAR", jar.toString());
        pb.environment().put("TSW_CDS", "off");
        pb.environment().put("JAVA_OPTS", javaOpts);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM ended");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
