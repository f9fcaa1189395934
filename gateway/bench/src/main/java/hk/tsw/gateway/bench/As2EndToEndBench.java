package hk.tsw.gateway.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import hk.tsw.gateway.translate.mapping.DirectEdifactReader;
import hk.tsw.gateway.testsupport.InterchangeGenerator;

/**
 * AS2 end to end: the gateway in its own JVM ({@link GatewayUnderTest}, shipped AS2 settings), the demo forwarder
 * played by this JVM ({@link As2PartnerClient}) posting one generated import declaration (1-50 goods items) per AS2
 * message, signed and encrypted, each asking for a signed synchronous MDN, on several connections ({@link As2Load});
 * every canonical document delivered to the agency stub. The messages are signed and encrypted before the clock
 * starts (the partner's crypto is measured apart and does not compete with the gateway for the cores while it runs);
 * every MDN's signature, Message-ID, disposition and MIC are checked. Warm-up messages are not measured, and the
 * Daffodil fallback is not loaded in the background (the generated messages never need it), so the figures are the
 * steady state of the AS2 path and the pipeline behind it.
 */
final class As2EndToEndBench {

    private static final String PART = "as2";
    private static final String FALLBACK_WARMUP = DirectEdifactReader.FALLBACK_WARMUP_PROPERTY;

    private final BenchOptions options;
    private final BenchOptions.As2 as2;
    private final BenchReport report;
    private final Consumer<String> progress;

    As2EndToEndBench(BenchOptions options, BenchReport report, Consumer<String> progress) {
        this.options = options;
        this.as2 = options.as2();
        this.report = report;
        this.progress = progress;
    }

    void run() throws Exception {
        Path dir = options.work().resolve("as2-" + System.currentTimeMillis());
        InterchangeGenerator generator = new InterchangeGenerator(options.seed() + 2);
        List<InterchangeGenerator.Interchange> warmup = declarations(generator, as2.warmup());
        List<InterchangeGenerator.Interchange> measured = declarations(generator, as2.messages());
        Duration timeout = Duration.ofMinutes(options.quick() ? 5 : 20);
        // The generated messages never need the Daffodil fallback; loading it in the background (the shipped default)
        // took ~40 % of the gateway's CPU samples of a short run under load, so it is left to first use here.
        try (GatewayUnderTest gut = GatewayUnderTest.start(options, dir, Map.of(FALLBACK_WARMUP, "lazy"))) {
            GatewayChild gateway = gut.process();
            double ready = gateway.awaitReady(options.startTimeout());
            gateway.awaitListeners(options.startTimeout());
            As2PartnerClient client = new As2PartnerClient(gut.config(),
                    URI.create("http://127.0.0.1:" + gut.as2Port() + "/as2"), as2.cipher());
            progress.accept(PART + ": gateway ready in " + String.format("%.1f", ready) + " s; warming up with "
                    + warmup.size() + " AS2 messages");
            As2Load.Result w = As2Load.run(client, prepare(client, warmup), as2.connections(), 0);
            if (w.failures() == warmup.size()) {
                throw new IllegalStateException("no AS2 message of the warm-up was accepted: " + w.firstProblem());
            }
            report.add(PART, "warmupResentAfterNoAnswer", w.resentAfterNoAnswer(), "warm-up posts sent again (same"
                    + " Message-ID) after their connection failed before any answer");
            int expected = deliveries(warmup, w);
            gut.awaitDeliveries(expected, timeout, PART, progress);

            progress.accept(PART + ": signing and encrypting " + measured.size() + " messages");
            double cpu0 = benchCpuSeconds();
            List<As2PartnerClient.Prepared> prepared = prepare(client, measured);
            double prepareCpu = benchCpuSeconds() - cpu0;
            progress.accept(PART + ": posting " + measured.size() + " messages on " + as2.connections() + " connections"
                    + (as2.rate() > 0 ? " at " + as2.rate() + " msg/s" : ", each as soon as the last MDN is in"));
            double gatewayCpu0 = gateway.cpuSeconds();
            double jit0 = gateway.compilerCpuSeconds();
            double machine0 = MachineCpu.busySeconds();
            double benchCpu0 = benchCpuSeconds();
            As2Load.Result r = As2Load.run(client, prepared, as2.connections(), as2.rate());
            double benchCpu = benchCpuSeconds() - benchCpu0;
            expected += deliveries(measured, r);
            gut.awaitDeliveries(expected, timeout, PART, progress);
            double gatewayCpu = gateway.cpuSeconds() - gatewayCpu0;
            double jit = jit0 < 0 ? -1 : gateway.compilerCpuSeconds() - jit0;
            double machine = machine0 < 0 ? -1 : MachineCpu.busySeconds() - machine0;
            double maxRate = figures(measured, r, gut.agencies(), gatewayCpu, prepareCpu, benchCpu);
            if (jit >= 0) {
                report.add(PART, "jitCompilerCpuShare", BenchReport.round(jit * 100 / gatewayCpu), "% of the gateway's"
                        + " CPU in the JIT compiler threads (a node running for days has finished compiling)");
                report.add(PART, "gatewayCpuMsPerMessageWithoutJit", BenchReport.round((gatewayCpu - jit) * 1000
                        / measured.size()), "CPU-ms per message, compiler threads left out: the steady-state cost");
            }
            if (machine >= 0) {
                report.add(PART, "machineCpuMsPerMessage", BenchReport.round(machine * 1000 / measured.size()),
                        "CPU-ms per message of the whole machine while posting and delivering (gateway, bench JVM as"
                                + " partner and agencies, database server)");
            }
            report.add(PART, "gatewayPeakHeapMb", gateway.peakHeapMb(), "MB before a GC (GC log), " + gut.maxHeap()
                    + ", " + FALLBACK_WARMUP + "=lazy");
            halfRate(client, generator, gut, maxRate, expected, timeout);
            AgencyCounter agencies = gut.agencies();
            report.add(PART, "repeatedDeliveries", agencies.allDeliveries() - agencies.distinctDeliveries(),
                    "deliveries of a (document, agency) already delivered, warm-up, measured and half rate; 0: every"
                            + " message accepted was delivered exactly once, resends included");
        }
    }

