package hk.tsw.gateway.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Base64;

import hk.tsw.gateway.security.ApiUser;
import hk.tsw.gateway.store.ConsoleSessionStore;
import hk.tsw.gateway.testsupport.H2Store;
import hk.tsw.gateway.testsupport.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's sessions over a real store (H2 here; two nodes on PostgreSQL: ConsoleSessionsClusterTest). */
class ConsoleSessionsTest {

    static final ApiUser OPERATOR = new ApiUser("operator", ApiUser.Role.OPERATOR, null, null);

    @RegisterExtension
    final H2Store h2 = new H2Store();

    private ConsoleSessions sessions(Clock clock) {
        return new ConsoleSessions(new ConsoleSessionStore(h2.store()),
                id -> id.equals(OPERATOR.id()) ? Optional.of(OPERATOR) : Optional.empty(), Duration.ofMinutes(30), clock);
    }

    @Test
    void a_login_issues_a_new_256_bit_id_and_token_and_drops_the_anonymous_one() {
        ConsoleSessions s = sessions(LoginThrottleTest.hands());
        ConsoleSessions.Session before = s.anonymous().orElseThrow();
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
        MovableClock clock = LoginThrottleTest.hands();
        ConsoleSessions s = sessions(clock);
        ConsoleSessions.Session a = s.login(null, OPERATOR);
        clock.advance(Duration.ofMinutes(29));
        assertTrue(s.find(a.id).isPresent());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(s.find(a.id).isPresent(), "29 minutes after the last use");
        clock.advance(Duration.ofMinutes(31));
        assertTrue(s.find(a.id).isEmpty());
    }

    @Test
    void the_csrf_token_must_be_the_sessions_own() {
        ConsoleSessions s = sessions(LoginThrottleTest.hands());
        ConsoleSessions.Session a = s.login(null, OPERATOR);
        ConsoleSessions.Session b = s.login(null, OPERATOR);
        assertTrue(ConsoleSessions.csrfMatches(a, a.csrf));
        assertFalse(ConsoleSessions.csrfMatches(a, b.csrf));
        assertFalse(ConsoleSessions.csrfMatches(a, null));
        assertFalse(ConsoleSessions.csrfMatches(a, ""));
    }

    @Test
    void the_store_keeps_the_sha256_of_the_id_never_the_id() throws Exception {
        ConsoleSessions s = sessions(LoginThrottleTest.hands());
        ConsoleSessions.Session a = s.login(null, OPERATOR);
        try (Connection c = h2.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT session_hash, user_id FROM console_session")) {
            assertTrue(rs.next());
            assertEquals(ConsoleSessions.hash(a.id), rs.getString(1));
            assertEquals(64, rs.getString(1).length());
            assertNotEquals(a.id, rs.getString(1));
            assertEquals("operator", rs.getString(2));
            assertFalse(rs.next());
        }
        assertTrue(s.find(ConsoleSessions.hash(a.id)).isEmpty(), "the stored hash is no cookie");
    }

    @Test
    void logout_deletes_the_session_and_a_user_gone_from_the_directory_has_none() {
        ConsoleSessions s = sessions(LoginThrottleTest.hands());
        ConsoleSessions.Session a = s.login(null, OPERATOR);
        s.end(a);
        assertTrue(s.find(a.id).isEmpty());
        ConsoleSessions.Session gone = s.login(null, new ApiUser("removed", ApiUser.Role.OPERATOR, null, null));
        assertTrue(s.find(gone.id).isEmpty(), "a session of a user the directory no longer has");
    }

    @Test
    void idle_sessions_are_deleted_from_the_store_when_a_later_login_sweeps() throws Exception {
        MovableClock clock = LoginThrottleTest.hands();
        ConsoleSessions s = sessions(clock);
        s.anonymous().orElseThrow();
        s.login(null, OPERATOR);
        clock.advance(Duration.ofMinutes(31));
        ConsoleSessions.Session fresh = s.login(null, OPERATOR);
        try (Connection c = h2.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT session_hash FROM console_session")) {
            assertTrue(rs.next());
            assertEquals(ConsoleSessions.hash(fresh.id), rs.getString(1));
            assertFalse(rs.next(), "the two idle sessions were deleted");
        }
    }
}
