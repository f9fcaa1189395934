package hk.tsw.gateway.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.MessageStructures;
import hk.tsw.gateway.translate.mapping.DaffodilEdifactReader;
import hk.tsw.gateway.translate.mapping.DirectEdifactReader;
import hk.tsw.gateway.translate.mapping.EdifactMessageReader;
import hk.tsw.gateway.translate.mapping.EngineSettings;
import hk.tsw.gateway.translate.mapping.TranslationEngine;
import hk.tsw.gateway.security.SecureXml;
import hk.tsw.gateway.security.XmlLimits;
import net.sf.saxon.s9api.Processor;
import hk.tsw.gateway.testsupport.InterchangeGenerator;

/** Runs the parts of the benchmark that {@link BenchOptions} selects, one after another, and reports. */
public final class Bench {

    private final BenchOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final BenchReport report;
    private final List<String> failedParts = new java.util.ArrayList<>();

    public Bench(BenchOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.report = new BenchReport(options);
    }

    public int run() throws Exception {
        report.add("bench", "messageStore", options.postgres() == null ? "H2" : "PostgreSQL",
                options.postgres() == null ? "embedded H2 (the default), under each gateway's data folder"
                        : "a fresh schema per gateway in " + options.postgres().replaceAll("password=[^&]*", "password=***"));
        part("engine", this::engine);
        part("broker", () -> {
            progress("broker: Artemis persistent send+receive with the gateway's settings");
            BrokerBench.run(options, report);
        });
        part("e2e", () -> {
            progress("e2e: gateway in another process, SFTP uploads, agency stub on loopback");
            new EndToEndBench(options, report, this::progress).run();
        });
        part("as2", () -> {
            progress("as2: gateway in another process, signed+encrypted AS2 posts with signed sync MDNs, agency stub");
            new As2EndToEndBench(options, report, this::progress).run();
        });
        part("coldstart", () -> {
            progress("coldstart: " + ColdStartBench.STARTS + " starts without an AppCDS archive, " + ColdStartBench.STARTS
                    + " with it and " + ColdStartBench.STARTS + " by the launcher gateway/bin/tsw-gateway");
            new ColdStartBench(options, report, this::progress).run();
        });
        part("large", () -> {
            progress("large: 100 MB interchange in a child JVM with -Xmx256m, then over SFTP to a gateway with -Xmx256m");
            LargeInterchangeBench.run(options, report, this::progress);
        });
        part("scaling", () -> {
            progress("scaling: external broker and PostgreSQL, then " + options.scalingNodes() + " gateway nodes");
            new ScalingBench(options, report, this::progress).run();
        });
        report.print(out);
        report.write(options.out());
        out.println("JSON: " + options.out());
        return failedParts.isEmpty() ? 0 : 3;
    }

    private void engine() throws Exception {
        InterchangeGenerator generator = new InterchangeGenerator(options.seed());
        List<InterchangeGenerator.Interchange> inputs = generator.mixed(200, 1);
        int cores = Runtime.getRuntime().availableProcessors();
        readers(inputs, cores);
        for (String reader : List.of("direct", "daffodil")) {
            EngineSettings settings = new EngineSettings(options.mappings(), options.dfdlCache(), "Off",
                    XmlLimits.defaults(), false, reader);
            try (TranslationEngine engine = TranslationEngine.start(settings)) {
                for (int threads : cores > 1 ? List.of(1, cores) : List.of(1)) {
                    progress("engine: reader " + reader + ", " + threads + " thread(s)");
                    EngineBench.Result r = EngineBench.run(reader, engine, inputs, threads, options.warmupSeconds(),
                            options.measureSeconds());
                    String key = reader + "." + threads + "t";
                    report.add("engine", key + ".messagesPerSecond", BenchReport.round(r.perSecond()), "msg/s (wall)");
                    report.add("engine", key + ".messagesPerCpuSecond", BenchReport.round(r.perCpuSecond()),
                            "msg per CPU-s of the worker threads");
                    report.add("engine", key + ".messagesPerProcessCpuSecond", BenchReport.round(r.perProcessCpuSecond()),
                            "msg per CPU-s of the whole bench JVM in the window (workers, GC, JIT compiler)");
                }
                report.add("engine", reader + ".avgMessageBytes", Math.round(inputs.stream()
                        .mapToInt(i -> i.content().length).average().orElse(0)), "bytes (1 message per interchange)");
            }
        }
    }

    private interface Part {
        void run() throws Exception;
    }

    /**
     * Runs a part if selected, with the machine's load average (1 minute) before and after it in its section. A part
     * that fails is reported in its section ({@code failed}: what failed, the load then) and the run goes on to the
     * next part; the JSON is written and the exit code is 3.
     */
    private void part(String name, Part part) throws Exception {
        if (!options.parts().contains(name)) {
            return;
        }
        report.add(name, "loadAverageBefore", loadAverage(), "1-minute load average of the machine before this part");
        try {
            part.run();
        } catch (Exception | AssertionError e) {
            failedParts.add(name);
            String why = String.valueOf(e.getMessage() == null ? e : e.getMessage());
            report.add(name, "failed", why, "the part did not complete; its figures above, if any, are partial");
            progress(name + ": FAILED: " + why);
            org.slf4j.LoggerFactory.getLogger(Bench.class).debug("part {} failed", name, e);
        }
        report.add(name, "loadAverageAfter", loadAverage(), "the same after it (2 cores: above 2 the part shared them)");
    }

    static double loadAverage() {
        return BenchReport.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The reader step alone, both readers, on the same tokenised messages. */
    private void readers(List<InterchangeGenerator.Interchange> inputs, int cores) throws Exception {
        List<EdifactMessage> messages = ReaderBench.messages(inputs);
        Processor saxon = SecureXml.saxon();
        List<Map.Entry<String, String>> types = List.of(Map.entry("D96A", "CUSDEC"), Map.entry("D96A", "CUSCAR"));
        try (DaffodilEdifactReader daffodil = new DaffodilEdifactReader(types, options.dfdlCache(), "Off");
             DirectEdifactReader direct = new DirectEdifactReader(types, new MessageStructures(), daffodil)) {
            daffodil.warmUp();
            direct.warmUp();
            for (EdifactMessageReader reader : List.of(direct, daffodil)) {
                String name = reader == direct ? "direct" : "daffodil";
                for (int threads : cores > 1 ? List.of(1, cores) : List.of(1)) {
                    progress("reader only: " + name + ", " + threads + " thread(s)");
                    double[] r = ReaderBench.run(reader, saxon, messages, threads, options.warmupSeconds() / 2,
                            options.measureSeconds() / 2);
                    report.add("reader", name + "." + threads + "t.messagesPerSecond", BenchReport.round(r[0]), "msg/s (wall)");
                    report.add("reader", name + "." + threads + "t.messagesPerCpuSecond", BenchReport.round(r[1]),
                            "msg per CPU-s of the worker threads");
                }
            }
        }
    }

    void progress(String line) {
        err.println("[bench] " + line);
    }
}