    /**
     * Issue 16's latency target: one-declaration AS2 messages offered open loop ({@link As2Load} with a rate) at half
     * the end-to-end rate just measured; latency from each post's due time to the last agency delivery of its document.
     */
    private void halfRate(As2PartnerClient client, InterchangeGenerator generator, GatewayUnderTest gut, double maxRate,
                          int expectedSoFar, Duration timeout) throws Exception {
        if (options.halfRateSeconds() <= 0) {
            return;
        }
        double offered = maxRate / 2;
        int n = Math.max(10, (int) Math.round(offered * options.halfRateSeconds()));
        List<InterchangeGenerator.Interchange> sent = declarations(generator, n);
        List<As2PartnerClient.Prepared> prepared = prepare(client, sent);
        progress.accept(PART + ": half rate, " + n + " messages offered open loop at " + BenchReport.round(offered)
                + " msg/s on " + as2.connections() + " connections");
        As2Load.Result r = As2Load.run(client, prepared, as2.connections(), offered);
        gut.awaitDeliveries(expectedSoFar + deliveries(sent, r), timeout, PART, progress);
        As2Load.Outcome[] o = r.outcomes();
        AgencyCounter agencies = gut.agencies();
        double[] ms = IntStream.range(0, n).filter(i -> o[i].problem() == null)
                .mapToDouble(i -> (lastDelivery(sent.get(i), agencies) - o[i].dueNanos()) / 1e6).sorted().toArray();
        if (ms.length == 0) {
            throw new IllegalStateException("no AS2 message of the half-rate window was accepted: " + r.firstProblem());
        }
        long late = Arrays.stream(o).filter(x -> x.postedNanos() - x.dueNanos() > HalfRate.LATE_NANOS).count();
        long firstDue = Arrays.stream(o).mapToLong(As2Load.Outcome::dueNanos).min().orElseThrow();
        long last = IntStream.range(0, n).filter(i -> o[i].problem() == null)
                .mapToLong(i -> lastDelivery(sent.get(i), agencies)).max().orElseThrow();
        HalfRate.report(report, PART, maxRate, offered, n / offered, ms.length, late, firstDue, last, ms,
                "post due to the last agency delivery of its document, the signed sync MDN on the way");
        double[] mdn = Arrays.stream(o).filter(x -> x.problem() == null)
                .mapToDouble(x -> (x.mdnNanos() - x.dueNanos()) / 1e6).sorted().toArray();
        report.add(PART, "halfRate.resentAfterNoAnswer", r.resentAfterNoAnswer(), "posts of the half-rate window"
                + " sent again (same Message-ID) after their connection failed before any answer");
        report.add(PART, "halfRate.mdnP99Ms", BenchReport.round(BenchReport.percentile(mdn, 99)),
                "ms, post due to MDN received; " + r.failures() + " negative or missing MDNs");
    }

