package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configuration generations ({@code config_generation}) and what each node has loaded ({@code config_node}):
 * how a reload on one node reaches the others (docs/CLUSTER.md). Generations are numbered by their primary key, so two
 * nodes recording at once cannot both take the same number: the second gets a {@link StoreException} and records
 * nothing.
 */
public final class ConfigGenerations {

    /** One recorded reload. */
    public record Generation(long generation, String requestedBy, Instant requestedAt, String node, String digest,
                             String comment) {
    }

    /** One node's state: the generation and digest it runs, and its last failed reload (null when none since). */
    public record NodeState(String node, long generation, String digest, Instant loadedAt, String lastError,
                            Instant errorAt) {
    }

    private final Jdbc jdbc;

    public ConfigGenerations(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    /** The highest generation recorded, or empty before the first reload. */
    public Optional<Generation> latest() {
        return jdbc.tx(c -> {
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT generation, requested_by, requested_at, node, digest,"
                    + " comment FROM config_generation ORDER BY generation DESC FETCH FIRST 1 ROWS ONLY");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Generation(rs.getLong(1), rs.getString(2), instant(rs, 3),
                        rs.getString(4), rs.getString(5), rs.getString(6))) : Optional.<Generation>empty();
            }
        });
    }

    /** Records the next generation (the highest + 1, or 1) and returns its number. */
    public long record(String requestedBy, String node, String digest, String comment, Instant at) {
        return jdbc.tx(c -> {
            Long max = Jdbc.queryLong(c, "SELECT MAX(generation) FROM config_generation");
            long next = (max == null ? 0 : max) + 1;
            Jdbc.update(c, "INSERT INTO config_generation (generation, requested_by, requested_at, node, digest, comment)"
                    + " VALUES (?,?,?,?,?,?)", next, truncate(requestedBy, 100), at, truncate(node, 100), digest,
                    truncate(comment, 2000));
            return next;
        });
    }

    /** This node now runs {@code generation} (its last error is cleared). */
    public void loaded(String node, long generation, String digest, Instant at) {
        jdbc.tx(c -> {
            int n = Jdbc.update(c, "UPDATE config_node SET generation = ?, digest = ?, loaded_at = ?, last_error = NULL,"
                    + " error_at = NULL WHERE node = ?", generation, digest, at, node);
            if (n == 0) {
                Jdbc.update(c, "INSERT INTO config_node (node, generation, digest, loaded_at) VALUES (?,?,?,?)",
                        truncate(node, 100), generation, digest, at);
            }
            return null;
        });
    }

    /** A reload failed on this node: it keeps running what it had; the error is shown until the next success. */
    public void failed(String node, String error, Instant at) {
        jdbc.tx(c -> Jdbc.update(c, "UPDATE config_node SET last_error = ?, error_at = ? WHERE node = ?",
                truncate(error, 2000), at, node));
    }

    /** Every node that ever loaded a configuration here, by name. */
    public List<NodeState> nodes() {
        return jdbc.tx(c -> {
            List<NodeState> rows = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT node, generation, digest, loaded_at, last_error, error_at"
                    + " FROM config_node ORDER BY node"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new NodeState(rs.getString(1), rs.getLong(2), rs.getString(3), instant(rs, 4),
                            rs.getString(5), instant(rs, 6)));
                }
            }
            return rows;
        });
    }

    private static Instant instant(ResultSet rs, int column) throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
