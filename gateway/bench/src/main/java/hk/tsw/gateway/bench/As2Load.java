package hk.tsw.gateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts prepared AS2 messages on a fixed number of connections (one thread each, each waiting for its synchronous
 * MDN before it posts again). Closed loop (rate 0): each connection posts as soon as its last MDN is in, which
 * measures what the channel carries. Open loop (rate R): message i is due at {@code i / R} seconds; a connection
 * that is free waits for the due time, one that is late posts at once, and the latency of a message counts from its
 * due time, so a gateway that cannot keep the rate shows it in the latency instead of hiding it behind fewer posts.
 */
final class As2Load {

    /** One message: when it was due (the actual start in a closed loop), when it was posted, when its MDN was in. */
    record Outcome(long dueNanos, long postedNanos, long mdnNanos, String problem) {
    }

    /** All outcomes, by message index, and the CPU time the connections spent checking MDNs. */
    record Result(Outcome[] outcomes, long mdnCheckCpuNanos) {
        int failures() {
            int n = 0;
            for (Outcome o : outcomes) {
                n += o.problem() == null ? 0 : 1;
            }
            return n;
        }

        String firstProblem() {
            for (Outcome o : outcomes) {
                if (o.problem() != null) {
                    return o.problem();
                }
            }
            return null;
        }
    }

    private As2Load() {
    }

    static Result run(As2PartnerClient client, List<As2PartnerClient.Prepared> messages, int connections, double rate)
            throws InterruptedException {
        Outcome[] outcomes = new Outcome[messages.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicLong checkCpu = new AtomicLong();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < outcomes.length; i = next.getAndIncrement()) {
                    long due = rate > 0 ? t0 + (long) (i * 1e9 / rate) : 0;
                    for (long wait = due - System.nanoTime(); rate > 0 && wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    As2PartnerClient.Prepared m = messages.get(i);
                    long posted = System.nanoTime();
                    String problem;
                    long mdn;
                    try {
                        As2PartnerClient.Answer answer = client.post(m);
                        mdn = System.nanoTime();
                        long cpu = threads.getCurrentThreadCpuTime();
                        problem = client.problem(m, answer);
                        checkCpu.addAndGet(threads.getCurrentThreadCpuTime() - cpu);
                    } catch (Exception e) {
                        mdn = System.nanoTime();
                        problem = "no answer: " + e;
                    }
                    outcomes[i] = new Outcome(rate > 0 ? due : posted, posted, mdn, problem);
                }
            }, "as2-bench-" + c);
            worker.start();
            workers.add(worker);
        }
        for (Thread t : workers) {
            t.join();
        }
        return new Result(outcomes, checkCpu.get());
    }
}
