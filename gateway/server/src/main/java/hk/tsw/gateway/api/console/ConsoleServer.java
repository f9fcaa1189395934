package hk.tsw.gateway.api.console;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.api.access.ApiAccess;
import hk.tsw.gateway.security.UserDirectory;
import hk.tsw.gateway.store.ConsolePasswords;
import hk.tsw.gateway.store.ConsoleSessionStore;
import hk.tsw.gateway.store.LoginFailures;
import hk.tsw.gateway.store.DashboardQueries;
import hk.tsw.gateway.store.QuietPartners;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.settings.ConsoleSettings;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser console at {@code /console/} on the gateway's HTTP listener (docs/CONSOLE.md): sign-in, sessions, CSRF
 * and the security headers, and the dispatch to the pages ({@link ConsolePages}) and the account page
 * ({@link ConsoleAccount}). Every answer carries {@code Content-Security-Policy: default-src 'self'; frame-ancestors
 * 'none'}, {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer} and {@code Cache-Control:
 * no-store}. The session cookie is {@code HttpOnly; SameSite=Strict; Path=/console} ({@code Secure} under TLS); every
 * POST must carry the session's CSRF token (else 403); a page without a signed-in session redirects to the login.
 * Sessions are in the store ({@link ConsoleSessions}); the preflight's file upload reads its own multipart body
 * ({@link PreflightUpload}).
 */
public final class ConsoleServer {

    static final String COOKIE = "tsw_console";
    static final String LANGUAGE_COOKIE = "tsw_lang";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final Pattern MESSAGE = Pattern.compile("/console/messages/([0-9]{1,18})(/redeliver|/replay|/restore)?");
    private static final String UPLOAD = "/console/preflight/upload";
    private static final Pattern REDRIVE = Pattern.compile("/console/dead-letters/([0-9a-fA-F-]{36})/redrive");

    private final ConsoleSessions sessions;
    private final ConsoleViews views = new ConsoleViews();
    private final ConsolePages pages;
    private final ConsoleAccount account;
    private final AgencyPages agency;
    private final PreflightPage preflight;
    private final OperatorPages operator;
    private final ConfigPage config;
    private final byte[] css;

    private ConsoleServer(ConsoleSessions sessions, ConsolePages pages, ConsoleAccount account, AgencyPages agency,
                          PreflightUpload upload) throws IOException {
        this.sessions = sessions;
        this.pages = pages;
        this.agency = agency;
        this.preflight = new PreflightPage(pages.api(), upload.max());
        this.operator = new OperatorPages(pages.api());
        this.config = new ConfigPage(pages.api());
        this.account = account;
        try (InputStream in = ConsoleServer.class.getClassLoader().getResourceAsStream("console/static/console.css")) {
            if (in == null) {
                throw new IOException("console/static/console.css is not on the class path");
            }
            this.css = in.readAllBytes();
        }
    }

    /** Serves the console on the running HTTP server (the one that serves {@code /api}). */
    public static void install(CamelContext camel, ApiAccess access, UserDirectory users, MessageStore store,
                               ConsoleSettings settings) throws IOException {
        Duration idle = settings.idleTimeout();
        Duration lockout = settings.lockout();
        ConsolePasswords passwords = new ConsolePasswords(store);
        DashboardQueries dashboard = new DashboardQueries(store);
        MainHttpServer server = camel.hasService(MainHttpServer.class);
        if (server == null || server.getRouter() == null) {
            throw new IllegalStateException("no HTTP server to serve the console on");
        }
        Clock clock = Clock.systemUTC();
        ConsoleSessions sessions = new ConsoleSessions(new ConsoleSessionStore(store), users::byId, idle, clock);
        ConsoleApi api = new ConsoleApi(camel, access);
        PreflightUpload upload = new PreflightUpload(settings.preflightMaxBytes(), settings.preflightMaxDiscardBytes());
        ConsoleServer console = new ConsoleServer(sessions, new ConsolePages(api, dashboard,
                new QuietPartners(store, settings.quietFactor(), settings.quietFloor()), clock),
                new ConsoleAccount(users, passwords, sessions, new LoginThrottle(new LoginFailures(store), lockout,
                        clock), clock), new AgencyPages(api), upload);
        // the upload reads its own multipart body (no body handler, no temporary files): before the route below
        server.getRouter().post(UPLOAD).order(Integer.MIN_VALUE)
                .handler(rc -> upload.receive(rc, (ctx, file) -> console.handle(ctx, r -> console.upload(r, file))));
        server.getRouter().route("/console*").order(Integer.MIN_VALUE)
                .handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
                .blockingHandler(rc -> console.handle(rc, console::dispatch), false);
        LOG.info("Console at /console/ (idle timeout {} min, lockout {} min, sessions in the store)", idle.toMinutes(),
                lockout.toMinutes());
    }

