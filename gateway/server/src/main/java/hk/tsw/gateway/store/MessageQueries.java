package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The read side for the status API and the operator console: search interchanges, and one interchange with its
 * documents, deliveries and timeline. Returns plain maps ready for JSON.
 */
public final class MessageQueries {

    /** The most messages one search answers ({@code limit}'s maximum in docs/openapi.yaml). */
    public static final int MAX_LIMIT = 1000;

    /**
     * Search filters; null means "any". {@code before}: the cursor of a page, only messages with a smaller id (the
     * list is newest first, so the next page starts below the last id of this one). {@code agency}: only messages
     * with a document routed to that agency (an agency user's view).
     */
    public record Query(String partner, String documentType, String state, String reference, Instant from, Instant to,
                        int limit, Long before, String agency) {
        public Query(String partner, String documentType, String state, String reference, Instant from, Instant to,
                     int limit, Long before) {
            this(partner, documentType, state, reference, from, to, limit, before, null);
        }

        public Query(String partner, String documentType, String state, String reference, Instant from, Instant to,
                     int limit) {
            this(partner, documentType, state, reference, from, to, limit, null);
        }
    }

    private final Jdbc jdbc;

    public MessageQueries(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    public List<Map<String, Object>> search(Query q) {
        StringBuilder sql = new StringBuilder("SELECT DISTINCT i.id, i.partner_id, i.channel, i.file_name,"
                + " COALESCE(i.reference, i.rejected_reference) AS reference,"
                + " i.state, i.received_at, i.duplicate_of FROM interchange i LEFT JOIN document d ON d.interchange_id = i.id"
                + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.partner() != null) {
            sql.append(" AND i.partner_id = ?");
            params.add(q.partner());
        }
        if (q.agency() != null) {
            sql.append(" AND i.id IN (SELECT doc.interchange_id FROM delivery dl JOIN document doc ON doc.id = dl.document_id"
                    + " WHERE dl.agency = ?)");
            params.add(q.agency());
        }
        if (q.documentType() != null) {
            sql.append(" AND d.document_type = ?");
            params.add(q.documentType());
        }
        if (q.state() != null) {
            sql.append(" AND (i.state = ? OR d.state = ?)");
            params.add(q.state());
            params.add(q.state());
        }
        if (q.reference() != null) {
            sql.append(" AND (i.reference = ? OR i.rejected_reference = ? OR d.functional_ref = ? OR d.message_ref = ?"
                    + " OR d.id IN (SELECT document_id FROM document_reference WHERE ref_value = ?))");
            params.add(q.reference());
            params.add(q.reference());
            params.add(q.reference());
            params.add(q.reference());
            params.add(q.reference());
        }
        if (q.from() != null) {
            sql.append(" AND i.received_at >= ?");
            params.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND i.received_at < ?");
            params.add(q.to());
        }
        if (q.before() != null) {
            sql.append(" AND i.id < ?");
            params.add(q.before());
        }
        sql.append(" ORDER BY i.id DESC");
        int limit = q.limit() <= 0 ? 100 : Math.min(q.limit(), MAX_LIMIT);
        return jdbc.tx(c -> {
            List<Map<String, Object>> found = rows(c.prepareStatement(sql + " FETCH FIRST " + limit + " ROWS ONLY"), params);
            Map<Long, List<String>> numbers = documentNumbers(c, found.stream()
                    .map(r -> ((Number) r.get("id")).longValue()).toList());
            found.forEach(r -> r.put("documentNumbers", numbers.getOrDefault(((Number) r.get("id")).longValue(), List.of())));
            return found;
        });
    }

    /** The partner's own numbers of the documents (functional references) of these interchanges, in message order. */
    private static Map<Long, List<String>> documentNumbers(java.sql.Connection c, List<Long> ids) throws SQLException {
        Map<Long, List<String>> numbers = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return numbers;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT interchange_id, functional_ref FROM document WHERE"
                + " interchange_id IN (" + marks + ") AND functional_ref IS NOT NULL ORDER BY id")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    numbers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return numbers;
    }

    /**
     * One interchange with documents, deliveries and timeline, or null; its {@code state} rolled up from the stage
     * ({@code stage}) and the deliveries ({@link StateRollUp}); {@code archive} (archivedAt, archiveName,
     * archivePolicy, restoredAt, purgedAt, purgePolicy: those set) once retention archived, restored or purged it.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> detail(long id) {
        return jdbc.tx(c -> {
            List<Map<String, Object>> found = rows(c.prepareStatement("SELECT id, partner_id, channel, file_name, sha256,"
                    + " size_bytes, COALESCE(reference, rejected_reference) AS reference, state, received_at, duplicate_of, replay_of, answer"
                    + " FROM interchange WHERE id = ?"), List.of(id));
            if (found.isEmpty()) {
                return null;
            }
            Map<String, Object> result = found.get(0);
            result.put("documents", rows(c.prepareStatement("SELECT id, message_ref, document_type, functional_ref,"
                    + " state, errors, created_at FROM document WHERE interchange_id = ? ORDER BY id"), List.of(id)));
            result.put("deliveries", rows(c.prepareStatement("SELECT d.id, d.document_id, d.agency, d.state, d.attempts,"
                    + " d.idempotency_key, d.last_error, d.delivered_at FROM delivery d JOIN document doc ON"
                    + " doc.id = d.document_id WHERE doc.interchange_id = ? ORDER BY d.id"), List.of(id)));
            Object stage = result.get("state");
            result.put("state", StateRollUp.of((String) stage, ((List<Map<String, Object>>) result.get("deliveries"))
                    .stream().map(d -> (String) d.get("state")).toList()));
            result.put("stage", stage);
            result.put("documentNumbers", documentNumbers(c, List.of(id)).getOrDefault(id, List.of()));
            result.put("answers", MessageContent.answerList(c, id));
            result.put("timeline", rows(c.prepareStatement("SELECT at, type, document_id, delivery_id, detail FROM event"
                    + " WHERE interchange_id = ? ORDER BY id"), List.of(id)));
            // retention (store/Retention): where the payloads are when they are not online, or were
            Map<String, Object> archive = rows(c.prepareStatement("SELECT archived_at, archive_name, archive_policy,"
                    + " restored_at, purged_at, purge_policy FROM interchange WHERE id = ?"), List.of(id)).get(0);
            archive.values().removeIf(java.util.Objects::isNull);
            if (!archive.isEmpty()) {
                result.put("archive", archive);
            }
            return result;
        });
    }

    private static List<Map<String, Object>> rows(PreparedStatement ps, List<Object> params) throws SQLException {
        try (ps) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                ps.setObject(i + 1, p instanceof Instant t ? Timestamp.from(t) : p);
            }
            List<Map<String, Object>> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= md.getColumnCount(); col++) {
                        Object v = rs.getObject(col);
                        if (v instanceof Timestamp t) {
                            v = t.toInstant().toString();
                        } else if (v instanceof java.time.OffsetDateTime o) {
                            v = o.toInstant().toString();
                        }
                        row.put(camel(md.getColumnLabel(col)), v);
                    }
                    list.add(row);
                }
            }
            return list;
        }
    }

    private static String camel(String column) {
        String lower = column.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : lower.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }
}
