package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stored bytes of one interchange, for the message page and {@code GET /api/messages/{id}/raw|documents/{n}|answers/{n}}:
 * the raw payload as received, its canonical documents (numbered from 1 in the order they were mapped) and every
 * answer the gateway sent the partner for it (numbered from 1: the partner replies in the order they were made —
 * CONTRL, APERAK, CUSRES, WCO Response, receipts, decisions — then the AS2 MDNs the gateway returned). Read-only; who
 * may read is decided by the API's access gate before any of this is called. A message whose payloads were archived
 * (store/Retention) answers {@link MessageArchivedException} instead of bytes.
 */
public final class MessageContent {

    /** Stored bytes with what they are: a file name to offer and a media type. */
    public record Content(String kind, String fileName, String mediaType, byte[] bytes) {
    }

    private final Jdbc jdbc;
    private final PayloadFiles payloads;

    public MessageContent(MessageStore store) {
        this.jdbc = store.jdbc();
        this.payloads = store.payloads();
    }

    /** The raw payload exactly as received; empty when there is no such interchange. */
    public Optional<Content> raw(long interchangeId) {
        return jdbc.tx(c -> {
            online(c, interchangeId);
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT file_name, sha256 FROM interchange WHERE id = ?",
                    interchangeId); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.<Content>empty();
                }
                return Optional.of(new Content("RAW", fileName(rs.getString(1)), "application/octet-stream",
                        payloads.read(rs.getString(2))));
            }
        });
    }

    /** Canonical document {@code n} (from 1) of the interchange; empty when there is none (rejected before mapping). */
    public Optional<Content> document(long interchangeId, int n) {
        return jdbc.tx(c -> {
            online(c, interchangeId);
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT document_type, functional_ref, canonical_sha256 FROM document"
                    + " WHERE interchange_id = ? ORDER BY id", interchangeId); ResultSet rs = ps.executeQuery()) {
                for (int i = 1; rs.next(); i++) {
                    if (i == n && rs.getString(3) != null) {
                        return Optional.of(new Content(rs.getString(1), fileName(rs.getString(1) + "-" + rs.getString(2))
                                + ".xml", "application/xml", payloads.read(rs.getString(3))));
                    }
                }
                return Optional.<Content>empty();
            }
        });
    }

    /** The answers sent for the interchange, in order: {@code n}, {@code kind}, {@code fileName}, {@code state}, {@code at}. */
    public List<Map<String, Object>> answers(long interchangeId) {
        return jdbc.tx(c -> answerList(c, interchangeId));
    }

    /** {@link #answers} inside a caller's transaction (the message detail). */
    static List<Map<String, Object>> answerList(Connection c, long interchangeId) throws SQLException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Answer a : answerRows(c, interchangeId)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("n", list.size() + 1);
            row.put("kind", a.kind());
            row.put("fileName", a.fileName());
            row.put("state", a.state());
            row.put("at", a.at());
            list.add(row);
        }
        return list;
    }

    /** Answer {@code n} (from 1, as {@link #answers} numbers them) with its bytes. */
    public Optional<Content> answer(long interchangeId, int n) {
        return jdbc.tx(c -> {
            online(c, interchangeId);
            List<Answer> all = answerRows(c, interchangeId);
            if (n < 1 || n > all.size()) {
                return Optional.<Content>empty();
            }
            Answer a = all.get(n - 1);
            String type = a.mediaType() != null ? a.mediaType()
                    : a.fileName().toLowerCase(java.util.Locale.ROOT).endsWith(".xml") ? "application/xml"
                    : "application/octet-stream";
            return Optional.of(new Content(a.kind(), a.fileName(), type, payloads.read(a.sha256())));
        });
    }

    /** Throws {@link MessageArchivedException} when the message's payloads are in the archive (or purged). */
    private static void online(Connection c, long interchangeId) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT archived_at, archive_name, purged_at, purge_policy FROM"
                + " interchange WHERE id = ? AND archived_at IS NOT NULL", interchangeId); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                java.sql.Timestamp purged = rs.getTimestamp(3);
                throw new MessageArchivedException(interchangeId, rs.getTimestamp(1).toInstant(), rs.getString(2),
                        purged == null ? null : purged.toInstant(), rs.getString(4));
            }
        }
    }

    private record Answer(String kind, String fileName, String state, String at, String sha256, String mediaType) {
    }

    private static List<Answer> answerRows(Connection c, long interchangeId) throws SQLException {
        List<Answer> all = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT kind, file_name, state, created_at, content_sha256 FROM"
                + " partner_reply WHERE interchange_id = ? ORDER BY id", interchangeId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(new Answer(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant().toString(), rs.getString(5), null));
            }
        }
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT id, mdn_state, mdn_at, mdn_sha256, mdn_content_type FROM"
                + " as2_exchange WHERE interchange_id = ? AND direction = 'IN' AND mdn_sha256 IS NOT NULL ORDER BY id",
                interchangeId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                java.sql.Timestamp at = rs.getTimestamp(3);
                all.add(new Answer("MDN", "as2-exchange-" + rs.getLong(1) + ".mdn", rs.getString(2),
                        at == null ? null : at.toInstant().toString(), rs.getString(4), rs.getString(5)));
            }
        }
        return all;
    }

    /** A name safe to offer in Content-Disposition: letters, digits, dot, dash and underscore only. */
    private static String fileName(String name) {
        String n = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return n.isEmpty() ? "payload" : n.length() > 100 ? n.substring(0, 100) : n;
    }
}
