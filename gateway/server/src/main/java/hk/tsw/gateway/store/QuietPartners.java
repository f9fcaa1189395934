package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The partners gone quiet (issue 14's dashboard): for each partner with submissions (interchange rows, duplicates
 * included: a submission is traffic) in the last 30 days, the median interval between its consecutive submissions;
 * a partner whose time since its last submission exceeds {@code factor} × that median, and at least {@code floor}, is
 * quiet. A partner with fewer than {@link #MIN_SUBMISSIONS} submissions in the window has no usual gap and is not
 * judged.
 *
 * <p>The timestamps are fetched and the median computed here, not in SQL: interval arithmetic and medians are
 * spelled differently on H2 and PostgreSQL, while {@code ROW_NUMBER() OVER (PARTITION BY ...)} is the same on both
 * and bounds what is read to the latest {@link #PER_PARTNER} submissions of each partner (the median of a busy
 * partner's latest intervals, which is the usual gap that matters).
 *
 * <p>The window is read through {@code ix_interchange_received_at} (a range on its one column). An index on
 * {@code (partner_id, received_at)} was tried (PostgreSQL 15, 2 million interchange rows, 150,000 in the window): the
 * planner keeps the received_at index even with it present (3,931 buffers), and uses it only when that index is gone,
 * as a scan of the whole index filtered on received_at (7,633 buffers). It would only make every receipt maintain one
 * more index, so there is none.
 */
public final class QuietPartners {

    /** How far back the usual gap is learnt. */
    public static final Duration WINDOW = Duration.ofDays(30);
    /** The fewest submissions in the window for a partner to be judged (two intervals). */
    public static final int MIN_SUBMISSIONS = 3;
    /** The most submissions of one partner read (its latest). */
    public static final int PER_PARTNER = 1000;

    /** A partner gone quiet: its last submission, its usual gap and how long it has been silent. */
    public record Quiet(String partner, Instant lastSubmission, Duration usualGap, Duration silentFor) {
    }

    /** One partner judged: whether it is quiet (only partners with enough submissions are judged). */
    public record Judged(String partner, boolean quiet) {
    }

    private final Jdbc jdbc;
    private final double factor;
    private final Duration floor;

    public QuietPartners(MessageStore store, double factor, Duration floor) {
        this.jdbc = store.jdbc();
        this.factor = factor;
        this.floor = floor;
    }

    /** How many usual gaps of silence make a partner quiet. */
    public double factor() {
        return factor;
    }

    /** The least silence that makes a partner quiet, whatever its usual gap. */
    public Duration floor() {
        return floor;
    }

    /** The quiet partners at {@code now}, the longest silent first. */
    public List<Quiet> quiet(Instant now) {
        List<Quiet> quiet = new ArrayList<>();
        for (Gap g : gaps(now)) {
            if (g.quiet) {
                quiet.add(new Quiet(g.partner, g.last, g.median, g.silent));
            }
        }
        quiet.sort(Comparator.comparing(Quiet::silentFor).reversed());
        return quiet;
    }

    /** Every partner with enough submissions in the window, quiet or not (for the metrics' gauge). */
    public List<Judged> judged(Instant now) {
        return gaps(now).stream().map(g -> new Judged(g.partner, g.quiet)).toList();
    }

    private record Gap(String partner, Instant last, Duration median, Duration silent, boolean quiet) {
    }

    private List<Gap> gaps(Instant now) {
        return jdbc.tx(c -> {
            List<Gap> gaps = new ArrayList<>();
            String sql = "SELECT partner_id, received_at FROM (SELECT partner_id, received_at, ROW_NUMBER() OVER"
                    + " (PARTITION BY partner_id ORDER BY received_at DESC) AS rn FROM interchange WHERE received_at >= ?"
                    + " AND received_at <= ?) latest WHERE rn <= ? ORDER BY partner_id, received_at";
            try (PreparedStatement ps = Jdbc.prepare(c, sql, Timestamp.from(now.minus(WINDOW)), Timestamp.from(now),
                    PER_PARTNER); ResultSet rs = ps.executeQuery()) {
                String current = null;
                List<Instant> times = new ArrayList<>();
                while (rs.next()) {
                    String partner = rs.getString(1);
                    if (!partner.equals(current)) {
                        judge(current, times, now, gaps);
                        current = partner;
                        times = new ArrayList<>();
                    }
                    times.add(rs.getTimestamp(2).toInstant());
                }
                judge(current, times, now, gaps);
            }
            return gaps;
        });
    }

    private void judge(String partner, List<Instant> times, Instant now, List<Gap> gaps) {
        if (partner == null || times.size() < MIN_SUBMISSIONS) {
            return;
        }
        long[] intervals = new long[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            intervals[i - 1] = Duration.between(times.get(i - 1), times.get(i)).toMillis();
        }
        java.util.Arrays.sort(intervals);
        int n = intervals.length;
        long median = n % 2 == 1 ? intervals[n / 2] : (intervals[n / 2 - 1] + intervals[n / 2]) / 2;
        Instant last = times.get(times.size() - 1);
        Duration silent = Duration.between(last, now);
        long threshold = Math.max((long) (median * factor), floor.toMillis());
        gaps.add(new Gap(partner, last, Duration.ofMillis(median), silent, silent.toMillis() > threshold));
    }
}
