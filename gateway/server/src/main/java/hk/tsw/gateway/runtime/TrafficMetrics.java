package hk.tsw.gateway.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import hk.tsw.gateway.deliver.Agency;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.store.DashboardQueries;
import hk.tsw.gateway.store.TrafficCounts;
import hk.tsw.gateway.store.TrafficTotals;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traffic series of {@code /observe/metrics} (docs/OPERATIONS.md, "Metrics"), read from the store every
 * {@link #REFRESH} and cached in between (a scrape never queries the store): {@code tsw_received_total} (channel,
 * partner, document_type), {@code tsw_rejected_total} (reason), {@code tsw_duplicates_total} (partner,
 * document_type), {@code tsw_delivered_total} and {@code tsw_delivery_failed_total} (agency), and the gauge
 * {@code tsw_delivery_oldest_pending_seconds} (agency; 0 when nothing is pending) and the gauge
 * {@code tsw_reply_oldest_pending_seconds} (channel: the oldest answer owed to a partner; 0 when none). Totals from
 * the store rather than in-memory counters: every node of a cluster reports the same figures, and a restart does not
 * reset them. The totals ({@link TrafficTotals}) are counted in full at start and every {@link #RECOUNT}, and in
 * between follow the timeline's new events, so a read costs what changed since the last one; they never go down.
 */
public final class TrafficMetrics implements AutoCloseable {

    /** How often the store is read, at most. */
    static final Duration REFRESH = Duration.ofSeconds(15);
    /**
     * After a read that took T the next waits at least {@value} × T, so the reads never take more than a twentieth of
     * the metrics thread's time, nor of the database's: a full recount costs in proportion to the store's size (0.15-0.2
     * CPU-s at 19k documents on H2, docs/PERFORMANCE.md), the reads in between in proportion to the new events.
     */
    static final int PACE = 20;
    /** How often the totals are counted in full again (at most; a recount only ever raises them). */
    static final Duration RECOUNT = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(TrafficMetrics.class);

    private final TrafficTotals counts;
    private final DashboardQueries backlog;
    private final AgencyRegistry agencies;
    private final Clock clock;
    private final Map<String, AtomicLong> totals = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> oldest = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> oldestAnswer = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tsw-traffic-metrics");
        t.setDaemon(true);
        return t;
    });
    private MeterRegistry meters;
    /** Whether the last read was slow enough to space the reads out beyond {@link #REFRESH}. */
    private boolean paced;
    /** When the next full recount is due (System.nanoTime; the first read is one). */
    private long recountDue;
    private boolean recounted;

    public TrafficMetrics(TrafficTotals counts, DashboardQueries backlog, AgencyRegistry agencies, Clock clock) {
        this.counts = counts;
        this.backlog = backlog;
        this.agencies = agencies;
        this.clock = clock;
    }

    /** Registers the series on the context's meter registry (none: nothing to do), reads once now, then regularly. */
    public void start(CamelContext context) {
        meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters == null) {
            return;
        }
        for (Agency a : agencies.all()) {
            AtomicLong seconds = oldest.computeIfAbsent(a.code(), k -> new AtomicLong());
            Gauge.builder("tsw.delivery.oldest.pending", seconds, AtomicLong::get).baseUnit("seconds")
                    .tag("agency", a.code()).description("age of the agency's oldest pending delivery (0: none)")
                    .register(meters);
        }
        for (hk.tsw.gateway.partner.Partner.Channel ch : hk.tsw.gateway.partner.Partner.Channel.values()) {
            AtomicLong seconds = oldestAnswer.computeIfAbsent(ch.name(), k -> new AtomicLong());
            Gauge.builder("tsw.reply.oldest.pending", seconds, AtomicLong::get).baseUnit("seconds")
                    .tag("channel", ch.name()).description("age of the oldest answer owed to a partner on the channel"
                            + " (SFTP: not yet in the outbox; AS2: no MDN yet; SOAP: not yet collected; 0: none)")
                    .register(meters);
        }
        try {
            timer.execute(this::refreshAndSchedule); // the first read is a full count: not on the starting thread
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed before it started
        }
    }

    /** The wait after a read of the store that took {@code took}: {@link #REFRESH}, or {@link #PACE} × took if longer. */
    static Duration nextDelay(Duration took) {
        Duration spaced = took.multipliedBy(PACE);
        return spaced.compareTo(REFRESH) > 0 ? spaced : REFRESH;
    }

    private void refreshAndSchedule() {
        long start = System.nanoTime();
        boolean full = !recounted || start - recountDue >= 0;
        refresh(full);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (full) {
            Duration spaced = took.multipliedBy(PACE);
            recountDue = System.nanoTime() + (spaced.compareTo(RECOUNT) > 0 ? spaced : RECOUNT).toNanos();
            took = Duration.ZERO; // a recount's cost spaces the recounts, not the reads in between
        }
        Duration next = nextDelay(took);
        boolean slow = next.compareTo(REFRESH) > 0;
        if (slow != paced) {
            paced = slow;
            if (slow) {
                LOG.warn("Traffic metrics: one read of the store's new events took {} ms; the next waits {} s, so the"
                        + " tsw_*_total series lag by that much",
                        took.toMillis(), next.toSeconds());
            } else {
                LOG.info("Traffic metrics: reads of the store's totals are quick again ({} ms): every {} s",
                        took.toMillis(), REFRESH.toSeconds());
            }
        }
        try {
            timer.schedule(this::refreshAndSchedule, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed while reading: no next read
        }
    }

    /** One read of the store (a full recount or the new events); a failure keeps the last figures (logged). */
    void refresh(boolean full) {
        try {
            if (full) {
                long start = System.nanoTime();
                counts.recount();
                recounted = true;
                LOG.info("Traffic metrics: the store's totals counted in full in {} ms (events up to {})",
                        (System.nanoTime() - start) / 1_000_000, counts.watermark());
            } else {
                counts.advance();
            }
            for (Map.Entry<String, List<TrafficCounts.Count>> series : counts.counts().entrySet()) {
                List<String> names = TrafficCounts.SERIES.get(series.getKey());
                for (TrafficCounts.Count c : series.getValue()) {
                    total(series.getKey(), names, c.labels()).accumulateAndGet(c.value(), Math::max);
                }
            }
            oldest.values().forEach(v -> v.set(0));
            for (DashboardQueries.AgencyBacklog b : backlog.backlog(clock.instant(), null, null)) {
                AtomicLong v = oldest.get(b.agency());
                if (v != null && b.oldestPending() != null) {
                    v.set(b.oldestPending().toSeconds());
                }
            }
            Map<String, Duration> answers = backlog.oldestPendingAnswers(clock.instant(), oldestAnswer.keySet());
            oldestAnswer.forEach((channel, v) -> v.set(answers.getOrDefault(channel, Duration.ZERO).toSeconds()));
        } catch (RuntimeException e) {
            LOG.warn("Traffic metrics: could not read the store: {}", e.toString());
        }
    }

    /** The value behind one series and label set, its counter registered the first time it is seen. */
    private AtomicLong total(String name, List<String> names, List<String> values) {
        return totals.computeIfAbsent(name + values, k -> {
            AtomicLong v = new AtomicLong();
            Tags tags = Tags.empty();
            for (int i = 0; i < names.size(); i++) {
                tags = tags.and(names.get(i), values.get(i));
            }
            FunctionCounter.builder(name, v, AtomicLong::get).tags(tags).register(meters);
            return v;
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
