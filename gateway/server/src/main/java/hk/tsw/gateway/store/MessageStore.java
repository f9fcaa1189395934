package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * The gateway's durable record of every interchange, document and delivery, with a timeline of events (H2 or
 * PostgreSQL, schema by Flyway). It is the source of truth: queues carry only ids, so a message redelivered after a
 * crash finds its rows and carries on; every write here is idempotent on its natural key (partner + file hash or
 * reference; interchange + message reference; document + agency).
 *
 * <p>Duplicate windows live here ({@link Receipts}), not in one JVM: any node sharing the database sees them.
 */
public final class MessageStore {

    /** Interchange states (see {@link InterchangeState}). */
    public static final String RECEIVED = InterchangeState.RECEIVED.name();
    public static final String DUPLICATE = InterchangeState.DUPLICATE.name();

    private final Jdbc jdbc;
    private final PayloadFiles payloads;
    private final String node;
    private final Receipts receipts;

    public MessageStore(DataSource ds, PayloadFiles payloads) {
        this(ds, payloads, null);
    }

    /** @param node this node's name, recorded as {@code received_by} of what it receives (null: unknown) */
    public MessageStore(DataSource ds, PayloadFiles payloads, String node) {
        this(ds, payloads, node, CommitSync.of(ds, false));
    }

    /** @param sync what makes a commit durable before it is reported done ({@link CommitSync#of}) */
    public MessageStore(DataSource ds, PayloadFiles payloads, String node, CommitSync sync) {
        this.jdbc = new Jdbc(ds, sync);
        this.payloads = payloads;
        this.node = node;
        this.receipts = new Receipts(jdbc, payloads, node);
    }

    /** The name of the node this store records receipts for, or null. */
    public String node() {
        return node;
    }

    /**
     * Runs {@code work} so that every write it makes through this store (and the stores sharing its connection pool
     * helper, such as {@link DeliveryStore}) on this thread commits once, together: all or nothing. The payload files
     * it writes (canonical documents, answers) are forced together just before that commit ({@link
     * PayloadFiles#together}): no committed row ever names a file that is not durable.
     */
    public <T> T inOneTransaction(java.util.function.Supplier<T> work) {
        return jdbc.unit(() -> payloads.together(work));
    }

    /** Creates or upgrades the schema. */
    public static void migrate(DataSource ds) {
        // 17.7 and 17.9 are Java: they do something on H2 only
        Flyway.configure().dataSource(ds).locations("classpath:db/migration")
                .javaMigrations(new H2IdentityCache(), new H2RedundantIndexes()).load().migrate();
    }

    /**
     * What {@link #receive} found: a new interchange to process, one already received but not finished (process it,
     * idempotently), or a duplicate of one that used its content or reference: recorded as {@link #DUPLICATE},
     * forwarded nowhere, {@code answer} saying so (see {@link DuplicateAnswer}).
     */
    public record Receipt(long id, boolean duplicate, long originalId, String answer, boolean process) {
    }

    /**
     * Stores the raw bytes durably, then records the receipt in one transaction. Only after this returns may the
     * sender be acknowledged. A reference or content counts as used once its interchange was at least partly
     * accepted (or is still being processed): after a full rejection or a gateway failure, the same reference (or
     * the same file) is processed again.
     */
    public Receipt receive(String partner, String channel, String fileName, byte[] content, String reference,
                           Duration duplicateWindow) {
        return receive(partner, channel, fileName, content, reference, duplicateWindow, false);
    }

    /**
     * As {@link #receive(String, String, String, byte[], String, Duration)}; the same content received again while
     * the first copy is still being processed is that one again (a file picked up twice, processed idempotently)
     * unless {@code resendIsDuplicate}: then it is recorded as a duplicate of it (a SOAP resend, answered with its
     * own id and DuplicateOf). Other content under a reference in use is always a duplicate: it is never dropped
     * silently in favour of the first.
     */
    public Receipt receive(String partner, String channel, String fileName, byte[] content, String reference,
                           Duration duplicateWindow, boolean resendIsDuplicate) {
        return receipts.receive(partner, channel, fileName, content, reference, duplicateWindow, resendIsDuplicate);
    }

    /** The interchange as the pipeline needs it. */
    public record StoredInterchange(long id, String partner, String channel, String fileName, String sha256,
                                    String reference, String state) {
    }

