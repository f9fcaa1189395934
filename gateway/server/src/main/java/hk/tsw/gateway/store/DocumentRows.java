package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Records one accepted document with everything the route stage writes for it: the document and its canonical
 * payload, its bill-of-lading and container numbers, and one PENDING delivery per agency, each with its timeline row.
 * The same rows as {@link MessageStore#mapped}, {@link MessageStore#references} and {@link MessageStore#routed} one
 * after the other, and as idempotent; but a document recorded for the first time cannot have references or
 * deliveries yet, so none is looked for (one query per document instead of one per reference kind and agency), and its
 * references go in one batch. A document an earlier, interrupted run recorded takes the checked path.
 */
public final class DocumentRows {

    private final MessageStore store;
    private final Jdbc jdbc;
    private final PayloadFiles payloads;

    public DocumentRows(MessageStore store) {
        this.store = store;
        this.jdbc = store.jdbc();
        this.payloads = store.payloads();
    }

    /**
     * Records the document (once per interchange and message reference) with its references by kind and its
     * deliveries; returns its id. Call inside {@link MessageStore#inOneTransaction} for one commit.
     */
    public long record(long interchangeId, String messageRef, String documentType, String functionalRef,
                       byte[] canonical, Map<String, ? extends Collection<String>> references,
                       Collection<String> agencies) {
        Long existing = jdbc.tx(c -> Jdbc.queryLong(c, "SELECT id FROM document WHERE interchange_id = ? AND"
                + " message_ref = ?", interchangeId, messageRef));
        if (existing != null) {
            references.forEach((kind, values) -> store.references(existing, kind, values));
            agencies.forEach(agency -> store.routed(interchangeId, existing, agency));
            return existing;
        }
        String sha = payloads.write(canonical);
        return jdbc.tx(c -> {
            long id = Jdbc.insert(c, "INSERT INTO document (interchange_id, message_ref, document_type, functional_ref,"
                    + " state, canonical_sha256, created_at) VALUES (?,?,?,?,?,?,?)", interchangeId, messageRef,
                    documentType, functionalRef, DocumentState.MAPPED.name(), sha, Instant.now());
            MessageStore.event(c, interchangeId, id, null, DocumentState.MAPPED.name(), documentType + " "
                    + functionalRef + " (message " + messageRef + ")");
            insertReferences(c, id, references);
            for (String agency : agencies) {
                long delivery = Jdbc.insert(c, "INSERT INTO delivery (document_id, agency, state, attempts,"
                        + " idempotency_key, updated_at) VALUES (?,?,?,?,?,?)", id, agency,
                        DeliveryState.PENDING.name(), 0, "tsw-doc-" + id + "-" + agency, Instant.now());
                MessageStore.event(c, interchangeId, id, delivery, "ROUTED", "to " + agency);
            }
            return id;
        });
    }

    private static void insertReferences(Connection c, long documentId,
                                         Map<String, ? extends Collection<String>> references) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO document_reference (document_id, kind, ref_value)"
                + " VALUES (?,?,?)")) {
            int rows = 0;
            for (Map.Entry<String, ? extends Collection<String>> kind : references.entrySet()) {
                for (String v : MessageStore.referenceValues(kind.getValue())) {
                    ps.setLong(1, documentId);
                    ps.setString(2, kind.getKey());
                    ps.setString(3, v);
                    ps.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        }
    }
}
