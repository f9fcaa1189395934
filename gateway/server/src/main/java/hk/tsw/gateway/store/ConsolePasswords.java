package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * The console passwords users have changed themselves ({@code console_password}): a bcrypt hash per user that takes
 * precedence over the secrets file's {@code gateway.user.<id>.password.bcrypt}. Only hashes are stored.
 */
public final class ConsolePasswords {

    private final Jdbc jdbc;

    public ConsolePasswords(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    /** The user's changed password hash, if the user ever changed it. */
    public Optional<String> hash(String userId) {
        return jdbc.tx(c -> {
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT bcrypt_hash FROM console_password WHERE user_id = ?", userId);
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    /** Stores the new hash (replacing an earlier change). */
    public void change(String userId, String bcryptHash, Instant at) {
        jdbc.tx(c -> {
            if (Jdbc.update(c, "UPDATE console_password SET bcrypt_hash = ?, changed_at = ? WHERE user_id = ?",
                    bcryptHash, at, userId) == 0) {
                Jdbc.update(c, "INSERT INTO console_password (user_id, bcrypt_hash, changed_at) VALUES (?, ?, ?)",
                        userId, bcryptHash, at);
            }
            return null;
        });
    }
}
