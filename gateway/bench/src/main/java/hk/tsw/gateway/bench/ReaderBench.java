package hk.tsw.gateway.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.EnvelopeScanner;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.mapping.EdifactMessageReader;
import net.sf.saxon.s9api.Processor;
import hk.tsw.gateway.testsupport.InterchangeGenerator;

/**
 * The EDIFACT reader alone (message to the tree the mappings read), on messages the envelope scanner has already
 * tokenised: isolates the step the direct reader replaces. Same messages for both readers; 1 thread and N.
 */
final class ReaderBench {

    private ReaderBench() {
    }

    static List<EdifactMessage> messages(List<InterchangeGenerator.Interchange> inputs) throws IOException {
        List<EdifactMessage> out = new ArrayList<>();
        for (InterchangeGenerator.Interchange ic : inputs) {
            new EnvelopeScanner(false).scan(new ByteArrayInputStream(ic.content()), new EnvelopeScanner.Listener() {
                @Override
                public void message(EdifactMessage m) {
                    out.add(m);
                }

                @Override
                public void interchangeEnded(InterchangeSummary summary) {
                }
            });
        }
        return out;
    }

    /** Returns {messages per wall second, messages per CPU second}. */
    static double[] run(EdifactMessageReader reader, Processor saxon, List<EdifactMessage> messages, int threads,
                        double warmupSeconds, double measureSeconds) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * messages.size() / threads;
                futures.add(pool.submit(() -> {
                    long count = 0;
                    long cpuStart = -1;
                    for (int i = offset; !stop.get(); i++) {
                        if (cpuStart < 0 && measuring.get()) {
                            cpuStart = mx.getCurrentThreadCpuTime();
                        }
                        reader.read(messages.get(i % messages.size()), saxon);
                        if (cpuStart >= 0) {
                            count++;
                        }
                    }
                    return new long[]{count, cpuStart < 0 ? 0 : mx.getCurrentThreadCpuTime() - cpuStart};
                }));
            }
            Thread.sleep((long) (warmupSeconds * 1000));
            measuring.set(true);
            long t0 = System.nanoTime();
            Thread.sleep((long) (measureSeconds * 1000));
            stop.set(true);
            long count = 0;
            long cpu = 0;
            for (Future<long[]> f : futures) {
                count += f.get()[0];
                cpu += f.get()[1];
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new double[]{count / seconds, cpu == 0 ? 0 : count / (cpu / 1e9)};
        } finally {
            pool.shutdownNow();
        }
    }
}
