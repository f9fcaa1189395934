package hk.tsw.gateway.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.apache.sshd.client.SshClient;
import hk.tsw.gateway.testsupport.InterchangeGenerator;

/**
 * Latency at half the measured maximum rate (issue 16's target: p99 upload-or-post done to last agency delivery
 * under 1 s). The load is offered <b>open loop</b>: message i is due at a fixed time ({@code i / rate} after the
 * start) whatever the gateway does, and its latency counts from that due time, so a sender held up by a slow answer
 * shows as latency instead of as fewer sends (no coordinated omission). Reported under {@code PART.halfRate.*}.
 */
final class HalfRate {

    /** A late send: begun more than this after it was due (the sender was still busy with an earlier one). */
    static final long LATE_NANOS = 100_000_000L;

    /** The first file is due this long after the call (the sessions open first). */
    static final long START_DELAY_NANOS = 200_000_000L;

    private HalfRate() {
    }

    /**
     * Uploads {@code files} over SFTP open loop, file i due at {@code t0 + i / filesPerSecond}; each partner uploads
     * its own files in order on its own session to {@code ports} (file i to port i mod n). Returns each file's due
     * time (System.nanoTime) by name, and puts the number of late uploads in {@code late[0]}.
     */
    static Map<String, Long> uploadOpenLoop(List<InterchangeGenerator.Interchange> files, double filesPerSecond,
                                            Path config, List<Integer> ports, long[] late, java.time.Duration sftpTimeout)
            throws Exception {
        Map<String, Long> due = new ConcurrentHashMap<>();
        long t0 = System.nanoTime() + START_DELAY_NANOS; // sessions open before the first file is due
        SshClient client = SftpUploader.client(sftpTimeout);
        try {
            List<CompletableFuture<Long>> senders = new ArrayList<>();
            for (String partner : List.of("DEMOFWD", "DEMOLINE")) {
                for (int node = 0; node < ports.size(); node++) {
                    int n = node;
                    senders.add(CompletableFuture.supplyAsync(() -> {
                        long lateHere = 0;
                        try (SftpUploader sftp = new SftpUploader(client, config, partner.toLowerCase(), ports.get(n))) {
                            for (int i = 0; i < files.size(); i++) {
                                InterchangeGenerator.Interchange f = files.get(i);
                                if (!f.partner().equals(partner) || i % ports.size() != n) {
                                    continue;
                                }
                                long at = t0 + (long) (i * 1e9 / filesPerSecond);
                                for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
                                    LockSupport.parkNanos(wait);
                                }
                                lateHere += System.nanoTime() - at > LATE_NANOS ? 1 : 0;
                                due.put(f.fileName(), at);
                                sftp.upload(f.fileName(), f.content());
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException("open-loop upload as " + partner + " failed: " + e, e);
                        }
                        return lateHere;
                    }, runnable -> new Thread(runnable, "halfrate-" + partner + "-" + n).start()));
                }
            }
            long total = 0;
            for (CompletableFuture<Long> s : senders) {
                total += s.get();
            }
            late[0] = total;
        } finally {
            client.stop();
        }
        return due;
    }

    /**
     * Reports the half-rate figures of {@code part}: the rate offered, the rate achieved (messages over first due
     * time to last delivery), and p50/p99/max of due time to last agency delivery, with the target's verdict.
     */
    static void report(BenchReport report, String part, double maxRate, double offered, double seconds,
                       int messages, long late, long firstDue, long lastDelivery, double[] sortedMs, String what) {
        String p = "halfRate.";
        report.add(part, p + "maxRateMeasured", BenchReport.round(maxRate), "msg/s, the maximum measured above");
        report.add(part, p + "offeredRate", BenchReport.round(offered), "msg/s offered open loop (fixed schedule) for "
                + BenchReport.round(seconds) + " s");
        report.add(part, p + "messages", messages, "messages sent in that window");
        report.add(part, p + "achievedRate", BenchReport.round(messages / ((lastDelivery - firstDue) / 1e9)),
                "msg/s, first due send to last agency delivery");
        report.add(part, p + "sendsLate", late, "sends begun > " + LATE_NANOS / 1_000_000 + " ms after due");
        report.add(part, p + "latencyP50Ms", BenchReport.round(BenchReport.percentile(sortedMs, 50)),
                "ms, " + what + "; counted from the scheduled send time");
        double p99 = BenchReport.percentile(sortedMs, 99);
        report.add(part, p + "latencyP99Ms", BenchReport.round(p99), "ms (target < 1,000)");
        report.add(part, p + "latencyMaxMs", BenchReport.round(sortedMs[sortedMs.length - 1]), "ms");
        report.add(part, p + "targetP99Under1s", p99 < 1000 ? "met" : "missed", "p99 " + BenchReport.round(p99)
                + " ms at " + BenchReport.round(offered) + " msg/s offered");
    }
}
