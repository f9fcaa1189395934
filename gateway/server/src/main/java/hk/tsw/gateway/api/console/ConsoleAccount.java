package hk.tsw.gateway.api.console;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import hk.tsw.gateway.security.ApiUser;
import hk.tsw.gateway.security.UserDirectory;
import hk.tsw.gateway.store.ConsolePasswords;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out and changing one's password. A password is checked against the user's changed password in the
 * store ({@link ConsolePasswords}) when there is one, else against the secrets file's bcrypt hash ({@link
 * UserDirectory}); a change is hashed with bcrypt (BouncyCastle, cost 12, as the existing hashes) and stored in the
 * store (shared by every node, written in a transaction; the secrets file is the deployment's and stays read-only).
 * Failures go through {@link LoginThrottle}; the answer to a failure never says whether the user exists.
 */
final class ConsoleAccount {

    static final int MIN_PASSWORD = 12;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAccount.class);
    /**
     * Checked for a name that is no user, so that the answer takes as long as for a user (no probing by timing): the
     * bcrypt hash (cost 12, as the users') of "no-user" with a zero salt, written out rather than computed when the
     * class loads, which cost about 0.3 CPU-s before ready (issue 16; ConsoleAccountTest recomputes it).
     */
    static final String NO_USER = "$2b$12$......................2v3GkFJOs.tO9HJlyzVsnpSZhf2pPbS";

    private final UserDirectory users;
    private final ConsolePasswords passwords;
    private final ConsoleSessions sessions;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    ConsoleAccount(UserDirectory users, ConsolePasswords passwords, ConsoleSessions sessions, LoginThrottle throttle,
                   Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** The login form; a visitor without a session gets an anonymous one, for the form's CSRF token. */
    void loginForm(ConsoleServer.Request r, String error) {
        ConsoleSessions.Session s = r.session;
        if (s == null) {
            Optional<ConsoleSessions.Session> fresh = r.anonymousSession();
            if (fresh.isEmpty()) {
                r.page(503, "error", Map.of("status", 503));
                return;
            }
            s = fresh.get();
            r.startSession(s);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("error", error);
        r.page(error == null ? 200 : 401, "login", model, s);
    }

    void login(ConsoleServer.Request r) {
        if (!r.csrfOk()) {
            r.page(403, "error", Map.of("status", 403));
            return;
        }
        String id = r.form("username") == null ? "" : r.form("username").trim();
        String password = r.form("password") == null ? "" : r.form("password");
        String address = r.rc.request().remoteAddress() == null ? "?" : r.rc.request().remoteAddress().host();
        if (throttle.addressWaitUntil(address) != null) {
            loginForm(r, "login.wait");
            return;
        }
        if (throttle.lockedUntil(id) != null) {
            throttle.failed(id, address);
            loginForm(r, "login.locked");
            return;
        }
        Optional<ApiUser> user = users.byId(id);
        if (user.isEmpty()) {
            OpenBSDBCrypt.checkPassword(NO_USER, password.toCharArray());
        }
        if (user.isEmpty() || !matches(id, password)) {
            throttle.failed(id, address);
            LOG.warn("Console: failed login for '{}' from {}", id.length() > 64 ? id.substring(0, 64) : id, address);
            loginForm(r, throttle.lockedUntil(id) != null ? "login.locked" : "login.failed");
            return;
        }
        throttle.succeeded(id, address);
        ConsoleSessions.Session s = sessions.login(r.session, user.get());
        r.startSession(s);
        LOG.info("Console: {} signed in from {}", user.get(), address);
        r.redirect("/console/");
    }

    /**
     * Whether a signed-in session's user is still the directory's (a configuration reload may have removed the user,
     * disabled it or bound it elsewhere); if not, the session ends and the browser is sent to the login page.
     */
    boolean stillSignedIn(ConsoleServer.Request r) {
        ApiUser u = r.session.user;
        if (users.byId(u.id()).map(u::equals).orElse(false)) {
            return true;
        }
        LOG.info("Console: session of {} ended: the user changed at a configuration reload", u.id());
        sessions.end(r.session);
        r.endSession();
        r.redirect("/console/login");
        return false;
    }

    void logout(ConsoleServer.Request r) {
        sessions.end(r.session);
        r.endSession();
        r.redirect("/console/login");
    }

    void passwordForm(ConsoleServer.Request r, String message, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("message", message);
        model.put("minLength", MIN_PASSWORD);
        r.page(status, "password", model);
    }

    void changePassword(ConsoleServer.Request r) {
        String id = r.session.user.id();
        String current = r.form("current") == null ? "" : r.form("current");
        String next = r.form("next") == null ? "" : r.form("next");
        if (!matches(id, current)) {
            passwordForm(r, "password.wrong", 400);
        } else if (next.length() < MIN_PASSWORD || next.length() > 72 || !next.equals(r.form("repeat"))) {
            passwordForm(r, "password.rules", 400);
        } else {
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            passwords.change(id, OpenBSDBCrypt.generate("2b", next.toCharArray(), salt, 12), Instant.now(clock));
            LOG.info("Console: {} changed the console password", r.session.user);
            passwordForm(r, "password.changed", 200);
        }
    }

    private boolean matches(String id, String password) {
        Optional<String> changed = passwords.hash(id);
        if (changed.isPresent()) {
            return OpenBSDBCrypt.checkPassword(changed.get(), password.toCharArray());
        }
        return users.passwordMatches(id, password.toCharArray());
    }
}
