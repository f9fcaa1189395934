package hk.tsw.gateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import hk.tsw.gateway.translate.mapping.TranslationEngine;
import hk.tsw.gateway.translate.mapping.TranslationResult;
import hk.tsw.gateway.testsupport.InterchangeGenerator;

/**
 * The engine's limit: envelope scan, segment table and element checks, the EDIFACT reader, the mapping stylesheet and
 * canonical schema validation, in-process, on generated interchanges, with 1 thread and with N. Each thread walks
 * the same inputs from its own offset; after a warm-up the measured window counts messages, wall time and the CPU
 * time of the worker threads (the CPU figure is the one to trust when other work shares the machine) and of the
 * whole process (workers, GC and JIT compiler; the workers' last message after the window adds a little).
 */
final class EngineBench {

    /** One measured configuration. */
    record Result(String reader, int threads, long messages, double seconds, double cpuSeconds, double avgBytes,
                  double processCpuSeconds) {
        double perSecond() {
            return messages / seconds;
        }

        double perCpuSecond() {
            return cpuSeconds == 0 ? 0 : messages / cpuSeconds;
        }

        /** Per CPU-second of the whole bench JVM in the window: the workers plus GC, the JIT compiler and the rest. */
        double perProcessCpuSecond() {
            return processCpuSeconds <= 0 ? 0 : messages / processCpuSeconds;
        }
    }

    private EngineBench() {
    }

    static Result run(String reader, TranslationEngine engine, List<InterchangeGenerator.Interchange> inputs,
                      int threads, double warmupSeconds, double measureSeconds) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * inputs.size() / threads;
                futures.add(pool.submit(() -> {
                    long count = 0;
                    long bytes = 0;
                    long cpuStart = -1;
                    for (int i = offset; !stop.get(); i++) {
                        if (cpuStart < 0 && measuring.get()) {
                            cpuStart = mx.getCurrentThreadCpuTime();
                        }
                        InterchangeGenerator.Interchange ic = inputs.get(i % inputs.size());
                        TranslationResult r = engine.translate(ic.fileName(), ic.content());
                        if (!r.allAccepted()) {
                            throw new IllegalStateException(ic.fileName() + " was rejected: " + r.errors());
                        }
                        if (cpuStart >= 0) {
                            count += r.documents().size();
                            bytes += ic.content().length;
                        }
                    }
                    long cpu = cpuStart < 0 ? 0 : mx.getCurrentThreadCpuTime() - cpuStart;
                    return new long[]{count, cpu, bytes};
                }));
            }
            Thread.sleep((long) (warmupSeconds * 1000));
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long process0 = os.getProcessCpuTime();
            measuring.set(true);
            long t0 = System.nanoTime();
            Thread.sleep((long) (measureSeconds * 1000));
            stop.set(true);
            long messages = 0;
            long cpu = 0;
            long bytes = 0;
            for (Future<long[]> f : futures) {
                long[] r = f.get();
                messages += r[0];
                cpu += r[1];
                bytes += r[2];
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double processCpu = (os.getProcessCpuTime() - process0) / 1e9;
            return new Result(reader, threads, messages, seconds, cpu / 1e9, messages == 0 ? 0 : (double) bytes / messages,
                    processCpu);
        } finally {
            pool.shutdownNow();
        }
    }
}
