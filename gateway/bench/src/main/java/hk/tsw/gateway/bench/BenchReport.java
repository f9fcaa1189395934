package hk.tsw.gateway.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The figures of one bench run: printed as a table, written as JSON (same figures, same names). */
final class BenchReport {

    private record Row(String section, String metric, Object value, String unit) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> json = new LinkedHashMap<>();

    BenchReport(BenchOptions options) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("benchMaxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        json.put("startedAt", Instant.now().toString());
        json.put("quick", options.quick());
        json.put("seed", options.seed());
        json.put("machine", machine);
    }

    void add(String section, String metric, Object value, String unit) {
        rows.add(new Row(section, metric, value, unit));
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) json.computeIfAbsent(section, k -> new LinkedHashMap<>());
        s.put(metric, value);
    }

    /** A figure for the JSON only (a list or a nested object), not printed in the table. */
    void detail(String section, String metric, Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) json.computeIfAbsent(section, k -> new LinkedHashMap<>());
        s.put(metric, value);
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The p-th percentile (nearest rank) of sorted values. */
    static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    void print(PrintStream out) {
        out.printf("%-12s %-52s %14s  %s%n", "part", "figure", "value", "unit");
        for (Row r : rows) {
            Object v = r.value() instanceof Double d ? String.format("%.1f", d) : r.value();
            out.printf("%-12s %-52s %14s  %s%n", r.section(), r.metric(), v, r.unit());
        }
    }

    void write(Path file) throws IOException {
        json.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }
}
