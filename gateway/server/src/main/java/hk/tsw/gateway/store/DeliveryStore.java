package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** One delivery, read as a batch's are ({@link #getAll}); IllegalArgumentException when the store knows none. */
    public Delivery get(long id) {
        Delivery d = getAll(List.of(id)).get(id);
        if (d == null) {
            throw new IllegalArgumentException("no delivery " + id);
        }
        return d;
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
        return recordAll(List.of(new Outcome(d, Outcome.Kind.DELIVERED, detail))).get(0);
    }

    /** Records a failed attempt that will be retried. */
    public void failedAttempt(Delivery d, String error) {
        recordAll(List.of(new Outcome(d, Outcome.Kind.FAILED_ATTEMPT, error)));
    }

    /** Gives up: the delivery goes to the dead-letter queue with its reason, visible and re-drivable. */
    public void dead(Delivery d, String reason) {
        recordAll(List.of(new Outcome(d, Outcome.Kind.DEAD, reason)));
    }

    /**
     * What handing one delivery over came to, for {@link #recordAll}: {@code text} is what the agency answered when
     * DELIVERED, else the error (FAILED_ATTEMPT, to be retried) or the reason (DEAD, dead-lettered).
     */
    public record Outcome(Delivery delivery, Kind kind, String text) {
        /** The three ways a hand-over is recorded. */
        public enum Kind { DELIVERED, FAILED_ATTEMPT, DEAD }
    }

    /** Made DELIVERED once: a delivery already DELIVERED is left as it is (its row counts 0). */
    private static final String DELIVERED = "UPDATE delivery SET state = ?, attempts = attempts + 1, delivered_at = ?,"
            + " updated_at = ?, last_error = NULL WHERE id = ? AND state <> ?";
    private static final String FAILED_ATTEMPT = "UPDATE delivery SET attempts = attempts + 1, last_error = ?,"
            + " updated_at = ? WHERE id = ?";
    private static final String DEAD = "UPDATE delivery SET state = ?, attempts = attempts + 1, last_error = ?,"
            + " updated_at = ?, dead_letters = dead_letters + 1 WHERE id = ?";

    /**
     * Records a batch's outcomes, each with its timeline row, in the unit of work in progress on this thread (else in
     * one transaction of its own): the DELIVERED updates as one JDBC batch, the failed attempts as one, the deads as
     * one, then the timeline rows of them all as one, in the order given. That is at most 4 round trips to the
     * database whatever the batch's size, where recording them one by one took 2 per delivery; the rows and texts are
     * the same. A delivery already DELIVERED (a repeat after a crash, or recorded meanwhile by another writer) stays as
     * it is and gets no timeline row: its update's row count, 0, says so. Each delivery at most once in a call
     * (IllegalArgumentException), so the order of the three batches changes nothing.
     *
     * @return for each outcome in order, whether it was recorded (false only for a DELIVERED one already DELIVERED)
     * @throws StoreException also when the driver gives no row count for a DELIVERED update (the unit rolls back)
     */
    public List<Boolean> recordAll(List<Outcome> outcomes) {
        Set<Long> ids = new HashSet<>();
        for (Outcome o : outcomes) {
            if (!ids.add(o.delivery().id())) {
                throw new IllegalArgumentException("delivery " + o.delivery().id() + " twice in one record");
            }
        }
        if (outcomes.isEmpty()) {
            return List.of();
        }
        return jdbc.tx(c -> {
            Map<Outcome.Kind, List<Object[]>> updates = new EnumMap<>(Outcome.Kind.class);
            for (Outcome o : outcomes) {
                updates.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(update(o));
            }
            int[] counts = Jdbc.batch(c, DELIVERED, updates.getOrDefault(Outcome.Kind.DELIVERED, List.of()));
            Jdbc.batch(c, FAILED_ATTEMPT, updates.getOrDefault(Outcome.Kind.FAILED_ATTEMPT, List.of()));
            Jdbc.batch(c, DEAD, updates.getOrDefault(Outcome.Kind.DEAD, List.of()));
            List<Boolean> recorded = new ArrayList<>(outcomes.size());
            List<Object[]> events = new ArrayList<>(outcomes.size());
            int next = 0;
            for (Outcome o : outcomes) {
                boolean changed = o.kind() != Outcome.Kind.DELIVERED || changed(counts[next++], o.delivery());
                recorded.add(changed);
                if (changed) {
                    events.add(event(o));
                }
            }
            Jdbc.batch(c, MessageStore.EVENT, events);
            return recorded;
        });
    }

    /** The parameters of the outcome's update, stamped now. */
    private static Object[] update(Outcome o) {
        Instant now = Instant.now();
        long id = o.delivery().id();
        return switch (o.kind()) {
            case DELIVERED -> new Object[] {DeliveryState.DELIVERED.name(), now, now, id, DeliveryState.DELIVERED.name()};
            case FAILED_ATTEMPT -> new Object[] {truncate(o.text()), now, id};
            case DEAD -> new Object[] {DeliveryState.DEAD.name(), truncate(o.text()), now, id};
        };
    }

    /** The outcome's timeline row, with the texts the operator has always read. */
    private static Object[] event(Outcome o) {
        Delivery d = o.delivery();
        String prefix = d.agency() + ": ";
        return switch (o.kind()) {
            case DELIVERED -> MessageStore.eventRow(d.interchangeId(), d.documentId(), d.id(),
                    DeliveryState.DELIVERED.name(), prefix + o.text());
            case FAILED_ATTEMPT -> MessageStore.eventRow(d.interchangeId(), d.documentId(), d.id(), "DELIVERY_FAILED",
                    prefix + o.text() + " (will retry)");
            case DEAD -> MessageStore.eventRow(d.interchangeId(), d.documentId(), d.id(), "DEAD_LETTER",
                    prefix + o.text());
        };
    }

    /** Whether a DELIVERED update changed its row; a driver that does not say cannot be trusted with a repeat. */
    private static boolean changed(int count, Delivery d) {
        if (count < 0) {
            throw new StoreException("message store: no row count for delivery " + d.id() + "'s DELIVERED update ("
                    + count + "): cannot tell a repeat, nothing recorded", null);
        }
        return count > 0;
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
