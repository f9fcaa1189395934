package hk.tsw.gateway.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;

import hk.tsw.gateway.security.ApiUser;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {

    static final ApiUser OPERATOR = new ApiUser("operator", ApiUser.Role.OPERATOR, null, null);

    @Test
    void a_login_issues_a_new_256_bit_id_and_token_and_drops_the_anonymous_one() {
        ConsoleSessions s = new ConsoleSessions(Duration.ofMinutes(30), new LoginThrottleTest.Hands());
        ConsoleSessions.Session before = s.anonymous(null).orElseThrow();
        ConsoleSessions.Session after = s.login(before, OPERATOR);
        assertNotEquals(before.id, after.id);
        assertNotEquals(before.csrf, after.csrf);
        assertEquals(32, Base64.getUrlDecoder().decode(after.id).length);
        assertEquals(32, Base64.getUrlDecoder().decode(after.csrf).length);
        assertTrue(s.find(before.id).isEmpty(), "the id known before the login is gone (no fixation)");
        assertEquals(OPERATOR, s.find(after.id).orElseThrow().user);
    }

    @Test
    void a_session_idle_longer_than_the_timeout_is_gone_and_use_keeps_it_alive() {
        LoginThrottleTest.Hands clock = new LoginThrottleTest.Hands();
        ConsoleSessions s = new ConsoleSessions(Duration.ofMinutes(30), clock);
        ConsoleSessions.Session a = s.login(null, OPERATOR);
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(s.find(a.id).isPresent());
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(s.find(a.id).isPresent(), "29 minutes after the last use");
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertTrue(s.find(a.id).isEmpty());
    }

    @Test
    void the_csrf_token_must_be_the_sessions_own() {
        ConsoleSessions s = new ConsoleSessions(Duration.ofMinutes(30), new LoginThrottleTest.Hands());
        ConsoleSessions.Session a = s.login(null, OPERATOR);
        ConsoleSessions.Session b = s.login(null, OPERATOR);
        assertTrue(ConsoleSessions.csrfMatches(a, a.csrf));
        assertFalse(ConsoleSessions.csrfMatches(a, b.csrf));
        assertFalse(ConsoleSessions.csrfMatches(a, null));
        assertFalse(ConsoleSessions.csrfMatches(a, ""));
    }
}
