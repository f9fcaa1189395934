package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which deliveries of an interchange the broker has taken: the route stage puts a large interchange's deliveries on
 * the agency queues in chunks, each its own broker transaction, and records each chunk here once the broker has
 * committed it. A redelivery after a crash therefore sends only what was not taken yet; the one chunk whose record
 * may be missing (the broker committed, the crash came before this update) is sent again under the same duplicate
 * ids, which the broker drops.
 */
public final class ReleaseStore {

    private final Jdbc jdbc;

    public ReleaseStore(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    /** The first {@code limit} deliveries of the interchange not yet recorded as released, in id order. */
    public List<PendingDelivery> unreleased(long interchangeId, int limit) {
        return unreleased(interchangeId, 0, limit);
    }

    /**
     * As {@link #unreleased(long, int)}, only those after delivery {@code afterId}: the next chunk after one just sent,
     * without reading the released ones again.
     */
    public List<PendingDelivery> unreleased(long interchangeId, long afterId, int limit) {
        return jdbc.tx(c -> {
            List<PendingDelivery> list = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT d.agency, d.id FROM delivery d JOIN document doc"
                    + " ON doc.id = d.document_id WHERE doc.interchange_id = ? AND d.released_at IS NULL"
                    + " AND d.state = ? AND d.id > ? ORDER BY d.id", interchangeId, DeliveryState.PENDING.name(), afterId)) {
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(new PendingDelivery(rs.getString(1), rs.getLong(2)));
                    }
                }
            }
            return list;
        });
    }

    /** Records that the broker has taken these deliveries (one commit for the chunk). */
    public void released(List<PendingDelivery> chunk) {
        jdbc.tx(c -> {
            Instant now = Instant.now();
            for (PendingDelivery d : chunk) {
                Jdbc.update(c, "UPDATE delivery SET released_at = ? WHERE id = ?", now, d.deliveryId());
            }
            return null;
        });
    }
}