    /** A page's work on one request. */
    private interface Action {
        void run(Request r) throws IOException;
    }

    /**
     * The upload's form, once read: the CSRF token first (a file too large to read, or a body that is no multipart
     * form, is refused before: nothing is done with it, and its form was not read), then the preflight.
     */
    private void upload(Request r, PreflightUpload.Received file) {
        if (file.multipart() && !file.tooLarge() && !r.csrfOk()) {
            r.page(403, "error", Map.of("status", 403));
        } else if (r.session == null || r.session.user == null) {
            r.redirect("/console/login");
        } else {
            preflight.upload(r, file);
        }
    }

    /** One request: what the page needs, passed on to the page; an unexpected failure is a plain 500 page. */
    private void handle(RoutingContext rc, Action action) {
        Request r = new Request(rc, this);
        r.headers();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // Vert.x worker threads carry no application class loader; Camel resolves endpoints through it
        thread.setContextClassLoader(ConsoleServer.class.getClassLoader());
        try {
            action.run(r);
        } catch (RuntimeException | IOException e) {
            LOG.error("Console {} {}: {}", rc.request().method(), rc.normalizedPath(), e.toString(), e);
            if (!rc.response().ended()) {
                r.page(500, "error", Map.of("status", 500));
            }
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private void dispatch(Request r) throws IOException {
        String path = r.rc.normalizedPath();
        boolean post = "POST".equals(r.rc.request().method().name());
        if (path.equals("/console") ) {
            r.redirect("/console/");
            return;
        }
        if (path.equals("/console/static/console.css")) {
            r.rc.response().putHeader("Content-Type", "text/css; charset=UTF-8").end(io.vertx.core.buffer.Buffer.buffer(css));
            return;
        }
        if (path.equals("/console/lang")) {
            String to = "zh-HK".equals(r.rc.request().getParam("to")) ? "zh-HK" : "en";
            r.rc.response().addCookie(cookie(LANGUAGE_COOKIE, to, r.rc));
            r.redirect("/console/");
            return;
        }
        if (path.equals("/console/login")) {
            if (post) {
                account.login(r);
            } else {
                account.loginForm(r, null);
            }
            return;
        }
        if (post && !r.csrfOk()) {
            // no session, an ended one (logged out, idle) or a missing/wrong token: nothing is done
            r.page(403, "error", Map.of("status", 403));
            return;
        }
        if (r.session == null || r.session.user == null) {
            r.redirect("/console/login");
            return;
        }
        if (!account.stillSignedIn(r)) {
            return;
        }
        Matcher m = MESSAGE.matcher(path);
        if (post) {
            switch (path) {
                case "/console/logout" -> account.logout(r);
                case "/console/password" -> account.changePassword(r);
                case "/console/agency/decision" -> agency.decide(r);
                case "/console/preflight" -> preflight.check(r);
                case "/console/config/reload" -> config.reload(r);
                default -> {
                    Matcher redrive = REDRIVE.matcher(path);
                    if (redrive.matches()) {
                        operator.redrive(r, redrive.group(1));
                    } else if (m.matches() && "/replay".equals(m.group(2))) {
                        pages.replay(r, Long.parseLong(m.group(1)));
                    } else if (m.matches() && "/restore".equals(m.group(2))) {
                        pages.restore(r, Long.parseLong(m.group(1)));
                    } else if (m.matches() && m.group(2) != null) {
                        pages.redeliver(r, Long.parseLong(m.group(1)));
                    } else {
                        r.page(404, "error", Map.of("status", 404));
                    }
                }
            }
            return;
        }
        switch (path) {
            case "/console/" -> pages.dashboard(r, operator.expiringCertificates(r));
            case "/console/search" -> pages.search(r);
            case "/console/audit" -> pages.audit(r);
            case "/console/config" -> config.show(r);
            case "/console/agency" -> agency.documents(r);
            case "/console/preflight" -> preflight.form(r);
            case "/console/password" -> account.passwordForm(r, null, 200);
            case "/console/partners" -> operator.partners(r);
            case "/console/dead-letters" -> operator.deadLetters(r);
            default -> {
                if (m.matches() && m.group(2) == null) {
                    pages.message(r, Long.parseLong(m.group(1)));
                } else {
                    r.page(404, "error", Map.of("status", 404));
                }
            }
        }
    }

    static Cookie cookie(String name, String value, RoutingContext rc) {
        return Cookie.cookie(name, value).setPath("/console").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(rc.request().isSSL());
    }

    /** One request with its session (if any) and language, and the ways to answer it. */
    static final class Request {
        final RoutingContext rc;
        final ConsoleSessions.Session session;
        final Locale locale;
        private final ConsoleServer console;

        Request(RoutingContext rc, ConsoleServer console) {
            this.rc = rc;
            this.console = console;
            Cookie c = rc.request().getCookie(COOKIE);
            this.session = c == null ? null : console.sessions.find(c.getValue()).orElse(null);
            Cookie lang = rc.request().getCookie(LANGUAGE_COOKIE);
            this.locale = ConsoleViews.locale(lang == null ? null : lang.getValue());
        }

        String param(String name) {
            String v = rc.request().getParam(name);
            return v == null || v.isBlank() ? null : v.trim();
        }

        String form(String name) {
            String v = rc.request().getFormAttribute(name);
            return v == null ? null : v;
        }

        boolean csrfOk() {
            return session != null && ConsoleSessions.csrfMatches(session, form("csrf"));
        }

        /** A new session cookie for {@code s} (login). */
        void startSession(ConsoleSessions.Session s) {
            rc.response().addCookie(cookie(COOKIE, s.id, rc));
        }

        void endSession() {
            rc.response().addCookie(cookie(COOKIE, "", rc).setMaxAge(0));
        }

        Optional<ConsoleSessions.Session> anonymousSession() {
            return console.sessions.anonymous();
        }

        void redirect(String to) {
            headers();
            rc.response().setStatusCode(303).putHeader("Location", to).end();
        }

        /** Renders {@code template} with the model plus the session's user and CSRF token and the language. */
        void page(int status, String template, Map<String, Object> model) {
            page(status, template, model, session);
        }

        void page(int status, String template, Map<String, Object> model, ConsoleSessions.Session s) {
            Map<String, Object> all = new HashMap<>(model);
            all.put("user", s == null || s.user == null ? null : Map.of("id", s.user.id(), "role", s.user.role().name(),
                    "operator", s.user.operator(), "bound", s.user.agency() != null ? s.user.agency()
                            : s.user.partner() != null ? s.user.partner() : ""));
            all.put("csrf", s == null ? "" : s.csrf);
            all.put("lang", locale == ConsoleViews.CHINESE ? "zh-HK" : "en");
            String html = console.views.render(template, locale, all);
            headers();
            rc.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=UTF-8").end(html);
        }

        void headers() {
            rc.response().putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("X-Frame-Options", "DENY")
                    .putHeader("Cache-Control", "no-store");
        }
    }
}
