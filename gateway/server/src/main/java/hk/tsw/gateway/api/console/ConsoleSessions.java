package hk.tsw.gateway.api.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import hk.tsw.gateway.security.ApiUser;
import hk.tsw.gateway.store.ConsoleSessionStore;

/**
 * The console's server-side sessions: a random 256-bit id (the cookie's only content) to the signed-in user, the
 * session's CSRF token (also 256 bits, compared in constant time). Kept in the store ({@link ConsoleSessionStore}), so
 * every node behind a load balancer knows every session, under the SHA-256 of the id (the id itself is never stored: a
 * copy of the table signs nobody in). A session not used for the idle timeout is gone (its use is recorded at most
 * once a {@link #TOUCH_EVERY}, so it may end up to that much early); a user no longer in the user directory has no
 * session; a login always starts a new session id (the id a visitor had before signing in is dropped, so it cannot be
 * fixed in advance). Anonymous sessions exist only to carry the login form's CSRF token. Idle sessions are deleted at
 * most once a minute per node; beyond {@link #MAX} live sessions new anonymous ones are refused. Thread-safe.
 */
final class ConsoleSessions {

    /** One session; {@code user} is null until the login succeeds. {@code id} is the cookie value. */
    static final class Session {
        final String id;
        final String csrf;
        final ApiUser user;

        Session(String id, String csrf, ApiUser user) {
            this.id = id;
            this.csrf = csrf;
            this.user = user;
        }
    }

    /** The most sessions held; beyond it new anonymous ones are refused until idle ones are swept. */
    static final int MAX = 20_000;
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final ConsoleSessionStore store;
    private final Function<String, Optional<ApiUser>> users;
    private final SecureRandom random = new SecureRandom();
    private final Duration idle;
    private final Clock clock;
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);
    private final AtomicLong liveAtSweep = new AtomicLong();
    private final AtomicLong createdSinceSweep = new AtomicLong();

    ConsoleSessions(ConsoleSessionStore store, Function<String, Optional<ApiUser>> users, Duration idle, Clock clock) {
        this.store = store;
        this.users = users;
        this.idle = idle;
        this.clock = clock;
    }

    /** The live session of this cookie value, touched; empty when unknown or idle too long (then it is removed). */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return Optional.empty();
        }
        String hash = hash(id);
        Optional<ConsoleSessionStore.Row> row = store.find(hash);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ConsoleSessionStore.Row r = row.get();
        if (r.lastSeen().plus(idle).isBefore(now)) {
            store.delete(hash);
            return Optional.empty();
        }
        ApiUser user = null;
        if (r.userId() != null) {
            user = users.apply(r.userId()).orElse(null);
            if (user == null) { // the user was removed from the directory since signing in
                store.delete(hash);
                return Optional.empty();
            }
        }
        if (!r.lastSeen().plus(TOUCH_EVERY).isAfter(now)) {
            store.touch(hash, now);
        }
        return Optional.of(new Session(id, r.csrf(), user));
    }

    /** A new session without a user (the login form's); empty when the store is full of live sessions. */
    Optional<Session> anonymous() {
        sweep();
        if (liveAtSweep.get() + createdSinceSweep.get() >= MAX) {
            return Optional.empty();
        }
        return Optional.of(put(null));
    }

    /** Signs the user in: the old session (if any) is ended and a new id and CSRF token are issued. */
    Session login(Session old, ApiUser user) {
        if (old != null) {
            end(old);
        }
        sweep();
        return put(user);
    }

    void end(Session s) {
        store.delete(hash(s.id));
    }

    /** Whether the form's token is this session's (constant time). */
    static boolean csrfMatches(Session s, String token) {
        return token != null && MessageDigest.isEqual(s.csrf.getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    /** What the store keeps instead of the cookie value: its SHA-256, in hex. */
    static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Session put(ApiUser user) {
        Session s = new Session(token(), token(), user);
        store.insert(hash(s.id), user == null ? null : user.id(), s.csrf, clock.instant());
        createdSinceSweep.incrementAndGet();
        return s;
    }

    private void sweep() {
        Instant now = clock.instant();
        Instant next = nextSweep.get();
        if (now.isBefore(next) || !nextSweep.compareAndSet(next, now.plus(SWEEP_EVERY))) {
            return;
        }
        createdSinceSweep.set(0);
        liveAtSweep.set(store.deleteIdleBefore(now.minus(idle)));
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
