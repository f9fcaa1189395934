package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery side of the store: one row per document per agency, moved PENDING -> DELIVERED, or -> DEAD with its
 * reason after the retries (never deleted), and back to PENDING when an operator re-drives it.
 */
public final class DeliveryStore {

    /** A delivery with what the agency route needs to send it. */
    public record Delivery(long id, long documentId, long interchangeId, String agency, String state, int attempts,
                           String idempotencyKey, String canonicalSha256, String documentType, String functionalRef,
                           String messageRef, String partner) {
    }

    private final Jdbc jdbc;
    private final PayloadFiles payloads;

    public DeliveryStore(MessageStore store) {
        this.jdbc = store.jdbc();
        this.payloads = store.payloads();
    }

    /**
     * Runs {@code work} with every write it makes through this store on this thread in one transaction, committed
     * once (a batch of deliveries to one agency records all its outcomes, with their timeline rows, in one commit).
     */
    public <T> T inOneTransaction(java.util.function.Supplier<T> work) {
        return jdbc.unit(work);
    }

    private static final String SELECT = "SELECT d.id, d.document_id, doc.interchange_id, d.agency, d.state,"
            + " d.attempts, d.idempotency_key, doc.canonical_sha256, doc.document_type, doc.functional_ref,"
            + " doc.message_ref, i.partner_id FROM delivery d JOIN document doc ON doc.id = d.document_id"
            + " JOIN interchange i ON i.id = doc.interchange_id";

    public Delivery get(long id) {
        return jdbc.tx(c -> {
            try (PreparedStatement ps = Jdbc.prepare(c, SELECT + " WHERE d.id = ?", id);
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no delivery " + id);
                }
                return delivery(rs);
            }
        });
    }

    /**
     * The deliveries of a batch in one query (one connection, one round trip, instead of one each), by id; an id the
     * store does not know is missing from the map. What they say is what was committed when the batch was taken.
     */
    public Map<Long, Delivery> getAll(Collection<Long> ids) {
        Map<Long, Delivery> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        return jdbc.tx(c -> {
            // one statement text whatever the batch's size (an array parameter), on H2 and PostgreSQL alike
            java.sql.Array array = c.createArrayOf("BIGINT", ids.toArray(new Long[0]));
            try (PreparedStatement ps = Jdbc.prepare(c, SELECT + " WHERE d.id = ANY(?)", array);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Delivery d = delivery(rs);
                    found.put(d.id(), d);
                }
            } finally {
                array.free();
            }
            return found;
        });
    }

    private static Delivery delivery(ResultSet rs) throws java.sql.SQLException {
        return new Delivery(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12));
    }

    public byte[] canonical(Delivery d) {
        return payloads.read(d.canonicalSha256());
    }

    /** Records a successful hand-over; returns false if it was already recorded (a repeat after a crash). */
    public boolean delivered(Delivery d, String detail) {
        return jdbc.tx(c -> {
            int n = Jdbc.update(c, "UPDATE delivery SET state = ?, attempts = attempts + 1, delivered_at = ?,"
                    + " updated_at = ?, last_error = NULL WHERE id = ? AND state <> ?", DeliveryState.DELIVERED.name(),
                    Instant.now(), Instant.now(), d.id(), DeliveryState.DELIVERED.name());
            if (n > 0) {
                MessageStore.event(c, d.interchangeId(), d.documentId(), d.id(), DeliveryState.DELIVERED.name(),
                        d.agency() + ": " + detail);
            }
            return n > 0;
        });
    }

    /** Records a failed attempt that will be retried. */
    public void failedAttempt(Delivery d, String error) {
        jdbc.tx(c -> {
            Jdbc.update(c, "UPDATE delivery SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE id = ?",
                    truncate(error), Instant.now(), d.id());
            MessageStore.event(c, d.interchangeId(), d.documentId(), d.id(), "DELIVERY_FAILED", d.agency() + ": " + error + " (will retry)");
            return null;
        });
    }

    /** Gives up: the delivery goes to the dead-letter queue with its reason, visible and re-drivable. */
    public void dead(Delivery d, String reason) {
        jdbc.tx(c -> {
            Jdbc.update(c, "UPDATE delivery SET state = ?, attempts = attempts + 1, last_error = ?, updated_at = ?,"
                    + " dead_letters = dead_letters + 1 WHERE id = ?", DeliveryState.DEAD.name(), truncate(reason),
                    Instant.now(), d.id());
            MessageStore.event(c, d.interchangeId(), d.documentId(), d.id(), "DEAD_LETTER", d.agency() + ": " + reason);
            return null;
        });
    }

    /**
     * The deliveries still to be made for an interchange, in one query (after a crash the pipeline sends these again).
     */
    public List<PendingDelivery> pendingByAgency(long interchangeId) {
        return jdbc.tx(c -> {
            List<PendingDelivery> list = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT d.agency, d.id FROM delivery d JOIN document doc"
                    + " ON doc.id = d.document_id WHERE doc.interchange_id = ? AND d.state = ? ORDER BY d.id",
                    interchangeId, DeliveryState.PENDING.name()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new PendingDelivery(rs.getString(1), rs.getLong(2)));
                }
            }
            return list;
        });
    }

    /**
     * One dead delivery made PENDING again for an operator's re-drive of its dead letter (with a REDRIVE event on the
     * timeline); false when it is not DEAD (then nothing changes).
     */
    public boolean redriveOne(long deliveryId, String who) {
        return jdbc.tx(c -> {
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT doc.interchange_id, d.document_id FROM delivery d JOIN"
                    + " document doc ON doc.id = d.document_id WHERE d.id = ? AND d.state = ?", deliveryId,
                    DeliveryState.DEAD.name()); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                MessageStore.event(c, rs.getLong(1), rs.getLong(2), deliveryId, "REDRIVE",
                        "dead letter re-driven by " + who);
            }
            Jdbc.update(c, "UPDATE delivery SET state = ?, updated_at = ? WHERE id = ?", DeliveryState.PENDING.name(),
                    Instant.now(), deliveryId);
            return true;
        });
    }

    /**
     * Puts the dead deliveries of an interchange back to PENDING for an operator's re-drive; returns their ids.
     * Delivered ones are never sent again.
     */
    public List<Long> redrive(long interchangeId) {
        return jdbc.tx(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT d.id, d.document_id FROM delivery d JOIN document doc"
                    + " ON doc.id = d.document_id WHERE doc.interchange_id = ? AND d.state = ?", interchangeId,
                    DeliveryState.DEAD.name());
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    MessageStore.event(c, interchangeId, rs.getLong(2), rs.getLong(1), "REDRIVE", "re-driven by an operator");
                }
            }
            for (long id : ids) {
                Jdbc.update(c, "UPDATE delivery SET state = ?, updated_at = ? WHERE id = ?", DeliveryState.PENDING.name(),
                        Instant.now(), id);
            }
            return ids;
        });
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }
}
