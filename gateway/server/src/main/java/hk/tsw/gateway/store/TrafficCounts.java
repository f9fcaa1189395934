package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's running totals behind the {@code tsw_*} Prometheus series (runtime {@code TrafficMetrics}): messages
 * received per channel, partner and document type; rejected per reason; duplicates per partner and document type;
 * deliveries done and given up per agency. Each is a few grouped counts over the store, read together in one
 * transaction and cached by the caller between refreshes. Read-only, parameterised SQL only.
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

    private static final String UNKNOWN = "UNKNOWN";

    private final Jdbc jdbc;

    public TrafficCounts(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    /** Every series of {@link #SERIES} with its counts now. */
    public Map<String, List<Count>> read() {
        return jdbc.tx(c -> {
            Map<String, List<Count>> all = new LinkedHashMap<>();
            // an interchange counts once per document type it carried; one without documents as UNKNOWN
            all.put("tsw.received", grouped(c, "SELECT i.channel, i.partner_id, COALESCE(d.document_type, '" + UNKNOWN
                    + "'), COUNT(DISTINCT i.id) FROM interchange i LEFT JOIN document d ON d.interchange_id = i.id"
                    + " GROUP BY i.channel, i.partner_id, COALESCE(d.document_type, '" + UNKNOWN + "')", 3));
            List<Count> rejected = new ArrayList<>();
            rejected.addAll(grouped(c, "SELECT LOWER(state), COUNT(*) FROM interchange WHERE state IN (?, ?, ?)"
                    + " GROUP BY state", 1, InterchangeState.REJECTED.name(), InterchangeState.REFUSED.name(),
                    InterchangeState.FAILED.name()));
            rejected.addAll(grouped(c, "SELECT 'document', COUNT(*) FROM document WHERE state = ?", 1,
                    DocumentState.REJECTED.name()));
            all.put("tsw.rejected", rejected);
            all.put("tsw.duplicates", grouped(c, "SELECT i.partner_id, COALESCE(d.document_type, '" + UNKNOWN + "'),"
                    + " COUNT(DISTINCT i.id) FROM interchange i LEFT JOIN document d ON d.interchange_id = i.duplicate_of"
                    + " WHERE i.state = ? GROUP BY i.partner_id, COALESCE(d.document_type, '" + UNKNOWN + "')", 2,
                    InterchangeState.DUPLICATE.name()));
            all.put("tsw.delivered", grouped(c, "SELECT agency, COUNT(*) FROM delivery WHERE state = ? GROUP BY agency",
                    1, DeliveryState.DELIVERED.name()));
            all.put("tsw.delivery.failed", grouped(c, "SELECT agency, COUNT(*) FROM delivery WHERE state = ?"
                    + " GROUP BY agency", 1, DeliveryState.DEAD.name()));
            return all;
        });
    }

    private static List<Count> grouped(Connection c, String sql, int labels, Object... params) throws SQLException {
        List<Count> counts = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= labels; i++) {
                    values.add(rs.getString(i) == null ? UNKNOWN : rs.getString(i));
                }
                long n = rs.getLong(labels + 1);
                if (n > 0) {
                    counts.add(new Count(List.copyOf(values), n));
                }
            }
        }
        return counts;
    }
}
