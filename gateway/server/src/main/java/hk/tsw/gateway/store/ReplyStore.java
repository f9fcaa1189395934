package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The answers owed to partners ({@code partner_reply}), whatever their reply channel: recorded before they are sent,
 * so an answer is never only in memory. States ({@link ReplyState}): {@code PENDING} (to be sent or collected),
 * {@code SENT} (written to the SFTP outbox, or confirmed by an AS2 MDN), {@code COLLECTED} (acknowledged by a SOAP
 * client), {@code FAILED} (given up after its retries; visible on the timeline).
 */
public final class ReplyStore {

    private static final String PENDING = ReplyState.PENDING.name();

    /** One stored answer. {@code interchangeId} is null for answers not tied to a submission. */
    public record Reply(long id, String partner, String channel, Long interchangeId, String kind, String fileName,
                        String sha256, String state, int attempts, Instant createdAt) {
    }

    private final Jdbc jdbc;
    private final PayloadFiles payloads;

    public ReplyStore(MessageStore store) {
        this.jdbc = store.jdbc();
        this.payloads = store.payloads();
    }

    /** Stores the content durably and records the answer as {@code PENDING}; returns its id. */
    public long add(String partner, String channel, Long interchangeId, String kind, String fileName, byte[] content) {
        String sha = payloads.write(content);
        Instant now = Instant.now();
        return jdbc.tx(c -> {
            if (interchangeId != null) {
                Long existing = Jdbc.queryLong(c, "SELECT MIN(id) FROM partner_reply WHERE interchange_id = ? AND kind = ?"
                        + " AND file_name = ?", interchangeId, kind, fileName);
                if (existing != null && existing > 0) {
                    return existing; // the same answer recorded by an earlier, interrupted run
                }
            }
            long id = Jdbc.insert(c, "INSERT INTO partner_reply (partner_id, channel, interchange_id, kind, file_name,"
                    + " content_sha256, size_bytes, state, attempts, created_at, updated_at, next_attempt_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", partner, channel, interchangeId, kind, fileName, sha,
                    (long) content.length, PENDING, 0, now, now, now);
            if (interchangeId != null && !"SFTP".equals(channel)) {
                MessageStore.event(c, interchangeId, null, null, "REPLY_QUEUED",
                        kind + " " + fileName + " for " + partner + " by " + channel + " (reply " + id + ")");
            }
            return id;
        });
    }

    /**
     * Runs {@code action} once the store unit in progress on this thread has committed (never if it rolls back), or
     * at once outside a unit: an answer recorded with the documents it speaks of is sent only when they are durable.
     */
    public void whenCommitted(Runnable action) {
        jdbc.afterCommit(action);
    }

    public Optional<Reply> get(long id) {
        return jdbc.tx(c -> {
            List<Reply> found = query(c, "SELECT " + COLUMNS + " FROM partner_reply WHERE id = ?", id);
            return found.isEmpty() ? Optional.<Reply>empty() : Optional.of(found.get(0));
        });
    }

    public byte[] content(Reply r) {
        return payloads.read(r.sha256());
    }

    /** The partner's answers still waiting on a channel, oldest first. */
    public List<Reply> pending(String partner, String channel, int limit) {
        return jdbc.tx(c -> {
            List<Reply> all = query(c, "SELECT " + COLUMNS + " FROM partner_reply WHERE partner_id = ? AND channel = ?"
                    + " AND state = ? ORDER BY id", partner, channel, PENDING);
            return all.size() > limit ? all.subList(0, limit) : all;
        });
    }

    /** Ids of every answer still pending on a channel (all partners), oldest first: re-queued at start-up. */
    public List<Long> pendingIds(String channel) {
        return jdbc.tx(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT id FROM partner_reply WHERE channel = ? AND state = ?"
                    + " ORDER BY id", channel, PENDING); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }

    /**
     * Claims up to {@code limit} pending answers of a push channel that are due: each is leased to this node for
     * {@code lease} (a conditional update, so two nodes never both claim one). A node that dies loses its lease.
     */
    public List<Reply> claimDue(String channel, int limit, java.time.Duration lease) {
        return claimDue(channel, limit, lease, null);
    }