    /** The figures of the closed-loop (or fixed-rate) run; returns the end-to-end rate. */
    private double figures(List<InterchangeGenerator.Interchange> sent, As2Load.Result r, AgencyCounter agencies,
                         double gatewayCpu, double prepareCpu, double benchCpu) {
        int n = sent.size();
        As2Load.Outcome[] o = r.outcomes();
        long first = Arrays.stream(o).mapToLong(As2Load.Outcome::postedNanos).min().orElseThrow();
        long lastMdn = Arrays.stream(o).mapToLong(As2Load.Outcome::mdnNanos).max().orElseThrow();
        long lastPost = Arrays.stream(o).mapToLong(As2Load.Outcome::postedNanos).max().orElseThrow();
        long lastDelivery = IntStream.range(0, n).filter(i -> o[i].problem() == null)
                .mapToLong(i -> lastDelivery(sent.get(i), agencies)).max().orElse(lastMdn);
        String protection = "signed SHA-256, encrypted " + as2.cipher().toUpperCase() + "-CBC, signed sync MDN";
        report.add(PART, "messages", n, "AS2 messages of 1 CUSDEC (1-50 goods items) each, " + protection);
        report.add(PART, "connections", as2.connections(), as2.rate() > 0 ? "offered load" : "closed loop: each posts"
                + " when its last MDN is in");
        report.add(PART, "positiveMdns", n - r.failures(), "signature (gateway certificate), Message-ID, 'processed'"
                + " and MIC checked on every MDN" + (r.failures() > 0 ? "; first problem: " + r.firstProblem() : ""));
        report.add(PART, "resentAfterNoAnswer", r.resentAfterNoAnswer(), "posts sent again with the same Message-ID"
                + " after their connection failed before any answer (at most " + As2Load.RESENDS + " each; the gateway"
                + " answers a resend with the first MDN and delivers once)");
        report.add(PART, "deliveries", IntStream.range(0, n).filter(i -> o[i].problem() == null)
                .map(i -> sent.get(i).agenciesPerDocument()).sum(), "distinct (document, agency) awaited, warm-up of "
                + as2.warmup() + " not counted; " + (agencies.allDeliveries() - agencies.distinctDeliveries()) + " repeats");
        double mdnRate = n / ((lastMdn - first) / 1e9);
        double endToEndRate = n / ((lastDelivery - first) / 1e9);
        report.add(PART, "postedWithMdnPerSecond", BenchReport.round(mdnRate), "msg/s, first post to last MDN");
        report.add(PART, "endToEndPerSecond", BenchReport.round(endToEndRate), "msg/s, first post to last agency delivery");
        latencies("mdnRoundTrip", o, x -> (x.mdnNanos() - x.dueNanos()) / 1e6, "post to MDN received");
        double[] toDelivery = IntStream.range(0, n).filter(i -> o[i].problem() == null)
                .mapToDouble(i -> (lastDelivery(sent.get(i), agencies) - o[i].dueNanos()) / 1e6).sorted().toArray();
        percentiles("receiptToLastDelivery", toDelivery, "post to the last agency delivery of its document");
        report.add(PART, "gatewayCpuMsPerMessage", BenchReport.round(gatewayCpu * 1000 / n),
                "CPU-ms of the gateway JVM, first post to last delivery (" + BenchReport.round(gatewayCpu) + " CPU-s)");
        report.add(PART, "clientSignEncryptCpuMsPerMessage", BenchReport.round(prepareCpu * 1000 / n),
                "CPU-ms of the bench JVM to sign and encrypt, before the clock starts");
        report.add(PART, "clientMdnCheckCpuMsPerMessage", BenchReport.round(r.mdnCheckCpuNanos() / 1e6 / n),
                "CPU-ms to verify each MDN (signature, MIC)");
        report.add(PART, "benchJvmCpuMsPerMessageWhilePosting", BenchReport.round(benchCpu * 1000 / n),
                "CPU-ms of the whole bench JVM while posting (HTTP client, MDN checks, agency stub)");
        if (as2.rate() > 0) {
            offeredLoad(o, first, lastPost, mdnRate, endToEndRate, toDelivery);
        }
        return endToEndRate;
    }

