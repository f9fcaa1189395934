package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook side of the timeline: a cursor per partner over the {@code event} table. {@link #sendNext} locks the
 * partner's cursor row for the whole batch, so across nodes one sender at a time sends a partner's events, in order,
 * each at least once; the cursor only moves past an event the partner's endpoint accepted.
 */
public final class WebhookStore {

    /** Sends one event; returns null on success, else the reason. */
    public interface Sender {
        String send(Map<String, Object> event);
    }

    private final Jdbc jdbc;

    public WebhookStore(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    /** Creates the partner's cursor at the current end of the timeline, if it has none yet. */
    public void register(String partner) {
        jdbc.tx(c -> {
            if (Jdbc.queryLong(c, "SELECT last_event_id FROM webhook_cursor WHERE partner_id = ?", partner) == null) {
                Long last = Jdbc.queryLong(c, "SELECT COALESCE(MAX(id), 0) FROM event");
                Jdbc.update(c, "INSERT INTO webhook_cursor (partner_id, last_event_id, failures, next_attempt_at)"
                        + " VALUES (?,?,?,?)", partner, last == null ? 0L : last, 0, Instant.now());
            }
            return null;
        });
    }

    /** Sends up to {@code batch} new events of the partner; stops at the first failure and backs off. */
    public int sendNext(String partner, int batch, Sender sender) {
        return jdbc.tx(c -> {
            long last;
            int failures;
            Instant next;
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT last_event_id, failures, next_attempt_at FROM"
                    + " webhook_cursor WHERE partner_id = ? FOR UPDATE", partner); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                last = rs.getLong(1);
                failures = rs.getInt(2);
                next = rs.getTimestamp(3).toInstant();
            }
            if (Instant.now().isBefore(next)) {
                return 0;
            }
            List<Map<String, Object>> events = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT e.id, e.interchange_id, e.document_id, e.delivery_id,"
                    + " e.at, e.type, e.detail, i.reference FROM event e JOIN interchange i ON i.id = e.interchange_id"
                    + " WHERE i.partner_id = ? AND e.id > ? ORDER BY e.id FETCH FIRST " + batch + " ROWS ONLY",
                    partner, last); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("eventId", rs.getLong(1));
                    e.put("messageId", rs.getLong(2));
                    e.put("documentId", rs.getObject(3));
                    e.put("deliveryId", rs.getObject(4));
                    e.put("at", rs.getTimestamp(5).toInstant().toString());
                    e.put("type", rs.getString(6));
                    e.put("detail", rs.getString(7));
                    e.put("reference", rs.getString(8));
                    e.put("partner", partner);
                    events.add(e);
                }
            }
            int sent = 0;
            for (Map<String, Object> e : events) {
                String error = sender.send(e);
                if (error != null) {
                    failures++;
                    Duration wait = Duration.ofSeconds(Math.min(300, 1L << Math.min(failures, 8)));
                    Jdbc.update(c, "UPDATE webhook_cursor SET last_event_id = ?, failures = ?, next_attempt_at = ?,"
                            + " last_error = ? WHERE partner_id = ?", last, failures, Timestamp.from(Instant.now().plus(wait)),
                            error.length() > 4000 ? error.substring(0, 4000) : error, partner);
                    return sent;
                }
                last = (Long) e.get("eventId");
                sent++;
            }
            Jdbc.update(c, "UPDATE webhook_cursor SET last_event_id = ?, failures = 0, next_attempt_at = ?,"
                    + " last_error = NULL WHERE partner_id = ?", last, Timestamp.from(Instant.now()), partner);
            return sent;
        });
    }
}
