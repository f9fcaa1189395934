package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents routed to one agency (a delivery to it exists), newest first, paged by document id, each with its
 * delivery's state and the latest decision that agency recorded on it: what the agency's console page lists and
 * {@code GET /api/agencies/{code}/documents} answers. Read-only, parameterised SQL only.
 */
public final class AgencyDocuments {

    /** One document routed to the agency; {@code decision} and {@code decidedAt} are null while undecided. */
    public record Row(long documentId, long messageId, String documentType, String functionalRef, String partnerId,
                      String receivedAt, String documentState, String deliveryState, String decision,
                      String decidedAt) {
    }

    private final Jdbc jdbc;

    public AgencyDocuments(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    /** Up to {@code limit} documents routed to {@code agency} with an id below {@code before} (null: from the newest). */
    public List<Row> list(String agency, Long before, int limit) {
        return jdbc.tx(c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT doc.id, doc.interchange_id, doc.document_type,"
                    + " doc.functional_ref, i.partner_id, i.received_at, doc.state, dl.state,"
                    + " d.decision, d.received_at"
                    + " FROM delivery dl JOIN document doc ON doc.id = dl.document_id"
                    + " JOIN interchange i ON i.id = doc.interchange_id"
                    + " LEFT JOIN decision d ON d.id = (SELECT MAX(d2.id) FROM decision d2"
                    + " WHERE d2.document_id = doc.id AND d2.agency = dl.agency)"
                    + " WHERE dl.agency = ? AND doc.id < ? ORDER BY doc.id DESC FETCH FIRST " + Math.max(1, limit)
                    + " ROWS ONLY", agency, before == null ? Long.MAX_VALUE : before);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Timestamp decided = rs.getTimestamp(10);
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant().toString(), rs.getString(7), rs.getString(8),
                            rs.getString(9), decided == null ? null : decided.toInstant().toString()));
                }
            }
            return rows;
        });
    }
}