    /**
     * As {@link #claimDue(String, int, java.time.Duration)}, only answers recorded before {@code recordedBefore} (null:
     * any): those a node's own send after the commit has had time to settle, left by a node that stopped in between.
     */
    public List<Reply> claimDue(String channel, int limit, java.time.Duration lease, Instant recordedBefore) {
        Instant now = Instant.now();
        List<Long> due = jdbc.tx(c -> {
            List<Long> ids = new ArrayList<>();
            String sql = "SELECT id FROM partner_reply WHERE channel = ? AND state = ? AND next_attempt_at <= ?"
                    + " AND (lease_until IS NULL OR lease_until < ?)";
            try (PreparedStatement ps = recordedBefore == null
                    ? Jdbc.prepare(c, sql + " ORDER BY id", channel, PENDING, now, now)
                    : Jdbc.prepare(c, sql + " AND created_at < ? ORDER BY id", channel, PENDING, now, now,
                            recordedBefore); ResultSet rs = ps.executeQuery()) {
                while (rs.next() && ids.size() < limit) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
        return claim(due, now, lease);
    }

    /**
     * Claims, as {@link #claimDue(String, int, java.time.Duration, Instant)} does, the pending answers of one
     * interchange on {@code channel}, whatever their age: those of an interchange found already processed when its
     * message came again (the node that committed it stopped before writing them).
     */
    public List<Reply> claimPendingOf(long interchangeId, String channel, java.time.Duration lease) {
        Instant now = Instant.now();
        List<Long> pending = jdbc.tx(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT id FROM partner_reply WHERE interchange_id = ?"
                    + " AND channel = ? AND state = ? ORDER BY id", interchangeId, channel, PENDING);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
        return claim(pending, now, lease);
    }

    /** Leases each answer to this node (a conditional update: two nodes never both claim one); those it got. */
    private List<Reply> claim(List<Long> ids, Instant now, java.time.Duration lease) {
        List<Reply> claimed = new ArrayList<>();
        for (long id : ids) {
            boolean mine = jdbc.tx(c -> Jdbc.update(c, "UPDATE partner_reply SET lease_until = ? WHERE id = ?"
                    + " AND state = ? AND (lease_until IS NULL OR lease_until < ?)", now.plus(lease), id, PENDING, now) == 1);
            if (mine) {
                get(id).ifPresent(claimed::add);
            }
        }
        return claimed;
    }

    /** Moves a pending answer to {@code state} with a timeline entry; false if it was no longer pending. */
    public boolean settle(long id, ReplyState state, String detail) {
        return jdbc.tx(c -> {
            int n = Jdbc.update(c, "UPDATE partner_reply SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
                    state.name(), Instant.now(), id, PENDING);
            Long ic = interchangeOf(c, id);
            if (n == 1 && ic != null) {
                // the timeline names the answer itself (CONTRL, APERAK, CUSRES, RECEIPT ...) once it reached the partner
                String kind = kindOf(c, id).toUpperCase(java.util.Locale.ROOT);
                String type = state == ReplyState.SENT ? kind : kind + "_" + state.name();
                MessageStore.event(c, ic, null, null, type.length() > 32 ? type.substring(0, 32) : type,
                        detail + " (reply " + id + ")");
            }
            return n == 1;
        });
    }

    /**
     * Records a failed attempt to send a pending answer and when to try again (its lease is released); returns the
     * number of attempts so far.
     */
    public int attemptFailed(long id, String error, Instant nextAttempt) {
        return jdbc.tx(c -> {
            Jdbc.update(c, "UPDATE partner_reply SET attempts = attempts + 1, last_error = ?, updated_at = ?,"
                    + " next_attempt_at = ?, lease_until = NULL WHERE id = ?", truncate(error), Instant.now(),
                    nextAttempt, id);
            Long n = Jdbc.queryLong(c, "SELECT attempts FROM partner_reply WHERE id = ?", id);
            Long ic = interchangeOf(c, id);
            if (ic != null) {
                MessageStore.event(c, ic, null, null, "REPLY_ATTEMPT_FAILED", "reply " + id + ": " + truncate(error));
            }
            return n == null ? 0 : n.intValue();
        });
    }

    /** Marks the partner's listed answers collected; ids of other partners or not pending are ignored. */
    public int collected(String partner, Collection<Long> ids) {
        int n = 0;
        for (long id : ids) {
            Optional<Reply> r = get(id);
            if (r.isPresent() && r.get().partner().equals(partner)
                    && settle(id, ReplyState.COLLECTED, r.get().kind() + " " + r.get().fileName() + " collected by " + partner)) {
                n++;
            }
        }
        return n;
    }

    private static final String COLUMNS = "id, partner_id, channel, interchange_id, kind, file_name, content_sha256,"
            + " state, attempts, created_at";

    private static List<Reply> query(java.sql.Connection c, String sql, Object... params) throws SQLException {
        List<Reply> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long ic = rs.getLong(4);
                out.add(new Reply(rs.getLong(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : ic,
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                        rs.getTimestamp(10).toInstant()));
            }
        }
        return out;
    }

    /** The interchange an answer belongs to, or null for one tied to none (the column is NULL, JDBC reads 0). */
    private static Long interchangeOf(java.sql.Connection c, long id) throws SQLException {
        Long ic = Jdbc.queryLong(c, "SELECT interchange_id FROM partner_reply WHERE id = ?", id);
        return ic == null || ic <= 0 ? null : ic;
    }

    private static String kindOf(java.sql.Connection c, long id) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT kind FROM partner_reply WHERE id = ?", id);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "REPLY";
        }
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 3900 ? s.substring(0, 3900) : s;
    }
}
