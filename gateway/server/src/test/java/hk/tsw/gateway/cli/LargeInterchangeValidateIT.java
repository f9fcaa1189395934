package hk.tsw.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 11: {@code validate} of a 100 MiB interchange (about 89,000 import declarations) in a JVM of
 * 256 MB heap, and {@code translate} of a 20 MiB one in 128 MB, both on the streaming path. Before, {@code validate} read the
 * whole file and kept every document until the UNZ and ended with {@code internal error: OutOfMemoryError}. The file
 * is generated here, streamed to a temporary folder, from the demo declaration's UNH..UNT with fresh message
 * references and document numbers. A process test (its child JVM takes minutes on two cores), hence {@code *IT}.
 */
class LargeInterchangeValidateIT {

    private static final long HUNDRED_MIB = 100L * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void validate_of_a_100_mib_interchange_succeeds_in_256_mb_of_heap_and_reports_its_counts() throws Exception {
        Path edi = tmp.resolve("large.edi");
        int messages = write(edi, HUNDRED_MIB);
        assertTrue(Files.size(edi) >= HUNDRED_MIB, "generated " + Files.size(edi) + " bytes");
        Result r = cli("256m", "validate", edi.toString());
        assertEquals(0, r.status, r.tail());
        assertTrue(r.stdout.contains(edi + ": 1 interchange(s), " + messages + " message(s): " + messages
                + " accepted, 0 rejected"), r.tail());
        assertTrue(r.stdout.contains(edi + ": message " + messages + ": accepted IMPORT_DECLARATION"), r.tail());
        assertTrue(r.stderr.isBlank(), r.stderr);
    }

    @Test
    void translate_writes_each_document_as_it_is_produced_in_128_mb_of_heap() throws Exception {
        // 20 MiB in gives about 95 MB of canonical documents: held until the UNZ, as before, they do not fit in 128 MB
        Path edi = tmp.resolve("medium.edi");
        int messages = write(edi, 20L * 1024 * 1024);
        Path outDir = tmp.resolve("out");
        Result r = cli("128m", "translate", edi.toString(), "--out", outDir.toString());
        assertEquals(0, r.status, r.tail());
        assertTrue(r.stdout.contains(messages + " message(s): " + messages + " accepted, 0 rejected"), r.tail());
        try (var files = Files.list(outDir)) {
            assertEquals(messages, files.filter(p -> p.toString().endsWith(".xml")).count());
        }
        String last = Files.readString(outDir.resolve("LARGE0001-" + messages + ".xml"));
        assertTrue(last.contains("HKIMP" + String.format("%013d", messages)), "the last document is its own: " + last);
    }

    /**
     * The control of the test above: the same 20 MiB through the in-memory path (kept for {@code preflight}, which
     * shows whole answers; {@code validate} and {@code translate} took it before) does not fit in 128 MB.
     */
    @Test
    void control_the_same_file_read_whole_does_not_fit_in_128_mb() throws Exception {
        Path edi = tmp.resolve("medium.edi");
        write(edi, 20L * 1024 * 1024);
        Result r = cli("128m", "preflight", edi.toString());
        assertEquals(3, r.status, "ended by -XX:+ExitOnOutOfMemoryError: " + r.tail());
        assertTrue(r.stdout.contains("OutOfMemoryError"), r.tail());
    }

    /** Streams an interchange of at least {@code bytes} to {@code file}; returns its number of messages. */
    private static int write(Path file, long bytes) throws IOException {
        String sample = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"),
                StandardCharsets.ISO_8859_1);
        String head = sample.substring(0, sample.indexOf("UNH+")).replace("WH25031200017", "LARGE0001");
        String message = sample.substring(sample.indexOf("UNH+"), sample.indexOf("UNZ+"));
        int n = 0;
        long written;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
            out.write(h);
            written = h.length;
            while (written < bytes) {
                n++;
                byte[] m = message.replace("UNH+1+", "UNH+" + n + "+").replace("UNT+40+1'", "UNT+40+" + n + "'")
                        .replace("HKIMP2025031200017", "HKIMP" + String.format("%013d", n))
                        .getBytes(StandardCharsets.ISO_8859_1);
                out.write(m);
                written += m.length;
            }
            out.write(("UNZ+" + n + "+LARGE0001'").getBytes(StandardCharsets.ISO_8859_1));
        }
        return n;
    }

    private record Result(int status, String stdout, String stderr) {
        String tail() {
            String o = stdout.length() > 2000 ? stdout.substring(stdout.length() - 2000) : stdout;
            String e = stderr.length() > 4000 ? stderr.substring(0, 4000) : stderr;
            return "exit " + status + "\nstdout (tail): " + o + "\nstderr: " + e;
        }
    }

    /** The CLI of the packaged jar in a child JVM with a heap of {@code maxHeap} that ends on an OutOfMemoryError. */
    private Result cli(String maxHeap, String... args) throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("cache"));
        if (!Files.exists(data.resolve("cache/dfdl"))) {
            Files.createSymbolicLink(data.resolve("cache/dfdl"), TestEngine.DFDL_CACHE);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError", "-jar",
                TestEngine.REPO.resolve("gateway/server/target/tsw-gateway.jar").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--mappings", TestEngine.MAPPINGS.toString(), "--data", data.toString()));
        Path stdout = tmp.resolve("stdout.txt");
        Path stderr = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!p.waitFor(11, TimeUnit.MINUTES)) {
                throw new AssertionError("the CLI did not finish within 11 minutes: " + String.join(" ", cmd));
            }
        } finally {
            p.destroyForcibly();
        }
        // the engine logs its start on stderr; keep only the CLI's own lines (each names the file)
        String err = String.join("\n", Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith(args[1]) || l.contains("OutOfMemoryError") || l.contains("rror:")).toList());
        return new Result(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), err);
    }
}
