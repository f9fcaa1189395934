package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The console's sessions in the store ({@code console_session}), shared by every gateway node: keyed by the SHA-256
 * of the session cookie (the caller hashes; the raw cookie value is never stored), with the signed-in user (null for
 * the login form's anonymous session), the CSRF token and when the session was created and last used. Every method is
 * one short transaction.
 */
public final class ConsoleSessionStore {

    /** One stored session. */
    public record Row(String userId, String csrf, Instant createdAt, Instant lastSeen) {
    }

    private final Jdbc jdbc;

    public ConsoleSessionStore(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    public void insert(String hash, String userId, String csrf, Instant now) {
        jdbc.tx(c -> Jdbc.update(c, "INSERT INTO console_session (session_hash, user_id, csrf_token, created_at, "
                + "last_seen) VALUES (?, ?, ?, ?, ?)", hash, userId, csrf, now, now));
    }

    public Optional<Row> find(String hash) {
        return jdbc.tx(c -> {
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT user_id, csrf_token, created_at, last_seen FROM "
                    + "console_session WHERE session_hash = ?", hash); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)))) : Optional.<Row>empty();
            }
        });
    }

    /** Records a use of the session (only moves last_seen forward, so racing nodes cannot move it back). */
    public void touch(String hash, Instant now) {
        jdbc.tx(c -> Jdbc.update(c, "UPDATE console_session SET last_seen = ? WHERE session_hash = ? AND last_seen < ?",
                now, hash, now));
    }

    public void delete(String hash) {
        jdbc.tx(c -> Jdbc.update(c, "DELETE FROM console_session WHERE session_hash = ?", hash));
    }

    /** Deletes every session last used before {@code cutoff}; how many sessions are left. */
    public long deleteIdleBefore(Instant cutoff) {
        return jdbc.tx(c -> {
            Jdbc.update(c, "DELETE FROM console_session WHERE last_seen < ?", cutoff);
            return Jdbc.queryLong(c, "SELECT COUNT(*) FROM console_session");
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
