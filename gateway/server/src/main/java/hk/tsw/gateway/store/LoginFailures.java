package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Failed console logins per subject ({@code console_login_failure}; the caller names the subject, e.g. an account or
 * a client address), shared by every gateway node so that a cluster counts one account's failures together. A count
 * is changed under the row's lock, so failures racing on several nodes are all counted.
 */
public final class LoginFailures {

    /** A subject's failures in a row, and until when it is locked (null: not locked). */
    public record Failures(int count, Instant until) {
    }

    private final Jdbc jdbc;

    public LoginFailures(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    public Optional<Failures> get(String subject) {
        return jdbc.tx(c -> read(c, subject, false));
    }

    /**
     * Replaces the subject's failures by {@code next} of the current ones (null when there are none), atomically;
     * returns the new value.
     */
    public Failures failed(String subject, Instant now, UnaryOperator<Failures> next) {
        try {
            return update(subject, now, next);
        } catch (StoreException e) {
            if (!duplicate(e)) {
                throw e;
            }
            return update(subject, now, next); // another node inserted the first failure at the same time
        }
    }

    public void clear(String subject) {
        jdbc.tx(c -> Jdbc.update(c, "DELETE FROM console_login_failure WHERE subject = ?", subject));
    }

    /** Forgets the failures last counted before {@code cutoff} whose lock (if any) has ended by {@code now}. */
    public int forgetBefore(Instant cutoff, Instant now) {
        return jdbc.tx(c -> Jdbc.update(c, "DELETE FROM console_login_failure WHERE last_failure < ? AND "
                + "(locked_until IS NULL OR locked_until < ?)", cutoff, now));
    }

    private Failures update(String subject, Instant now, UnaryOperator<Failures> next) {
        return jdbc.tx(c -> {
            Optional<Failures> current = read(c, subject, true);
            Failures f = next.apply(current.orElse(null));
            if (current.isPresent()) {
                Jdbc.update(c, "UPDATE console_login_failure SET failures = ?, locked_until = ?, last_failure = ? "
                        + "WHERE subject = ?", f.count(), f.until(), now, subject);
            } else {
                Jdbc.update(c, "INSERT INTO console_login_failure (subject, failures, locked_until, last_failure) "
                        + "VALUES (?, ?, ?, ?)", subject, f.count(), f.until(), now);
            }
            return f;
        });
    }

    private static Optional<Failures> read(java.sql.Connection c, String subject, boolean lock) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT failures, locked_until FROM console_login_failure WHERE "
                + "subject = ?" + (lock ? " FOR UPDATE" : ""), subject); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Timestamp until = rs.getTimestamp(2);
            return Optional.of(new Failures(rs.getInt(1), until == null ? null : until.toInstant()));
        }
    }

    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
