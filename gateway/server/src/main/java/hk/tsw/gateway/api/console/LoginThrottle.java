package hk.tsw.gateway.api.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing at the console's login. Per account: {@value #ACCOUNT_FAILURES} failures in a row lock
 * it for the lockout time (also for names that are not users, so a lock tells nothing about who exists); a success
 * clears the count. Per client address: after {@value #ADDRESS_FREE} failures, each further attempt must wait twice as
 * long as the one before (1 s, 2 s, 4 s... at most {@link #ADDRESS_MAX_WAIT}), so one address cannot sweep many
 * accounts; a success from the address clears it. In memory, per node. Thread-safe.
 */
final class LoginThrottle {

    static final int ACCOUNT_FAILURES = 5;
    static final int ADDRESS_FREE = 10;
    static final Duration ADDRESS_MAX_WAIT = Duration.ofMinutes(5);
    private static final int MAX_TRACKED = 50_000;

    private record Failures(int count, Instant until) {
    }

    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private final Duration lockout;
    private final Clock clock;

    LoginThrottle(Duration lockout, Clock clock) {
        this.lockout = lockout;
        this.clock = clock;
    }

    /** Until when the account is locked, or null when it is not. */
    Instant lockedUntil(String account) {
        Failures f = accounts.get(account);
        return f != null && f.until() != null && f.until().isAfter(clock.instant()) ? f.until() : null;
    }

    /** Until when this address must wait before its next attempt, or null when it may try now. */
    Instant addressWaitUntil(String address) {
        Failures f = addresses.get(address);
        return f != null && f.until() != null && f.until().isAfter(clock.instant()) ? f.until() : null;
    }

    void failed(String account, String address) {
        Instant now = clock.instant();
        if (accounts.size() > MAX_TRACKED || addresses.size() > MAX_TRACKED) {
            accounts.values().removeIf(f -> f.until() == null || f.until().isBefore(now));
            addresses.values().removeIf(f -> f.until() == null || f.until().isBefore(now));
        }
        accounts.compute(account, (k, f) -> {
            int n = (f == null || (f.until() != null && !f.until().isAfter(now)) ? 0 : f.count()) + 1;
            return new Failures(n, n >= ACCOUNT_FAILURES ? now.plus(lockout) : null);
        });
        addresses.compute(address, (k, f) -> {
            int n = (f == null ? 0 : f.count()) + 1;
            if (n <= ADDRESS_FREE) {
                return new Failures(n, null);
            }
            Duration wait = Duration.ofSeconds(1L << Math.min(20, n - ADDRESS_FREE - 1));
            return new Failures(n, now.plus(wait.compareTo(ADDRESS_MAX_WAIT) > 0 ? ADDRESS_MAX_WAIT : wait));
        });
    }

    void succeeded(String account, String address) {
        accounts.remove(account);
        addresses.remove(address);
    }
}
