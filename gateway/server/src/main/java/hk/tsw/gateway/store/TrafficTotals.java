package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The running totals behind the {@code tsw_*_total} series, kept by one node: {@link #recount} reads the full counts
 * of {@link TrafficCounts} (at start, and now and then), {@link #advance} adds what the timeline's new events count
 * ({@link TrafficEvents}): a read costs in proportion to the events since the last one, not to the store.
 *
 * <p>Event ids are handed out at insert, so a lower id can commit after a higher one was read. The events are counted
 * in id order, each once, and never past a gap: a missing id holds the count back until it appears, or until it has
 * been missing for {@link #GRACE} (a rolled-back insert leaves a gap for ever; an insert whose transaction stays open
 * longer than that is counted by the next recount instead). A recount only ever raises a figure, so the totals never
 * go down; as they come from the store, every node of a cluster and a restarted one reach the same figures.
 */
public final class TrafficTotals {

    /** How long a gap in the event ids holds the count back before it is taken for a rolled-back insert. */
    public static final Duration GRACE = Duration.ofSeconds(60);
    /** How many event ids below the newest a recount looks at for inserts still in flight. */
    static final int WINDOW = 20_000;

    private final Jdbc jdbc;
    private final LongSupplier nanos;
    private Map<String, Map<List<String>, Long>> totals = new HashMap<>();
    private boolean counted;
    /** Every event id up to here is counted (or given up as a gap). */
    private long watermark;
    /** Ids above the watermark already counted. */
    private final NavigableSet<Long> done = new TreeSet<>();
    /** Gaps in the ids (by their first id) and when this node first saw each, by {@link #nanos}. */
    private final Map<Long, Long> gaps = new TreeMap<>();

    public TrafficTotals(MessageStore store) {
        this(store, System::nanoTime);
    }

    /** @param nanos the clock the gaps' age is measured by (tests move it on) */
    public TrafficTotals(MessageStore store, LongSupplier nanos) {
        this.jdbc = store.jdbc();
        this.nanos = nanos;
    }

    /** Every series with its totals as of the last read (nothing before the first). */
    public synchronized Map<String, List<TrafficCounts.Count>> counts() {
        return TrafficCounts.counts(totals);
    }

    /** The highest event id up to which everything is counted (for tests and the log). */
    public synchronized long watermark() {
        return watermark;
    }

    /**
     * Counts the whole store again, in one snapshot, and starts following the timeline from there; a figure the new
     * count finds lower than the running one keeps the running one.
     */
    public synchronized void recount() {
        Recount r = jdbc.snapshot(c -> {
            Map<String, Map<List<String>, Long>> full = TrafficCounts.full(c);
            Long newest = Jdbc.queryLong(c, "SELECT MAX(id) FROM event");
            long max = newest == null ? 0 : newest;
            long from = Math.max(0, max - WINDOW);
            List<Long> present = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT id FROM event WHERE id > ? ORDER BY id", from);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getLong(1));
                }
            }
            return new Recount(full, from, present);
        });
        r.full().forEach((series, values) -> values.forEach((labels, n) ->
                totals.computeIfAbsent(series, k -> new HashMap<>()).merge(labels, n, Math::max)));
        watermark = r.from();
        done.clear();
        done.addAll(r.present());
        gaps.clear();
        counted = true;
        settle(watermark);
    }

    private record Recount(Map<String, Map<List<String>, Long>> full, long from, List<Long> present) {
    }

    /** Adds what the events since the last read count (a {@link #recount} first if there was none). */
    public synchronized void advance() {
        if (!counted) {
            recount();
            return;
        }
        long now = nanos.getAsLong();
        Step s = jdbc.tx(c -> step(c, now));
        s.add().forEach((series, values) -> values.forEach((labels, n) ->
                totals.computeIfAbsent(series, k -> new HashMap<>()).merge(labels, n, Long::sum)));
        s.noticed().forEach(gaps::putIfAbsent);
        done.addAll(s.counted());
        settle(s.upTo());
    }

    /** What one read found: the figures to add, the ids it counted, the new gaps, how far all ids are settled. */
    private record Step(Map<String, Map<List<String>, Long>> add, List<Long> counted, Map<Long, Long> noticed,
                        long upTo) {
    }

    private Step step(Connection c, long now) throws SQLException {
        Map<String, Map<List<String>, Long>> add = new HashMap<>();
        List<Long> counted = new ArrayList<>();
        Map<Long, Long> noticed = new HashMap<>();
        long next = watermark + 1;
        for (TrafficEvents.Event e : TrafficEvents.above(c, watermark)) {
            if (e.id() > next) { // ids next .. e.id - 1 are missing: in flight, or rolled back
                Long since = gaps.get(next);
                if (since == null) {
                    noticed.put(next, now);
                    break;
                }
                if (now - since < GRACE.toNanos()) {
                    break;
                }
            }
            if (!done.contains(e.id())) {
                TrafficEvents.count(c, e, add);
                counted.add(e.id());
            }
            next = e.id() + 1;
        }
        return new Step(add, counted, noticed, next - 1);
    }

    /** Everything up to {@code upTo} is counted: the watermark moves there, or past the ids counted above it. */
    private void settle(long upTo) {
        watermark = Math.max(watermark, upTo);
        while (done.contains(watermark + 1)) {
            watermark++;
        }
        done.headSet(watermark, true).clear();
        gaps.keySet().removeIf(id -> id <= watermark);
    }
}
