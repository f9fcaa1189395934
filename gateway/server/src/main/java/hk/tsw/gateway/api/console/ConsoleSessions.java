package hk.tsw.gateway.api.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import hk.tsw.gateway.security.ApiUser;

/**
 * The console's server-side sessions: a random 256-bit id (the cookie's only content) to the signed-in user, the
 * session's CSRF token (also 256 bits, compared in constant time) and its language. A session not used for the idle
 * timeout is gone; a login always starts a new session id (the id a visitor had before signing in is dropped, so it
 * cannot be fixed in advance). Anonymous sessions exist only to carry the login form's CSRF token. Held in memory, per
 * node: a restart signs everyone out. Thread-safe.
 */
final class ConsoleSessions {

    /** One session; {@code user} is null until the login succeeds. */
    static final class Session {
        final String id;
        final String csrf;
        final ApiUser user;
        volatile String language;
        volatile Instant lastSeen;

        Session(String id, String csrf, ApiUser user, String language, Instant now) {
            this.id = id;
            this.csrf = csrf;
            this.user = user;
            this.language = language;
            this.lastSeen = now;
        }
    }

    /** The most sessions held; beyond it the idle ones are swept first and then new anonymous ones are refused. */
    static final int MAX = 20_000;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration idle;
    private final Clock clock;

    ConsoleSessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    /** The live session of this cookie value, touched; empty when unknown or idle too long (then it is removed). */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null) {
            return Optional.empty();
        }
        if (s.lastSeen.plus(idle).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    /** A new session without a user (the login form's); empty when the map is full of live sessions. */
    Optional<Session> anonymous(String language) {
        if (sessions.size() >= MAX) {
            sweep();
            if (sessions.size() >= MAX) {
                return Optional.empty();
            }
        }
        return Optional.of(put(null, language));
    }

    /** Signs the user in: the old session (if any) is ended and a new id and CSRF token are issued. */
    Session login(Session old, ApiUser user) {
        String language = old == null ? null : old.language;
        if (old != null) {
            sessions.remove(old.id);
        }
        return put(user, language);
    }

    void end(Session s) {
        sessions.remove(s.id);
    }

    /** Whether the form's token is this session's (constant time). */
    static boolean csrfMatches(Session s, String token) {
        return token != null && MessageDigest.isEqual(s.csrf.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private Session put(ApiUser user, String language) {
        Session s = new Session(token(), token(), user, language, clock.instant());
        sessions.put(s.id, s);
        return s;
    }

    private void sweep() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> s.lastSeen.plus(idle).isBefore(now));
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
