package hk.tsw.gateway.api.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import hk.tsw.gateway.store.LoginFailures;

/**
 * Slows down password guessing at the console's login. Per account: {@value #ACCOUNT_FAILURES} failures in a row lock
 * it for the lockout time (also for names that are not users, so a lock tells nothing about who exists); a success
 * clears the count. Per client address: after {@value #ADDRESS_FREE} failures, each further attempt must wait twice as
 * long as the one before (1 s, 2 s, 4 s... at most {@link #ADDRESS_MAX_WAIT}), so one address cannot sweep many
 * accounts; a success from the address clears it. The counts are in the store ({@link LoginFailures}), shared by every
 * node: a cluster cannot be brute-forced node by node. Failures not repeated for {@link #FORGET_AFTER} (and not
 * locking anything) are forgotten, swept at most once a minute per node. Thread-safe.
 */
final class LoginThrottle {

    static final int ACCOUNT_FAILURES = 5;
    static final int ADDRESS_FREE = 10;
    static final Duration ADDRESS_MAX_WAIT = Duration.ofMinutes(5);
    static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    /** Longer subjects (a name typed into the login form can be anything) are kept as their SHA-256. */
    private static final int MAX_SUBJECT = 128;

    private final LoginFailures store;
    private final Duration lockout;
    private final Clock clock;
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    LoginThrottle(LoginFailures store, Duration lockout, Clock clock) {
        this.store = store;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** Until when the account is locked, or null when it is not. */
    Instant lockedUntil(String account) {
        return until(subject("account:", account));
    }

    /** Until when this address must wait before its next attempt, or null when it may try now. */
    Instant addressWaitUntil(String address) {
        return until(subject("address:", address));
    }

    void failed(String account, String address) {
        Instant now = clock.instant();
        sweep(now);
        store.failed(subject("account:", account), now, f -> {
            int n = (f == null || (f.until() != null && !f.until().isAfter(now)) ? 0 : f.count()) + 1;
            return new LoginFailures.Failures(n, n >= ACCOUNT_FAILURES ? now.plus(lockout) : null);
        });
        store.failed(subject("address:", address), now, f -> {
            int n = (f == null ? 0 : f.count()) + 1;
            if (n <= ADDRESS_FREE) {
                return new LoginFailures.Failures(n, null);
            }
            Duration wait = Duration.ofSeconds(1L << Math.min(20, n - ADDRESS_FREE - 1));
            return new LoginFailures.Failures(n, now.plus(wait.compareTo(ADDRESS_MAX_WAIT) > 0 ? ADDRESS_MAX_WAIT : wait));
        });
    }

    void succeeded(String account, String address) {
        store.clear(subject("account:", account));
        store.clear(subject("address:", address));
    }

    private Instant until(String subject) {
        Instant now = clock.instant();
        return store.get(subject).map(LoginFailures.Failures::until).filter(u -> u.isAfter(now)).orElse(null);
    }

    private void sweep(Instant now) {
        Instant next = nextSweep.get();
        if (now.isBefore(next) || !nextSweep.compareAndSet(next, now.plus(SWEEP_EVERY))) {
            return;
        }
        store.forgetBefore(now.minus(FORGET_AFTER), now);
    }

    static String subject(String kind, String value) {
        String s = kind + value;
        if (s.length() <= MAX_SUBJECT) {
            return s;
        }
        try {
            return kind + "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
