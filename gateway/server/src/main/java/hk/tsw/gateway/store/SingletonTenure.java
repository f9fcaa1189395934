package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The {@code singleton_tenure} rows: one per time a node held a singleton, from the instant it won the lock to the
 * instant it last knew it held it (or let go). Written by {@link SingletonElector}; read by the API and the tests that
 * look for overlaps; pruned by retention ({@link #deleteEnded}).
 */
public final class SingletonTenure {

    /** One tenure; {@code stoppedAt} null while held (or until a successor closes the row of a node that died). */
    public record Row(long id, String singleton, String node, Instant startedAt, Instant stoppedAt, String stopReason) {
    }

    private final Jdbc jdbc;

    public SingletonTenure(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    /**
     * Closes the open rows of {@code singleton} left by holders that died (their lock was free by {@code at}, so they
     * stopped no later), then opens the new holder's row; returns its id.
     */
    long start(Singleton singleton, String node, Instant at) {
        return jdbc.tx(c -> {
            Jdbc.update(c, "UPDATE singleton_tenure SET stopped_at = ?, stop_reason = ? WHERE singleton = ?"
                    + " AND stopped_at IS NULL", at, "lock free when taken over by " + node, singleton.name());
            return Jdbc.insert(c, "INSERT INTO singleton_tenure (singleton, node, started_at) VALUES (?,?,?)",
                    singleton.name(), node, at);
        });
    }

    /** Closes a tenure at {@code at}, unless a successor already closed it earlier. */
    void stop(long id, Instant at, String reason) {
        jdbc.tx(c -> Jdbc.update(c, "UPDATE singleton_tenure SET stopped_at = ?, stop_reason = ? WHERE id = ?"
                + " AND (stopped_at IS NULL OR stopped_at > ?)", at, truncate(reason), id, at));
    }

    /** Every tenure of {@code singleton}, oldest first. */
    public List<Row> of(String singleton) {
        return query("WHERE singleton = ? ORDER BY started_at, id", singleton);
    }

    /** The latest tenure of each singleton: who holds it now (stoppedAt null) or held it last. */
    public List<Row> latest() {
        return query("t WHERE t.id = (SELECT MAX(u.id) FROM singleton_tenure u WHERE u.singleton = t.singleton)"
                + " ORDER BY t.singleton");
    }

    /**
     * Deletes the tenures that ended before {@code before}, {@code batch} rows per transaction while {@code leading},
     * and returns how many. Never a row still open (its holder may live) nor a singleton's latest row (the API shows
     * who held it last), so only history that no question about the present needs goes.
     */
    public int deleteEnded(Instant before, int batch, BooleanSupplier leading) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.tx(c -> Jdbc.update(c, "DELETE FROM singleton_tenure WHERE id IN (SELECT t.id FROM"
                    + " singleton_tenure t WHERE t.stopped_at < ? AND t.id < (SELECT MAX(u.id) FROM singleton_tenure u"
                    + " WHERE u.singleton = t.singleton) ORDER BY t.id LIMIT " + batch + ")", before));
            total += deleted;
        } while (deleted == batch && leading.getAsBoolean());
        return total;
    }

    private List<Row> query(String where, Object... params) {
        return jdbc.tx(c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT id, singleton, node, started_at, stopped_at, stop_reason"
                    + " FROM singleton_tenure " + where, params); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp stopped = rs.getTimestamp(5);
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            stopped == null ? null : stopped.toInstant(), rs.getString(6)));
                }
            }
            return rows;
        });
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200);
    }
}
