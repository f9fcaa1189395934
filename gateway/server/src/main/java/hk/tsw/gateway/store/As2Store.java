package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AS2 evidence and duplicate record ({@code as2_exchange}), and the intake record of AS2 messages refused before
 * they became interchanges. Raw messages and MDNs are payload files; rows hold their SHA-256.
 */
public final class As2Store {

    public static final String IN = "IN";
    public static final String OUT = "OUT";
    public static final String REFUSED = InterchangeState.REFUSED.name();

    /** One AS2 exchange as recorded. */
    public record Exchange(long id, String direction, String partner, String as2From, String as2To, String messageId,
                           Long interchangeId, Long replyId, String rawSha256, String payloadSha256, boolean signed,
                           boolean encrypted, boolean compressed, String mic, String micAlgorithm, String receivedMic,
                           String disposition, String mdnMode, String mdnUrl, String mdnState, String mdnSha256,
                           String mdnContentType, String signerFingerprint, String gatewayFingerprint, String detail,
                           Instant createdAt, Instant mdnAt) {
    }

    private final Jdbc jdbc;
    private final PayloadFiles payloads;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "as2-evidence-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final AtomicInteger THREADS = new AtomicInteger();

    public As2Store(MessageStore store) {
        this.jdbc = store.jdbc();
        this.payloads = store.payloads();
    }

    public String keep(byte[] bytes) {
        return payloads.write(bytes);
    }

    /**
     * Starts {@link #keep(byte[]) keeping} the bytes durably on another thread, so that the file's fsyncs overlap with
     * the caller's own work; the future completes with their SHA-256 once the file is durable. The caller must wait
     * for it before it records a row that names the file or acknowledges anything that relies on it. At most one
     * write per waiting caller is in flight, so the threads are as many as the callers (the AS2 listener's).
     */
    public CompletableFuture<String> keepInBackground(byte[] bytes) {
        return CompletableFuture.supplyAsync(() -> payloads.write(bytes), background);
    }

    public byte[] read(String sha) {
        return payloads.read(sha);
    }

    /** The exchange with this Message-ID from this sender, if it is within the duplicate window. */
    public Optional<Exchange> find(String direction, String as2From, String messageId, Duration window) {
        return jdbc.tx(c -> {
            List<Exchange> found = query(c, "SELECT " + COLUMNS + " FROM as2_exchange WHERE direction = ? AND as2_from = ?"
                    + " AND message_id_hash = ?", direction, as2From, PayloadFiles.sha256(bytes(messageId)));
            if (found.isEmpty() || found.get(0).createdAt().isBefore(Instant.now().minus(window))) {
                return Optional.<Exchange>empty();
            }
            return Optional.of(found.get(0));
        });
    }

    public Optional<Exchange> get(long id) {
        return jdbc.tx(c -> {
            List<Exchange> found = query(c, "SELECT " + COLUMNS + " FROM as2_exchange WHERE id = ?", id);
            return found.isEmpty() ? Optional.<Exchange>empty() : Optional.of(found.get(0));
        });
    }

    public List<Exchange> forInterchange(long interchangeId) {
        return jdbc.tx(c -> query(c, "SELECT " + COLUMNS + " FROM as2_exchange WHERE interchange_id = ? ORDER BY id",
                interchangeId));
    }

    public Optional<Exchange> forReply(long replyId) {
        return jdbc.tx(c -> {
            List<Exchange> found = query(c, "SELECT " + COLUMNS + " FROM as2_exchange WHERE reply_id = ? ORDER BY id", replyId);
            return found.isEmpty() ? Optional.<Exchange>empty() : Optional.of(found.get(0));
        });
    }

    public List<Exchange> withMdnState(String direction, MdnState mdnState, int limit) {
        return jdbc.tx(c -> {
            List<Exchange> all = query(c, "SELECT " + COLUMNS + " FROM as2_exchange WHERE direction = ? AND mdn_state = ?"
                    + " ORDER BY id", direction, mdnState.name());
            return all.size() > limit ? all.subList(0, limit) : all;
        });
    }

    /**
     * Records an exchange; returns its id, or the id of the row another node recorded first for the same Message-ID
     * (the caller then answers as that one did). A row outside the duplicate window is retired first.
     */
    public long record(Exchange e, Duration window) {
        return record(e, window, null, null);
    }

    /**
     * {@link #record(Exchange, Duration)} and, when the exchange belongs to an interchange, its timeline event
     * {@code type} (detail made from the new exchange's id) in the same transaction: one commit, and never an exchange
     * without its event. Nothing is recorded, event included, when another row for the Message-ID came first.
     */
    public long record(Exchange e, Duration window, String eventType, java.util.function.LongFunction<String> eventDetail) {
        String hash = PayloadFiles.sha256(bytes(e.messageId()));
        return jdbc.tx(c -> {
            long id = insert(c, e, hash, window);
            if (id > 0 && eventType != null && e.interchangeId() != null) {
                MessageStore.event(c, e.interchangeId(), null, null, eventType, eventDetail.apply(id));
            }
            return id;
        });
    }

