package hk.tsw.gateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpTimeoutException;
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

    /**
     * All outcomes, by message index, the CPU time the connections spent checking MDNs, and the posts sent again with
     * the same Message-ID because the connection failed before any answer (see {@link #RESENDS}).
     */
    record Result(Outcome[] outcomes, long mdnCheckCpuNanos, int resentAfterNoAnswer) {
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

    /**
     * How many times a post is sent again, with the same Message-ID and body, when it failed without an answer: the
     * connection was reset or closed before the status line (typically a keep-alive connection the gateway had just
     * closed as idle: "HTTP/1.1 header parser received no bytes"), or could not be made. RFC 4130's way: the gateway
     * answers a Message-ID it has seen with the MDN it gave the first time and never delivers twice, so a resend
     * cannot hide a loss or make a duplicate the invariant check would not see. A timeout is not resent (the gateway
     * may still be working on the first post): it stays a failure.
     */
    static final int RESENDS = 2;

    /** Sends one message and returns the answer (the HTTP client in the bench, a stand-in in the tests). */
    interface Poster {
        As2PartnerClient.Answer post(As2PartnerClient.Prepared m) throws IOException, InterruptedException;
    }

    /** Null when the answer is a positive MDN for the message, otherwise what is wrong. */
    interface Checker {
        String problem(As2PartnerClient.Prepared m, As2PartnerClient.Answer a);
    }

    private As2Load() {
    }

    static Result run(As2PartnerClient client, List<As2PartnerClient.Prepared> messages, int connections, double rate)
            throws InterruptedException {
        return run(client::post, client::problem, messages, connections, rate);
    }

    /** True when the post failed before any byte of an answer, so sending it again is the protocol's remedy. */
    static boolean noAnswer(IOException e) {
        return !(e instanceof HttpTimeoutException);
    }

    static Result run(Poster client, Checker checker, List<As2PartnerClient.Prepared> messages, int connections,
                      double rate) throws InterruptedException {
        Outcome[] outcomes = new Outcome[messages.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicLong checkCpu = new AtomicLong();
        AtomicInteger resent = new AtomicInteger();
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
                        As2PartnerClient.Answer answer = postResending(client, m, resent);
                        mdn = System.nanoTime();
                        long cpu = threads.getCurrentThreadCpuTime();
                        problem = checker.problem(m, answer);
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
        return new Result(outcomes, checkCpu.get(), resent.get());
    }

    private static As2PartnerClient.Answer postResending(Poster client, As2PartnerClient.Prepared m,
                                                         AtomicInteger resent) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return client.post(m);
            } catch (IOException e) {
                if (attempt >= RESENDS || !noAnswer(e)) {
                    throw attempt == 0 ? e : new IOException(e + " (after " + attempt + " resends)", e);
                }
                resent.incrementAndGet();
            }
        }
    }
}
