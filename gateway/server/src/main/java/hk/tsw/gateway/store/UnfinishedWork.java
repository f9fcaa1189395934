package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the unfinished-work sweep (docs/CLUSTER.md) reads and writes: interchanges recorded ({@code RECEIVED}) whose
 * hand-off to the broker was never recorded ({@code queued_at} empty), with the node that recorded them
 * ({@code received_by}). Once the broker has taken an interchange, the broker (its transaction, its redelivery) is
 * responsible for it, not the sweep: a node killed while translating one gives it back to the broker, not to us.
 */
public final class UnfinishedWork {

    /** An interchange recorded but not handed to the broker: by whom ({@code null}: unknown, before V17_5) and when. */
    public record Unqueued(long id, String receivedBy, Instant receivedAt) {
    }

    private final Jdbc jdbc;

    public UnfinishedWork(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    /** The broker has taken the interchange (a second hand-off leaves the first time). */
    public void queued(long interchangeId) {
        jdbc.tx(c -> Jdbc.update(c, "UPDATE interchange SET queued_at = ? WHERE id = ? AND queued_at IS NULL",
                Instant.now(), interchangeId));
    }

    /** {@link #queued(long)} for each of {@code interchangeIds}, in one transaction (see {@link QueuedMarks}). */
    public void queued(java.util.Collection<Long> interchangeIds) {
        java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
        jdbc.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE interchange SET queued_at = ? WHERE id = ?"
                    + " AND queued_at IS NULL")) {
                for (long id : interchangeIds) {
                    ps.setTimestamp(1, now);
                    ps.setLong(2, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Up to {@code limit} interchanges recorded and never queued, oldest first. */
    public List<Unqueued> unqueued(int limit) {
        return jdbc.tx(c -> {
            List<Unqueued> rows = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT id, received_by, received_at FROM interchange"
                    + " WHERE state = ? AND queued_at IS NULL ORDER BY id", MessageStore.RECEIVED)) {
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Unqueued(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                    }
                }
            }
            return rows;
        });
    }

    /** Interchanges {@code node} recorded and never queued (at its start: left by its previous run), oldest first. */
    public List<Long> leftBy(String node) {
        return jdbc.tx(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT id FROM interchange WHERE state = ? AND queued_at IS NULL"
                    + " AND received_by = ? ORDER BY id", MessageStore.RECEIVED, node);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }
}