    /** At a fixed rate: did the gateway keep it, and the target's p99. Says so plainly when it did not. */
    private void offeredLoad(As2Load.Outcome[] o, long first, long lastPost, double mdnRate, double endToEndRate,
                             double[] toDelivery) {
        long late = Arrays.stream(o).filter(x -> x.postedNanos() - x.dueNanos() > 100_000_000L).count();
        double postRate = (o.length - 1) / ((lastPost - first) / 1e9);
        report.add(PART, "offeredRate", as2.rate(), "msg/s asked for");
        report.add(PART, "achievedPostRate", BenchReport.round(postRate), "msg/s, first to last post");
        report.add(PART, "postsLate", late, "posts begun > 100 ms after due (every connection waiting for an MDN)");
        boolean kept = late <= o.length / 100 && mdnRate >= 0.95 * as2.rate() && endToEndRate >= 0.95 * as2.rate();
        report.add(PART, "rateKept", kept ? "yes" : "NO", kept ? "MDNs and deliveries kept up with the offered rate"
                : "the gateway did not keep " + as2.rate() + " msg/s: MDNs at " + BenchReport.round(mdnRate)
                + " msg/s, deliveries at " + BenchReport.round(endToEndRate) + " msg/s; latencies are queueing");
        double p99 = toDelivery.length == 0 ? Double.NaN : BenchReport.percentile(toDelivery, 99);
        report.add(PART, "targetP99Under1sAtRate", kept && p99 < 1000 ? "met" : "missed",
                "p99 receipt-to-last-delivery " + BenchReport.round(p99) + " ms at " + as2.rate() + " msg/s offered");
    }

    private void latencies(String name, As2Load.Outcome[] o, ToDoubleFunction<As2Load.Outcome> ms, String what) {
        percentiles(name, Arrays.stream(o).mapToDouble(ms).sorted().toArray(), what);
    }

    private void percentiles(String name, double[] sorted, String what) {
        if (sorted.length == 0) {
            report.add(PART, name, "none", what);
            return;
        }
        String from = as2.rate() > 0 ? " (from the time the post was due)" : "";
        report.add(PART, name + "P50Ms", BenchReport.round(BenchReport.percentile(sorted, 50)), "ms, " + what + from);
        report.add(PART, name + "P99Ms", BenchReport.round(BenchReport.percentile(sorted, 99)), "ms");
        report.add(PART, name + "MaxMs", BenchReport.round(sorted[sorted.length - 1]), "ms");
    }

    private static long lastDelivery(InterchangeGenerator.Interchange sent, AgencyCounter agencies) {
        return sent.documentRefs().stream().mapToLong(agencies::lastDelivery).max().orElseThrow();
    }

    /** The deliveries to wait for: every agency of every document of the messages that got a positive MDN. */
    private static int deliveries(List<InterchangeGenerator.Interchange> sent, As2Load.Result r) {
        return IntStream.range(0, sent.size()).filter(i -> r.outcomes()[i].problem() == null)
                .map(i -> sent.get(i).deliveries()).sum();
    }

    /** The demo forwarder holds the AS2 agreement, so every AS2 message is one of its declarations. */
    private static List<InterchangeGenerator.Interchange> declarations(InterchangeGenerator generator, int count) {
        List<InterchangeGenerator.Interchange> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(generator.declarations(1));
        }
        return list;
    }

    private static List<As2PartnerClient.Prepared> prepare(As2PartnerClient client,
                                                           List<InterchangeGenerator.Interchange> interchanges) {
        return IntStream.range(0, interchanges.size()).parallel()
                .mapToObj(i -> client.prepare("<bench-" + i + "-" + UUID.randomUUID() + "@demofwd.example>",
                        interchanges.get(i).fileName(), interchanges.get(i).content()))
                .toList();
    }

    /** CPU time of this JVM (the partner's side), in seconds. */
    private static double benchCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
