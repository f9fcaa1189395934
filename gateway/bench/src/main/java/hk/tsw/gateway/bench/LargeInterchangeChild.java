package hk.tsw.gateway.bench;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.mapping.EngineSettings;
import hk.tsw.gateway.translate.mapping.TranslationEngine;
import hk.tsw.gateway.security.XmlLimits;

/**
 * The child JVM of the large-interchange bench ({@code bench large-child FILE MAPPINGS DFDL_CACHE}): streams the file
 * through the envelope scanner and the engine, message by message, keeping only counts, and prints one line with
 * the counts and the peak heap (sum of the heap pools' peaks).
 */
public final class LargeInterchangeChild {

    private LargeInterchangeChild() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3) {
            err.println("usage: bench large-child FILE MAPPINGS DFDL_CACHE");
            return 2;
        }
        Path file = Path.of(args[0]);
        EngineSettings settings = new EngineSettings(Path.of(args[1]), Path.of(args[2]), "Off", XmlLimits.defaults(),
                false, "direct");
        AtomicLong accepted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong outputBytes = new AtomicLong();
        long t0 = System.nanoTime();
        try (TranslationEngine engine = TranslationEngine.start(settings);
             InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            List<InterchangeSummary> summaries = engine.translateStreaming(file.getFileName().toString(), in, o -> {
                if (o.accepted()) {
                    accepted.incrementAndGet();
                    outputBytes.addAndGet(o.document().xml().length);
                } else {
                    rejected.incrementAndGet();
                }
            });
            boolean sound = summaries.size() == 1 && summaries.get(0).accepted();
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            out.printf("large-result bytes=%d messages=%d rejected=%d outputBytes=%d interchangeSound=%s"
                            + " seconds=%.1f peakHeapMb=%d maxHeapMb=%d%n", Files.size(file), accepted.get(),
                    rejected.get(), outputBytes.get(), sound, (System.nanoTime() - t0) / 1e9, peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            return rejected.get() == 0 && sound ? 0 : 1;
        } catch (Exception | OutOfMemoryError e) {
            out.println("large-result failed=" + e);
            return 1;
        }
    }
}
