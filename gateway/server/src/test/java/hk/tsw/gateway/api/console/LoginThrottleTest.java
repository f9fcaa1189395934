package hk.tsw.gateway.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-04T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void five_failures_lock_the_account_for_the_lockout_and_then_it_opens_again() {
        Hands clock = new Hands();
        LoginThrottle t = new LoginThrottle(Duration.ofMinutes(15), clock);
        for (int i = 0; i < 4; i++) {
            t.failed("ced", "10.0.0.1");
        }
        assertNull(t.lockedUntil("ced"), "four failures do not lock");
        t.failed("ced", "10.0.0.2");
        assertEquals(clock.now.plus(Duration.ofMinutes(15)), t.lockedUntil("ced"));
        clock.now = clock.now.plus(Duration.ofMinutes(15)).plusSeconds(1);
        assertNull(t.lockedUntil("ced"));
        t.failed("ced", "10.0.0.1");
        assertNull(t.lockedUntil("ced"), "the count starts again after a lock");
    }

    @Test
    void a_success_clears_the_count() {
        LoginThrottle t = new LoginThrottle(Duration.ofMinutes(15), new Hands());
        for (int i = 0; i < 4; i++) {
            t.failed("ced", "10.0.0.1");
        }
        t.succeeded("ced", "10.0.0.1");
        t.failed("ced", "10.0.0.1");
        assertNull(t.lockedUntil("ced"));
    }

    @Test
    void one_address_trying_many_accounts_must_wait_longer_each_time() {
        Hands clock = new Hands();
        LoginThrottle t = new LoginThrottle(Duration.ofMinutes(15), clock);
        for (int i = 0; i < LoginThrottle.ADDRESS_FREE; i++) {
            t.failed("user" + i, "10.0.0.9");
        }
        assertNull(t.addressWaitUntil("10.0.0.9"), "the first failures are free");
        t.failed("another", "10.0.0.9");
        assertEquals(clock.now.plusSeconds(1), t.addressWaitUntil("10.0.0.9"));
        t.failed("another2", "10.0.0.9");
        assertEquals(clock.now.plusSeconds(2), t.addressWaitUntil("10.0.0.9"));
        for (int i = 0; i < 30; i++) {
            t.failed("more" + i, "10.0.0.9");
        }
        assertEquals(clock.now.plus(LoginThrottle.ADDRESS_MAX_WAIT), t.addressWaitUntil("10.0.0.9"), "capped");
        assertNull(t.addressWaitUntil("10.0.0.8"), "another address is not slowed");
    }
}
