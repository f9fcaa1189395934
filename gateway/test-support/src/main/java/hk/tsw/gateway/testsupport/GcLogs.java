package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a child JVM's unified GC log ({@code -Xlog:gc:file=<path>}): the heap in use just before each collection is
 * the highest it reached since the one before, so their maximum is the run's peak heap, as the process tests and the
 * bench report it.
 */
public final class GcLogs {

    /** {@code 123M->45M(256M)}: in use before, after, and the heap's size. */
    private static final Pattern TRANSITION = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private GcLogs() {
    }

    /** The JVM options that write the GC log {@link #peakHeapMb} reads. */
    public static List<String> options(Path log) {
        return List.of("-Xlog:gc:file=" + log + "::filecount=0");
    }

    /** The highest heap in use before any collection in the log, in MiB; 0 when the log shows none. */
    public static long peakHeapMb(Path log) throws IOException {
        return peak(log, 1);
    }

    /**
     * The highest heap still in use after any collection, in MiB (what the run really needed at its fullest, as far
     * as the collections show; the peak before collections also counts garbage the collector had no reason to free).
     */
    public static long peakLiveMb(Path log) throws IOException {
        return peak(log, 3);
    }

    /** The maximum of the value at {@code group} (1: before, 3: after) of {@link #TRANSITION}, in MiB. */
    private static long peak(Path log, int group) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        long peak = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            Matcher m = TRANSITION.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, mib(Long.parseLong(m.group(group)), m.group(group + 1)));
            }
        }
        return peak;
    }

    private static long mib(long value, String unit) {
        return switch (unit) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }
}
