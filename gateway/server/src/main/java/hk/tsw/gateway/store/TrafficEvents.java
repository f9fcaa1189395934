package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one timeline event adds to the {@link TrafficCounts} figures, so that the sum over the events of the store
 * equals its full counts: an interchange's first end event (TRANSLATED, PARTIAL, REJECTED, FAILED on the
 * interchange; DUPLICATE and AS2_REFUSED, which end it at receipt) counts it as received under its documents' types
 * and, by its state, as rejected; a duplicate counts at the later of its own DUPLICATE event and its original's first
 * end event (the original's types are final then); a document's REJECTED event, a delivery's DELIVERED and
 * DEAD_LETTER events count once each. Every query here is by primary key or by {@code ix_event_interchange},
 * {@code uq_document_message} and {@code ix_interchange_duplicate_of}: its cost is that of the event, not of the store.
 * The caller hands the events in id order, none before all lower ids are settled ({@link TrafficTotals}).
 */
final class TrafficEvents {

    /** One row of the timeline as the totals read it; {@code agency} only for a delivery's events. */
    record Event(long id, String type, long interchangeId, Long documentId, Long deliveryId, String agency) {
    }

    /** The timeline above an id, in order (a range of the primary key). */
    static final String ABOVE = "SELECT id, type, interchange_id, document_id, delivery_id FROM event WHERE id > ?"
            + " ORDER BY id FETCH FIRST 50000 ROWS ONLY";
    /** A delivery's outcomes: the events that need its agency. */
    private static final Set<String> OUTCOMES = Set.of(DeliveryState.DELIVERED.name(), "DEAD_LETTER");

    private static final String DUPLICATE = InterchangeState.DUPLICATE.name();
    /** The event types that end an interchange's receive/translate stage (with no document or delivery id). */
    private static final List<String> ENDS = List.of(InterchangeState.TRANSLATED.name(),
            InterchangeState.PARTIAL.name(), InterchangeState.REJECTED.name(), InterchangeState.FAILED.name(),
            DUPLICATE, "AS2_REFUSED");
    private static final String FIRST_END = "SELECT MIN(id) FROM event WHERE interchange_id = ? AND document_id IS NULL"
            + " AND delivery_id IS NULL AND type IN (?, ?, ?, ?, ?, ?)";

    private TrafficEvents() {
    }

    /** The events above {@code after} ({@link #ABOVE}), a delivery's outcomes with its agency. */
    static List<Event> above(Connection c, long after) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(c, ABOVE, after); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long doc = rs.getLong(4);
                Long document = rs.wasNull() ? null : doc;
                long dlv = rs.getLong(5);
                Long delivery = rs.wasNull() ? null : dlv;
                events.add(new Event(rs.getLong(1), rs.getString(2), rs.getLong(3), document, delivery, null));
            }
        }
        List<Long> deliveries = events.stream().filter(e -> e.deliveryId() != null && OUTCOMES.contains(e.type()))
                .map(Event::deliveryId).distinct().toList();
        Map<Long, String> agencies = new java.util.HashMap<>();
        for (int from = 0; from < deliveries.size(); from += 100) { // by primary key, a hundred at a time
            List<Long> some = deliveries.subList(from, Math.min(deliveries.size(), from + 100));
            String marks = String.join(",", java.util.Collections.nCopies(some.size(), "?"));
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT id, agency FROM delivery WHERE id IN (" + marks + ")",
                    some.toArray()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    agencies.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        if (agencies.isEmpty()) {
            return events;
        }
        List<Event> out = new ArrayList<>(events.size());
        for (Event e : events) {
            out.add(e.deliveryId() == null || !OUTCOMES.contains(e.type()) ? e : new Event(e.id(), e.type(),
                    e.interchangeId(), e.documentId(), e.deliveryId(), agencies.get(e.deliveryId())));
        }
        return out;
    }

    /** Adds what {@code e} counts to {@code into}. */
    static void count(Connection c, Event e, Map<String, Map<List<String>, Long>> into) throws SQLException {
        if (e.deliveryId() != null && e.agency() != null) {
            if (DeliveryState.DELIVERED.name().equals(e.type())) {
                TrafficCounts.add(into, "tsw.delivered", List.of(e.agency()), 1);
            } else if ("DEAD_LETTER".equals(e.type())) {
                TrafficCounts.add(into, "tsw.delivery.failed", List.of(e.agency()), 1);
            }
        } else if (e.documentId() != null) {
            if (DocumentState.REJECTED.name().equals(e.type()) && e.deliveryId() == null) {
                TrafficCounts.add(into, "tsw.rejected", List.of("document"), 1);
            }
        } else if (e.deliveryId() == null && ENDS.contains(e.type()) && firstEnd(c, e.interchangeId()) == e.id()) {
            ended(c, e, into);
        }
    }

    private record Interchange(String channel, String partner, String state, Long duplicateOf) {
    }

    /** The interchange of {@code e} has just ended: received, maybe rejected or a duplicate; its duplicates now count. */
    private static void ended(Connection c, Event e, Map<String, Map<List<String>, Long>> into) throws SQLException {
        Interchange i = interchange(c, e.interchangeId());
        if (i == null || InterchangeState.RECEIVED.name().equals(i.state())) {
            return; // not an end after all (an event of that name from elsewhere)
        }
        Set<String> types = types(c, e.interchangeId());
        for (String type : types) {
            TrafficCounts.add(into, "tsw.received", List.of(i.channel(), i.partner(), type), 1);
        }
        if (List.of(InterchangeState.REJECTED.name(), InterchangeState.REFUSED.name(), InterchangeState.FAILED.name())
                .contains(i.state())) {
            TrafficCounts.add(into, "tsw.rejected", List.of(i.state().toLowerCase(java.util.Locale.ROOT)), 1);
        }
        if (DUPLICATE.equals(i.state())) {
            Long original = i.duplicateOf();
            if (original == null) {
                TrafficCounts.add(into, "tsw.duplicates", List.of(i.partner(), TrafficCounts.UNKNOWN), 1);
            } else {
                long end = firstEnd(c, original);
                if (end > 0 && end < e.id()) { // the original had ended: its types are known (else counted at its end)
                    duplicate(into, i.partner(), types(c, original));
                }
            }
        }
        // the duplicates recorded before this end waited for it
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT id, partner_id, state FROM interchange WHERE"
                + " duplicate_of = ?", e.interchangeId()); ResultSet rs = ps.executeQuery()) {
            List<Object[]> dups = new ArrayList<>();
            while (rs.next()) {
                if (DUPLICATE.equals(rs.getString(3))) {
                    dups.add(new Object[] {rs.getLong(1), rs.getString(2)});
                }
            }
            for (Object[] d : dups) {
                long at = firstEnd(c, (Long) d[0]);
                if (at > 0 && at < e.id()) {
                    duplicate(into, (String) d[1], types);
                }
            }
        }
    }

    private static void duplicate(Map<String, Map<List<String>, Long>> into, String partner, Set<String> types) {
        for (String type : types) {
            TrafficCounts.add(into, "tsw.duplicates", List.of(partner, type), 1);
        }
    }

    /** The id of the interchange's first end event; 0 when it has none. */
    private static long firstEnd(Connection c, long interchangeId) throws SQLException {
        Object[] params = new Object[1 + ENDS.size()];
        params[0] = interchangeId;
        for (int i = 0; i < ENDS.size(); i++) {
            params[i + 1] = ENDS.get(i);
        }
        Long id = Jdbc.queryLong(c, FIRST_END, params);
        return id == null ? 0 : id;
    }

    private static Interchange interchange(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT channel, partner_id, state, duplicate_of FROM interchange"
                + " WHERE id = ?", id); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long of = rs.getLong(4);
            return new Interchange(rs.getString(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : of);
        }
    }

    /** The document types an interchange carried ({@code UNKNOWN} for a rejected document, or when it has none). */
    private static Set<String> types(Connection c, long interchangeId) throws SQLException {
        Set<String> types = new LinkedHashSet<>();
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT DISTINCT COALESCE(document_type, '" + TrafficCounts.UNKNOWN
                + "') FROM document WHERE interchange_id = ?", interchangeId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                types.add(rs.getString(1));
            }
        }
        if (types.isEmpty()) {
            types.add(TrafficCounts.UNKNOWN);
        }
        return types;
    }
}
