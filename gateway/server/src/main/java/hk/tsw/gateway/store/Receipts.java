package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import hk.tsw.gateway.store.MessageStore.Receipt;

/**
 * The receipt of an interchange ({@link MessageStore#receive}): its raw bytes stored durably, then its row recorded in
 * one transaction, new or as a duplicate of the interchange that used its content or reference first within the
 * duplicate window. The window is in the database, so every node sharing it sees the same duplicates.
 */
final class Receipts {

    private static final String RECEIVED = InterchangeState.RECEIVED.name();
    private static final String DUPLICATE = InterchangeState.DUPLICATE.name();

    private final Jdbc jdbc;
    private final PayloadFiles payloads;
    private final String node;

    Receipts(Jdbc jdbc, PayloadFiles payloads, String node) {
        this.jdbc = jdbc;
        this.payloads = payloads;
        this.node = node;
    }

    /** See {@link MessageStore#receive(String, String, String, byte[], String, Duration, boolean)}. */
    Receipt receive(String partner, String channel, String fileName, byte[] content, String reference,
                    Duration duplicateWindow, boolean resendIsDuplicate) {
        String sha = payloads.write(content);
        Instant now = Instant.now();
        Instant since = now.minus(duplicateWindow);
        return jdbc.tx(c -> {
            Original original = findOriginal(c, partner, sha, reference, since);
            if (original != null && RECEIVED.equals(original.state()) && original.sameContent()
                    && !resendIsDuplicate) {
                return new Receipt(original.id(), false, original.id(), null, true);
            }
            if (original != null) {
                String answer = DuplicateAnswer.text(partner, channel, fileName, reference, original.id(),
                        original.receivedAt(), original.sameContent());
                long id = Jdbc.insert(c, "INSERT INTO interchange (partner_id, channel, file_name, sha256, size_bytes,"
                        + " reference, received_at, state, duplicate_of, answer) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        partner, channel, fileName, sha, (long) content.length, reference, now, DUPLICATE,
                        original.id(), answer);
                MessageStore.event(c, id, null, null, DUPLICATE, "duplicate of interchange " + original.id()
                        + " (same " + (original.sameContent() ? "file content" : "interchange reference, other content")
                        + "); not processed, not forwarded");
                return new Receipt(id, true, original.id(), answer, false);
            }
            long id = Jdbc.insert(c, "INSERT INTO interchange (partner_id, channel, file_name, sha256, size_bytes,"
                    + " reference, received_at, state, received_by) VALUES (?,?,?,?,?,?,?,?,?)",
                    partner, channel, fileName, sha, (long) content.length, reference, now, RECEIVED, node);
            MessageStore.event(c, id, null, null, RECEIVED, channel + " " + fileName + " (" + content.length
                    + " bytes, sha256 " + sha + ")");
            return new Receipt(id, false, id, null, true);
        });
    }

    /** The interchange that used a content or reference first: its id, state, time, and which of the two matched. */
    private record Original(long id, String state, Instant receivedAt, boolean sameContent) {
    }

    /**
     * States after which neither the content nor the reference counts as used: nothing of it was accepted (bound as
     * DUPLICATE, REJECTED, FAILED).
     */
    private static final String NOT_USED = " AND state NOT IN (?, ?, ?)";

    /** The first interchange within the window that used this content, else this reference; or null. */
    private static Original findOriginal(Connection c, String partner, String sha, String reference, Instant since)
            throws SQLException {
        Long bySha = Jdbc.queryLong(c, "SELECT MIN(id) FROM interchange WHERE partner_id = ? AND sha256 = ?"
                + NOT_USED + " AND received_at >= ?", partner, sha, DUPLICATE, InterchangeState.REJECTED.name(),
                InterchangeState.FAILED.name(), since);
        if (bySha != null && bySha > 0) {
            return original(c, bySha, true);
        }
        if (reference == null || reference.isBlank()) {
            return null;
        }
        Long byRef = Jdbc.queryLong(c, "SELECT MIN(id) FROM interchange WHERE partner_id = ? AND reference = ?"
                + NOT_USED + " AND received_at >= ?", partner, reference, DUPLICATE,
                InterchangeState.REJECTED.name(), InterchangeState.FAILED.name(), since);
        return byRef != null && byRef > 0 ? original(c, byRef, false) : null;
    }

    private static Original original(Connection c, long id, boolean sameContent) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT state, received_at FROM interchange WHERE id = ?", id);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Original(id, rs.getString(1), rs.getTimestamp(2).toInstant(), sameContent);
        }
    }
}
