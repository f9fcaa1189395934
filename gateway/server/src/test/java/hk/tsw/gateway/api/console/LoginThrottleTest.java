package hk.tsw.gateway.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import hk.tsw.gateway.store.LoginFailures;
import hk.tsw.gateway.testsupport.H2Store;
import hk.tsw.gateway.testsupport.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The login throttle over a real store (H2; shared by nodes on PostgreSQL: ConsoleSessionsClusterTest). */
class LoginThrottleTest {

    @RegisterExtension
    final H2Store h2 = new H2Store();

    private LoginThrottle throttle(Clock clock) {
        return new LoginThrottle(new LoginFailures(h2.store()), Duration.ofMinutes(15), clock);
    }

    /** A clock the test moves, at the same start in every test. */
    static MovableClock hands() {
        return new MovableClock(Instant.parse("2026-12-04T08:00:00Z"));
    }

    @Test
    void five_failures_lock_the_account_for_the_lockout_and_then_it_opens_again() {
        MovableClock clock = hands();
        LoginThrottle t = throttle(clock);
        for (int i = 0; i < 4; i++) {
            t.failed("ced", "10.0.0.1");
        }
        assertNull(t.lockedUntil("ced"), "four failures do not lock");
        t.failed("ced", "10.0.0.2");
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), t.lockedUntil("ced"));
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertNull(t.lockedUntil("ced"));
        t.failed("ced", "10.0.0.1");
        assertNull(t.lockedUntil("ced"), "the count starts again after a lock");
    }

    @Test
    void a_success_clears_the_count() {
        LoginThrottle t = throttle(hands());
        for (int i = 0; i < 4; i++) {
            t.failed("ced", "10.0.0.1");
        }
        t.succeeded("ced", "10.0.0.1");
        t.failed("ced", "10.0.0.1");
        assertNull(t.lockedUntil("ced"));
    }

    @Test
    void one_address_trying_many_accounts_must_wait_longer_each_time() {
        MovableClock clock = hands();
        LoginThrottle t = throttle(clock);
        for (int i = 0; i < LoginThrottle.ADDRESS_FREE; i++) {
            t.failed("user" + i, "10.0.0.9");
        }
        assertNull(t.addressWaitUntil("10.0.0.9"), "the first failures are free");
        t.failed("another", "10.0.0.9");
        assertEquals(clock.instant().plusSeconds(1), t.addressWaitUntil("10.0.0.9"));
        t.failed("another2", "10.0.0.9");
        assertEquals(clock.instant().plusSeconds(2), t.addressWaitUntil("10.0.0.9"));
        for (int i = 0; i < 30; i++) {
            t.failed("more" + i, "10.0.0.9");
        }
        assertEquals(clock.instant().plus(LoginThrottle.ADDRESS_MAX_WAIT), t.addressWaitUntil("10.0.0.9"), "capped");
        assertNull(t.addressWaitUntil("10.0.0.8"), "another address is not slowed");
    }

    @Test
    void a_name_longer_than_the_column_is_counted_by_its_hash() {
        LoginThrottle t = throttle(hands());
        String longName = "x".repeat(5000);
        for (int i = 0; i < LoginThrottle.ACCOUNT_FAILURES; i++) {
            t.failed(longName, "10.0.0.1");
        }
        org.junit.jupiter.api.Assertions.assertNotNull(t.lockedUntil(longName));
        assertNull(t.lockedUntil("x".repeat(4999)), "another name is not locked");
    }
}
