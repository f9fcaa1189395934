package hk.tsw.gateway.intake.soap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.wss4j.common.cache.ReplayCache;

/**
 * WSS4J's replay cache kept in the message store's database (table {@code soap_replay}), so every gateway node
 * sharing the database refuses a nonce or signed timestamp any node has seen. WSS4J asks {@link #contains} and then
 * calls {@link #add}; here {@code contains} itself claims the identifier with an INSERT, so of two nodes racing with
 * the same nonce exactly one wins (the other's INSERT fails on the primary key: a replay). {@code add} only sets the
 * expiry WSS4J asks for. A database failure fails the request (never "not seen").
 */
final class DatabaseReplayCache implements ReplayCache {

    private final DataSource ds;
    private final String name;
    private final Duration defaultTtl;
    private final AtomicLong lastPurge = new AtomicLong();

    DatabaseReplayCache(DataSource ds, String name, Duration defaultTtl) {
        this.ds = ds;
        this.name = name;
        this.defaultTtl = defaultTtl;
    }

    @Override
    public boolean contains(String identifier) {
        String hash = hash(identifier);
        Instant now = Instant.now();
        purgeNowAndThen(now);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO soap_replay (id_hash, cache_name, expires_at) VALUES (?,?,?)")) {
                ps.setString(1, hash);
                ps.setString(2, name);
                ps.setTimestamp(3, Timestamp.from(now.plus(defaultTtl)));
                ps.executeUpdate();
                return false;
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
            }
            // seen before: a replay, unless that entry has expired (then this caller takes it over, atomically)
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE soap_replay SET expires_at = ? WHERE id_hash = ? AND expires_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(now.plus(defaultTtl)));
                ps.setString(2, hash);
                ps.setTimestamp(3, Timestamp.from(now));
                return ps.executeUpdate() == 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("replay cache " + name + " unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public void add(String identifier) {
        add(identifier, Instant.now().plus(defaultTtl));
    }

    @Override
    public void add(String identifier, Instant expiry) {
        String hash = hash(identifier);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("UPDATE soap_replay SET expires_at = ? WHERE id_hash = ?")) {
                ps.setTimestamp(1, Timestamp.from(expiry));
                ps.setString(2, hash);
                if (ps.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO soap_replay (id_hash, cache_name, expires_at) VALUES (?,?,?)")) {
                ps.setString(1, hash);
                ps.setString(2, name);
                ps.setTimestamp(3, Timestamp.from(expiry));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("replay cache " + name + " unavailable: " + e.getMessage(), e);
        }
    }

    /** Deletes expired entries at most once a minute per node. */
    private void purgeNowAndThen(Instant now) {
        long last = lastPurge.get();
        if (now.toEpochMilli() - last < 60_000 || !lastPurge.compareAndSet(last, now.toEpochMilli())) {
            return;
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM soap_replay WHERE expires_at < ?")) {
            c.setAutoCommit(true);
            ps.setTimestamp(1, Timestamp.from(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("replay cache " + name + " unavailable: " + e.getMessage(), e);
        }
    }

    private String hash(String identifier) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((name + "\n" + identifier).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        // the data source belongs to the runtime
    }
}