    private static long insert(Connection c, Exchange e, String hash, Duration window) throws SQLException {
        Long existing = Jdbc.queryLong(c, "SELECT id FROM as2_exchange WHERE direction = ? AND as2_from = ?"
                + " AND message_id_hash = ?", e.direction(), e.as2From(), hash);
        if (existing != null) {
            Exchange old = query(c, "SELECT " + COLUMNS + " FROM as2_exchange WHERE id = ?", existing).get(0);
            if (!old.createdAt().isBefore(Instant.now().minus(window))) {
                return -existing;
            }
            Jdbc.update(c, "UPDATE as2_exchange SET message_id_hash = ? WHERE id = ?",
                    PayloadFiles.sha256(bytes(hash + ":retired:" + existing)), existing);
        }
        return Jdbc.insert(c, "INSERT INTO as2_exchange (direction, partner_id, as2_from, as2_to, message_id,"
                + " message_id_hash, interchange_id, reply_id, raw_sha256, payload_sha256, signed, encrypted, compressed,"
                + " mic, mic_algorithm, received_mic, disposition, mdn_mode, mdn_url, mdn_state, mdn_sha256,"
                + " mdn_content_type, signer_fingerprint, gateway_fingerprint, detail, created_at, mdn_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                e.direction(), e.partner(), e.as2From(), e.as2To(), e.messageId(), hash, e.interchangeId(),
                e.replyId(), e.rawSha256(), e.payloadSha256(), e.signed(), e.encrypted(), e.compressed(), e.mic(),
                e.micAlgorithm(), e.receivedMic(), e.disposition(), e.mdnMode(), e.mdnUrl(), e.mdnState(),
                e.mdnSha256(), e.mdnContentType(), e.signerFingerprint(), e.gatewayFingerprint(), trim(e.detail()),
                e.createdAt(), e.mdnAt());
    }

    /** Asynchronous MDNs owed to partners whose next attempt is due ({@code PENDING}, oldest first). */
    public List<Exchange> asyncMdnsDue(Instant now, int limit) {
        return jdbc.tx(c -> {
            List<Exchange> due = query(c, "SELECT " + COLUMNS + " FROM as2_exchange WHERE direction = ? AND mdn_state = ?"
                    + " AND mdn_mode = 'ASYNC' AND (mdn_next_at IS NULL OR mdn_next_at <= ?) ORDER BY id", IN,
                    MdnState.PENDING.name(), now);
            return due.size() > limit ? due.subList(0, limit) : due;
        });
    }

    /** The MDN's own Message-ID: the one fixed at its first attempt, else {@code candidate}, fixed from now on. */
    public String mdnMessageId(long id, String candidate) {
        return jdbc.tx(c -> {
            Jdbc.update(c, "UPDATE as2_exchange SET mdn_message_id = ? WHERE id = ? AND mdn_message_id IS NULL",
                    candidate, id);
            try (var ps = Jdbc.prepare(c, "SELECT mdn_message_id FROM as2_exchange WHERE id = ?", id);
                 var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : candidate;
            }
        });
    }

    /** How many attempts at the exchange's asynchronous MDN have failed since it was (re)queued. */
    public int mdnAttempts(long id) {
        return jdbc.tx(c -> {
            Long n = Jdbc.queryLong(c, "SELECT mdn_attempts FROM as2_exchange WHERE id = ?", id);
            return n == null ? 0 : n.intValue();
        });
    }

    /**
     * Records a failed attempt at an asynchronous MDN: the next is due at {@code nextAt}, or, once
     * {@code maxAttempts} have failed, the MDN is given up ({@code FAILED}). Returns the failed attempts so far.
     */
    public int mdnAttemptFailed(long id, int maxAttempts, Instant nextAt, String detail) {
        return jdbc.tx(c -> {
            Jdbc.update(c, "UPDATE as2_exchange SET mdn_attempts = mdn_attempts + 1, mdn_next_at = ?, detail = ?,"
                    + " mdn_at = ? WHERE id = ?", nextAt, trim(detail), Instant.now(), id);
            int attempts = Jdbc.queryLong(c, "SELECT mdn_attempts FROM as2_exchange WHERE id = ?", id).intValue();
            if (attempts >= maxAttempts) {
                Jdbc.update(c, "UPDATE as2_exchange SET mdn_state = ?, mdn_next_at = NULL WHERE id = ?",
                        MdnState.FAILED.name(), id);
            }
            return attempts;
        });
    }

