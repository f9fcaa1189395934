package hk.tsw.gateway.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import hk.tsw.gateway.testsupport.InterchangeGenerator;

/**
 * Whether a 100 MB interchange (one UNB..UNZ of declarations) goes through the envelope scanner and the engine in a
 * JVM limited to 256 MB of heap: generated to disk, then streamed by {@link LargeInterchangeChild} in a child JVM
 * started with {@code -Xmx256m}. Then the same file through the running gateway ({@link LargePipelineBench}).
 */
final class LargeInterchangeBench {

    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    private LargeInterchangeBench() {
    }

    static void run(BenchOptions options, BenchReport report, java.util.function.Consumer<String> progress)
            throws Exception {
        long target = options.quick() ? 10L << 20 : 100L << 20;
        Path file = options.work().resolve("large-" + (target >> 20) + "mb.edi");
        Files.createDirectories(file.getParent());
        int messages;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            messages = new InterchangeGenerator(options.seed()).writeLarge(out, target);
        }
        List<String> cmd = new ArrayList<>(List.of(ChildJava.java(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-D" + hk.tsw.gateway.translate.mapping.DirectEdifactReader.FALLBACK_WARMUP_PROPERTY + "=lazy",
                "-cp", ChildJava.jar().toString(), "hk.tsw.gateway.bench.BenchCommand", "large-child",
                file.toString(), options.mappings().toString(), options.dfdlCache().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(options.work().resolve("large-child.log").toFile()).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        String line = output.lines().filter(l -> l.startsWith("large-result")).findFirst().orElse("large-result failed=no-output");
        report.add("large", "fileMb", Files.size(file) >> 20, "MB, " + messages + " messages in one interchange");
        report.add("large", "childMaxHeapMb", 256, "-Xmx256m");
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            report.add("large", m.group(1), m.group(2), "");
        }
        report.add("large", "passed", exit == 0, "all messages accepted within the heap limit");
        try {
            LargePipelineBench.run(options, report, progress, file, messages);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
