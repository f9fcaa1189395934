package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log of operator and agency actions ({@code audit_event}): one row per action taken through the API, with
 * who, when, what, on which message or thing, the comment and the answer's status. Rows are only inserted, never
 * changed; read newest first.
 */
public final class AuditLog {

    /** One action. {@code interchangeId}, {@code actingFor}, {@code target} and {@code comment} may be null. */
    public record Entry(Instant at, String user, String role, String actingFor, String action, String method, String path,
                        Long interchangeId, String target, int status, String comment) {
    }

    /** The columns of {@link #list} and of the CSV export, in order. */
    public static final List<String> COLUMNS = List.of("id", "at", "user", "role", "actingFor", "action", "method", "path",
            "messageId", "target", "status", "comment");

    private final Jdbc jdbc;

    public AuditLog(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    public void record(Entry e) {
        jdbc.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (at, user_id, role, acting_for, action,"
                    + " method, path, interchange_id, target, status, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setTimestamp(1, Timestamp.from(e.at()));
                ps.setString(2, e.user());
                ps.setString(3, e.role());
                text(ps, 4, e.actingFor(), 64);
                ps.setString(5, e.action());
                ps.setString(6, e.method());
                text(ps, 7, e.path(), 500);
                if (e.interchangeId() == null) {
                    ps.setNull(8, Types.BIGINT);
                } else {
                    ps.setLong(8, e.interchangeId());
                }
                text(ps, 9, e.target(), 200);
                ps.setInt(10, e.status());
                text(ps, 11, e.comment(), 2000);
                return ps.executeUpdate();
            }
        });
    }

    /** Newest first: actions from {@code from} (inclusive) to {@code to} (exclusive), either may be null; at most limit. */
    public List<Map<String, Object>> list(Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, user_id, role, acting_for, action, method, path,"
                + " interchange_id, target, status, comment FROM audit_event WHERE 1 = 1");
        List<Instant> params = new ArrayList<>();
        if (from != null) {
            sql.append(" AND at >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(" AND at < ?");
            params.add(to);
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(Math.max(1, limit)).append(" ROWS ONLY");
        return jdbc.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setTimestamp(i + 1, Timestamp.from(params.get(i)));
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("id", rs.getLong(1));
                        row.put("at", rs.getTimestamp(2).toInstant().toString());
                        for (int col = 3; col <= 8; col++) {
                            row.put(COLUMNS.get(col - 1), rs.getString(col));
                        }
                        long interchange = rs.getLong(9);
                        row.put("messageId", rs.wasNull() ? null : interchange);
                        row.put("target", rs.getString(10));
                        row.put("status", rs.getInt(11));
                        row.put("comment", rs.getString(12));
                        rows.add(row);
                    }
                }
                return rows;
            }
        });
    }

    private static void text(PreparedStatement ps, int index, String value, int max) throws java.sql.SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value.length() > max ? value.substring(0, max) : value);
        }
    }
}