    public StoredInterchange interchange(long id) {
        return jdbc.tx(c -> {
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT id, partner_id, channel, file_name, sha256, reference,"
                    + " state FROM interchange WHERE id = ?", id); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no interchange " + id);
                }
                return new StoredInterchange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7));
            }
        });
    }

    public byte[] raw(StoredInterchange i) {
        return payloads.read(i.sha256());
    }

    /** The raw interchange as a stream, for files too large to hold in memory. */
    public java.io.InputStream rawStream(StoredInterchange i) {
        return payloads.open(i.sha256());
    }

    /** The raw interchange's size in bytes. */
    public long rawSize(StoredInterchange i) {
        return payloads.size(i.sha256());
    }

    /** Records a mapped document (once per interchange and message reference) and returns its id. */
    public long mapped(long interchangeId, String messageRef, String documentType, String functionalRef, byte[] canonical) {
        String sha = payloads.write(canonical);
        return jdbc.tx(c -> {
            Long existing = Jdbc.queryLong(c, "SELECT id FROM document WHERE interchange_id = ? AND message_ref = ?",
                    interchangeId, messageRef);
            if (existing != null) {
                return existing;
            }
            long id = Jdbc.insert(c, "INSERT INTO document (interchange_id, message_ref, document_type, functional_ref,"
                    + " state, canonical_sha256, created_at) VALUES (?,?,?,?,?,?,?)", interchangeId, messageRef,
                    documentType, functionalRef, DocumentState.MAPPED.name(), sha, Instant.now());
            event(c, interchangeId, id, null, DocumentState.MAPPED.name(), documentType + " " + functionalRef + " (message " + messageRef + ")");
            return id;
        });
    }

    /**
     * Records the bill-of-lading and container numbers of a document, for search (idempotent): one query for those
     * already recorded, one batch for the rest. Values are kept to their first 70 characters (the column's size).
     */
    public void references(long documentId, String kind, java.util.Collection<String> values) {
        java.util.Set<String> wanted = referenceValues(values);
        if (wanted.isEmpty()) {
            return;
        }
        jdbc.tx(c -> {
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT ref_value FROM document_reference WHERE document_id = ?"
                    + " AND kind = ?", documentId, kind); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    wanted.remove(rs.getString(1));
                }
            }
            if (!wanted.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO document_reference (document_id, kind,"
                        + " ref_value) VALUES (?,?,?)")) {
                    for (String v : wanted) {
                        ps.setLong(1, documentId);
                        ps.setString(2, kind);
                        ps.setString(3, v);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    /** The distinct values to record as references: blank ones left out, each kept to the column's 70 characters. */
    static java.util.Set<String> referenceValues(java.util.Collection<String> values) {
        java.util.Set<String> wanted = new java.util.LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                wanted.add(v.length() > 70 ? v.substring(0, 70) : v);
            }
        }
        return wanted;
    }

    /**
     * Keeps the partner's own reference of a submission refused outright, where duplicate matching does not look
     * (a corrected resend is not a duplicate) but a search by reference finds it.
     */
    public void rejectedReference(long interchangeId, String reference) {
        if (reference != null && !reference.isBlank()) {
            jdbc.tx(c -> Jdbc.update(c, "UPDATE interchange SET rejected_reference = ? WHERE id = ?",
                    reference.length() > 70 ? reference.substring(0, 70) : reference, interchangeId));
        }
    }

    /** Records a rejected message with its located errors (once). */
    public void rejected(long interchangeId, String messageRef, List<String> errors) {
        jdbc.tx(c -> {
            String ref = messageRef == null ? "(interchange)" : messageRef;
            Long existing = Jdbc.queryLong(c, "SELECT id FROM document WHERE interchange_id = ? AND message_ref = ?",
                    interchangeId, ref);
            if (existing == null) {
                long id = Jdbc.insert(c, "INSERT INTO document (interchange_id, message_ref, state, errors, created_at)"
                        + " VALUES (?,?,?,?,?)", interchangeId, ref, DocumentState.REJECTED.name(), String.join("\n", errors), Instant.now());
                event(c, interchangeId, id, null, DocumentState.REJECTED.name(), String.join("\n", errors));
            }
            return null;
        });
    }

    /** Creates the delivery of a document to an agency (once) and returns its id; its idempotency key is stable. */
    public long routed(long interchangeId, long documentId, String agency) {
        return jdbc.tx(c -> {
            Long existing = Jdbc.queryLong(c, "SELECT id FROM delivery WHERE document_id = ? AND agency = ?", documentId, agency);
            if (existing != null) {
                return existing;
            }
            long id = Jdbc.insert(c, "INSERT INTO delivery (document_id, agency, state, attempts, idempotency_key,"
                    + " updated_at) VALUES (?,?,?,?,?,?)", documentId, agency, DeliveryState.PENDING.name(), 0,
                    "tsw-doc-" + documentId + "-" + agency, Instant.now());
            event(c, interchangeId, documentId, id, "ROUTED", "to " + agency);
            return id;
        });
    }

    /** Ends the receive/translate stage of an interchange with the answer given to the sender. */
    public void finished(long interchangeId, InterchangeState ended, String answer) {
        String state = ended.name();
        jdbc.tx(c -> {
            Jdbc.update(c, "UPDATE interchange SET state = ?, answer = ? WHERE id = ?", state, answer, interchangeId);
            event(c, interchangeId, null, null, state, null);
            return null;
        });
    }

    /** Interchanges received but never finished (e.g. the node died before handing them on): to re-queue at start. */
    public List<Long> unfinished() {
        return jdbc.tx(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT id FROM interchange WHERE state = ? ORDER BY id", RECEIVED);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }

    public void event(long interchangeId, Long documentId, Long deliveryId, String type, String detail) {
        jdbc.tx(c -> {
            event(c, interchangeId, documentId, deliveryId, type, detail);
            return null;
        });
    }

    /** A timeline row: its id is the table's identity, its time when it is written (see {@link #eventRow}). */
    static final String EVENT = "INSERT INTO event (interchange_id, document_id, delivery_id, at, type, detail)"
            + " VALUES (?,?,?,?,?,?)";

    static void event(Connection c, long interchangeId, Long documentId, Long deliveryId, String type, String detail)
            throws SQLException {
        Jdbc.insert(c, EVENT, eventRow(interchangeId, documentId, deliveryId, type, detail));
    }

    /** The parameters of {@link #EVENT} for one timeline row, stamped now (for a {@link Jdbc#batch} of them). */
    static Object[] eventRow(long interchangeId, Long documentId, Long deliveryId, String type, String detail) {
        return new Object[] {interchangeId, documentId, deliveryId, Instant.now(), type, detail};
    }

    Jdbc jdbc() {
        return jdbc;
    }

    PayloadFiles payloads() {
        return payloads;
    }
}