    /**
     * Queues an asynchronous MDN again, attempts counted from zero, with the same MDN and Message-ID: an operator's
     * resend of one given up, or the partner's resend of the message. False if the exchange has no asynchronous MDN.
     */
    public boolean resendMdn(long id, String detail) {
        return jdbc.tx(c -> Jdbc.update(c, "UPDATE as2_exchange SET mdn_state = ?, mdn_attempts = 0,"
                + " mdn_next_at = NULL, detail = ? WHERE id = ? AND mdn_mode = 'ASYNC' AND mdn_sha256 IS NOT NULL",
                MdnState.PENDING.name(), trim(detail), id) == 1);
    }

    /** Updates the MDN side of an exchange (state, received MIC, MDN file, disposition, detail). */
    public void mdn(long id, MdnState state, String receivedMic, String mdnSha, String disposition, String detail) {
        jdbc.tx(c -> Jdbc.update(c, "UPDATE as2_exchange SET mdn_state = ?, received_mic = COALESCE(?, received_mic),"
                + " mdn_sha256 = COALESCE(?, mdn_sha256), disposition = COALESCE(?, disposition), detail = ?, mdn_at = ?"
                + " WHERE id = ?", state.name(), receivedMic, mdnSha, disposition, trim(detail), Instant.now(), id));
    }

    /**
     * An AS2 message refused before it became an interchange: kept (raw bytes) and recorded as an interchange in
     * state REFUSED with the reason on its timeline, so an operator finds it like any other message.
     */
    public long refused(String partner, String fileName, byte[] raw, String reason) {
        String sha = payloads.write(raw);
        return jdbc.tx(c -> {
            long id = Jdbc.insert(c, "INSERT INTO interchange (partner_id, channel, file_name, sha256, size_bytes,"
                    + " received_at, state, answer) VALUES (?,?,?,?,?,?,?,?)", partner, "AS2", fileName, sha,
                    (long) raw.length, Instant.now(), REFUSED, reason);
            MessageStore.event(c, id, null, null, "AS2_REFUSED", reason);
            return id;
        });
    }

    public void event(long interchangeId, String type, String detail) {
        jdbc.tx(c -> {
            MessageStore.event(c, interchangeId, null, null, type, detail);
            return null;
        });
    }

    /** The exchange as a JSON-ready map (evidence for the REST API). */
    public static Map<String, Object> describe(Exchange e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("direction", e.direction());
        m.put("partner", e.partner());
        m.put("as2From", e.as2From());
        m.put("as2To", e.as2To());
        m.put("messageId", e.messageId());
        m.put("interchangeId", e.interchangeId());
        m.put("replyId", e.replyId());
        m.put("rawSha256", e.rawSha256());
        m.put("payloadSha256", e.payloadSha256());
        m.put("signed", e.signed());
        m.put("encrypted", e.encrypted());
        m.put("compressed", e.compressed());
        m.put("mic", e.mic());
        m.put("micAlgorithm", e.micAlgorithm());
        m.put("receivedMic", e.receivedMic());
        m.put("disposition", e.disposition());
        m.put("mdnMode", e.mdnMode());
        m.put("mdnUrl", e.mdnUrl());
        m.put("mdnState", e.mdnState());
        m.put("mdnSha256", e.mdnSha256());
        m.put("signerCertificateSha256", e.signerFingerprint());
        m.put("gatewayCertificateSha256", e.gatewayFingerprint());
        m.put("detail", e.detail());
        m.put("createdAt", e.createdAt().toString());
        m.put("mdnAt", e.mdnAt() == null ? null : e.mdnAt().toString());
        return m;
    }

    private static final String COLUMNS = "id, direction, partner_id, as2_from, as2_to, message_id, interchange_id,"
            + " reply_id, raw_sha256, payload_sha256, signed, encrypted, compressed, mic, mic_algorithm, received_mic,"
            + " disposition, mdn_mode, mdn_url, mdn_state, mdn_sha256, mdn_content_type, signer_fingerprint,"
            + " gateway_fingerprint, detail, created_at, mdn_at";

    private static List<Exchange> query(Connection c, String sql, Object... params) throws SQLException {
        List<Exchange> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Exchange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), longOrNull(rs, 7), longOrNull(rs, 8), rs.getString(9), rs.getString(10),
                        rs.getBoolean(11), rs.getBoolean(12), rs.getBoolean(13), rs.getString(14), rs.getString(15),
                        rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19), rs.getString(20),
                        rs.getString(21), rs.getString(22), rs.getString(23), rs.getString(24), rs.getString(25),
                        rs.getTimestamp(26).toInstant(), rs.getTimestamp(27) == null ? null : rs.getTimestamp(27).toInstant()));
            }
        }
        return out;
    }

    private static Long longOrNull(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String trim(String s) {
        return s == null ? null : s.length() > 3900 ? s.substring(0, 3900) : s;
    }
}
