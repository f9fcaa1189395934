package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code tsw_*} Prometheus series count (runtime {@code TrafficMetrics}), as full counts over the store:
 * messages received per channel, partner and document type; rejected per reason; duplicates per partner and document
 * type; deliveries done and given up per agency. Every figure only ever grows (a Prometheus counter read lower is a
 * reset): an interchange counts once it has ended its receive/translate stage (state no longer RECEIVED), under each
 * document type it carried ({@code UNKNOWN}: none, or a rejected document, which has no type); a duplicate once its
 * original has ended, under the original's types; a delivery as delivered once it has been handed over
 * ({@code delivered_at}), as given up once per time it was dead-lettered ({@code dead_letters}: a re-drive keeps it).
 * {@link TrafficTotals} reads these once at start (and now and then) and then follows the timeline, counting the same
 * things event by event. Read-only, parameterised SQL only.
 */
public final class TrafficCounts {

    /** A series' label values (in the order of its label names) and its total. */
    public record Count(List<String> labels, long value) {
    }

    /** Series name (Micrometer dotted form) to its label names. */
    public static final Map<String, List<String>> SERIES = Map.of(
            "tsw.received", List.of("channel", "partner", "document_type"),
            "tsw.rejected", List.of("reason"),
            "tsw.duplicates", List.of("partner", "document_type"),
            "tsw.delivered", List.of("agency"),
            "tsw.delivery.failed", List.of("agency"));

    static final String UNKNOWN = "UNKNOWN";
    private static final String RECEIVED = InterchangeState.RECEIVED.name();

    private TrafficCounts() {
    }

    /** Series name to label values to total: every series of {@link #SERIES}, counted over the whole store. */
    static Map<String, Map<List<String>, Long>> full(Connection c) throws SQLException {
        Map<String, Map<List<String>, Long>> all = new HashMap<>();
        grouped(c, all, "tsw.received", "SELECT i.channel, i.partner_id, COALESCE(d.document_type, '" + UNKNOWN
                + "'), COUNT(DISTINCT i.id) FROM interchange i LEFT JOIN document d ON d.interchange_id = i.id"
                + " WHERE i.state <> ? GROUP BY i.channel, i.partner_id, COALESCE(d.document_type, '" + UNKNOWN + "')",
                3, RECEIVED);
        grouped(c, all, "tsw.rejected", "SELECT LOWER(state), COUNT(*) FROM interchange WHERE state IN (?, ?, ?)"
                + " GROUP BY state", 1, InterchangeState.REJECTED.name(), InterchangeState.REFUSED.name(),
                InterchangeState.FAILED.name());
        grouped(c, all, "tsw.rejected", "SELECT 'document', COUNT(*) FROM document WHERE state = ?", 1,
                DocumentState.REJECTED.name());
        grouped(c, all, "tsw.duplicates", "SELECT i.partner_id, COALESCE(d.document_type, '" + UNKNOWN + "'),"
                + " COUNT(DISTINCT i.id) FROM interchange i LEFT JOIN interchange o ON o.id = i.duplicate_of"
                + " LEFT JOIN document d ON d.interchange_id = o.id WHERE i.state = ? AND (o.id IS NULL OR o.state <> ?)"
                + " GROUP BY i.partner_id, COALESCE(d.document_type, '" + UNKNOWN + "')", 2,
                InterchangeState.DUPLICATE.name(), RECEIVED);
        grouped(c, all, "tsw.delivered", "SELECT agency, COUNT(*) FROM delivery WHERE delivered_at IS NOT NULL"
                + " GROUP BY agency", 1);
        grouped(c, all, "tsw.delivery.failed", "SELECT agency, SUM(dead_letters) FROM delivery WHERE dead_letters > 0"
                + " GROUP BY agency", 1);
        return all;
    }

    /** Adds {@code n} to one series' label set in {@code into}. */
    static void add(Map<String, Map<List<String>, Long>> into, String series, List<String> labels, long n) {
        into.computeIfAbsent(series, k -> new HashMap<>()).merge(List.copyOf(labels), n, Long::sum);
    }

    /** The figures of {@code totals} as the {@link Count}s of each series. */
    static Map<String, List<Count>> counts(Map<String, Map<List<String>, Long>> totals) {
        Map<String, List<Count>> out = new HashMap<>();
        totals.forEach((series, values) -> {
            List<Count> list = new ArrayList<>();
            values.forEach((labels, n) -> {
                if (n > 0) {
                    list.add(new Count(labels, n));
                }
            });
            out.put(series, list);
        });
        return out;
    }

    private static void grouped(Connection c, Map<String, Map<List<String>, Long>> into, String series, String sql,
                                int labels, Object... params) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= labels; i++) {
                    values.add(rs.getString(i) == null ? UNKNOWN : rs.getString(i));
                }
                long n = rs.getLong(labels + 1);
                if (n > 0) {
                    add(into, series, values, n);
                }
            }
        }
    }
}
