package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

/**
 * Agency decisions on delivered documents. A decision is accepted only for a document that was routed to that
 * agency; an agency's own reference makes a resend of the same decision harmless (recorded once).
 */
public final class DecisionStore {

    /**
     * A decision as an agency posts it; {@code lines} are the licensed lines of a licence or permit issued (empty
     * for other decisions).
     */
    public record Decision(String agency, String decision, List<String> reasons, String licenceNumber,
                           String validFrom, String validTo, String agencyReference, List<LicensedLine> lines) {

        public Decision {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }

        public Decision(String agency, String decision, List<String> reasons, String licenceNumber, String validFrom,
                        String validTo, String agencyReference) {
            this(agency, decision, reasons, licenceNumber, validFrom, validTo, agencyReference, List.of());
        }
    }

    /** One licensed line: HS code, quantity and unit (UN/ECE Rec 20). */
    public record LicensedLine(String hsCode, java.math.BigDecimal quantity, String unit) {
    }

    /** Where a decision landed: the document and interchange it belongs to, and the partner to answer. */
    public record Recorded(long id, long documentId, long interchangeId, String partner, String functionalRef,
                           String messageRef, boolean repeat) {
    }

    private final Jdbc jdbc;
    private final MessageStore store;

    public DecisionStore(MessageStore store) {
        this.jdbc = store.jdbc();
        this.store = store;
    }

    /** The document's type and canonical XML (as it was delivered). */
    public record Canonical(String documentType, byte[] xml) {
    }

    public Canonical canonical(long documentId) {
        String[] row = jdbc.tx(c -> {
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT document_type, canonical_sha256 FROM document WHERE id = ?",
                    documentId); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[]{rs.getString(1), rs.getString(2)} : null;
            }
        });
        return row == null || row[1] == null ? null : new Canonical(row[0], store.payloads().read(row[1]));
    }

    /** The document for a gateway document id, interchange id (single document) or the sender's reference. */
    public Long findDocument(Long documentId, Long messageId, String reference) {
        return jdbc.tx(c -> {
            if (documentId != null) {
                return Jdbc.queryLong(c, "SELECT id FROM document WHERE id = ? AND state = ?", documentId,
                        DocumentState.MAPPED.name());
            }
            if (messageId != null) {
                return Jdbc.queryLong(c, "SELECT MIN(id) FROM document WHERE interchange_id = ? AND state = ?"
                        + " HAVING COUNT(*) = 1", messageId, DocumentState.MAPPED.name());
            }
            if (reference != null) {
                return Jdbc.queryLong(c, "SELECT MAX(id) FROM document WHERE functional_ref = ? AND state = ?"
                        + " HAVING COUNT(*) >= 1", reference, DocumentState.MAPPED.name());
            }
            return null;
        });
    }

    /** True when the document was routed to this agency (only then may the agency decide on it). */
    public boolean routedTo(long documentId, String agency) {
        return jdbc.tx(c -> Jdbc.queryLong(c, "SELECT id FROM delivery WHERE document_id = ? AND agency = ?",
                documentId, agency) != null);
    }

    /**
     * Records the decision and, for a decision not recorded before, runs {@code sameTransaction} (e.g. entering the
     * licence it issues in the ledger) in the same database transaction: both commit or neither (a crash between
     * them cannot leave an issued licence out of the ledger). A failure of {@code sameTransaction} rolls the decision
     * back and is thrown.
     */
    public Recorded record(long documentId, Decision d, java.util.function.Consumer<Recorded> sameTransaction) {
        return jdbc.unit(() -> {
            Recorded r = record(documentId, d);
            if (!r.repeat()) {
                sameTransaction.accept(r);
            }
            return r;
        });
    }

    public Recorded record(long documentId, Decision d) {
        return jdbc.tx(c -> {
            long interchangeId;
            String partner;
            String functionalRef;
            String messageRef;
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT d.interchange_id, i.partner_id, d.functional_ref, d.message_ref FROM"
                    + " document d JOIN interchange i ON i.id = d.interchange_id WHERE d.id = ?", documentId);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                interchangeId = rs.getLong(1);
                partner = rs.getString(2);
                functionalRef = rs.getString(3);
                messageRef = rs.getString(4);
            }
            if (d.agencyReference() != null) {
                Long existing = Jdbc.queryLong(c, "SELECT id FROM decision WHERE agency = ? AND agency_reference = ?",
                        d.agency(), d.agencyReference());
                if (existing != null) {
                    return new Recorded(existing, documentId, interchangeId, partner, functionalRef, messageRef, true);
                }
            }
            long id = Jdbc.insert(c, "INSERT INTO decision (document_id, agency, decision, reasons, licence_number,"
                    + " valid_from, valid_to, agency_reference, received_at) VALUES (?,?,?,?,?,?,?,?,?)", documentId,
                    d.agency(), d.decision(), String.join("\n", d.reasons()), d.licenceNumber(), d.validFrom(),
                    d.validTo(), d.agencyReference(), Instant.now());
            MessageStore.event(c, interchangeId, documentId, null, "DECISION", d.agency() + ": " + d.decision()
                    + (d.licenceNumber() == null ? "" : " licence " + d.licenceNumber())
                    + (d.lines().isEmpty() ? "" : " for " + String.join("; ", d.lines().stream().map(l -> "HS "
                    + l.hsCode() + " " + l.quantity().stripTrailingZeros().toPlainString() + " " + l.unit()).toList()))
                    + (d.reasons().isEmpty() ? "" : " - " + String.join("; ", d.reasons())));
            return new Recorded(id, documentId, interchangeId, partner, functionalRef, messageRef, false);
        });
    }
}
