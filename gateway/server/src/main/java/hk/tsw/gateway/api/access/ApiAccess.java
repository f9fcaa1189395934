package hk.tsw.gateway.api.access;

import hk.tsw.gateway.security.ApiUser;
import hk.tsw.gateway.security.UserDirectory;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import hk.tsw.gateway.api.access.ApiRules.Match;
import hk.tsw.gateway.security.ApiUser.Role;
import hk.tsw.gateway.store.AccessQueries;
import hk.tsw.gateway.store.AuditLog;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate in front of every {@code /api/*} operation (installed for all REST routes by {@link ApiSecurityRoutes}):
 * a bearer token names the user ({@link UserDirectory}; none or an unknown one: 401 with {@code WWW-Authenticate:
 * Bearer}), {@link ApiRules} says whether its role may call the operation (403), and the resource is matched with
 * the user's agency or partner through the store: another's message, AS2 exchange or licence answers 404 exactly as
 * a missing one does. Searches and preflights of bound users are narrowed to their own (the {@code partner} parameter
 * is set to the user's partner; an agency's search carries {@link #AGENCY_FILTER}).
 *
 * <p>The {@code Authorization} header is removed once read, so no route, log or answer sees the token; the path
 * parameters the rule checked are written back as the headers the route reads, so a request header of the same name
 * cannot change what was checked. A denied exchange carries {@link #DENIED} and its answer.
 */
public final class ApiAccess implements Processor {

    /** Exchange property: the authenticated {@link ApiUser}. */
    public static final String USER = "tsw.api.user";
    /**
     * Exchange property: the user of a console session, set only by the console inside the JVM when it calls an
     * operation's route (an HTTP request cannot set an exchange property); the gate then checks that user's rights
     * instead of a bearer token.
     */
    public static final String CONSOLE_USER = "tsw.console.user";
    /** Exchange property: true when the request was answered here (401, 403, 404). */
    public static final String DENIED = "tsw.api.denied";
    /** Message header: the agency an agency user's search is narrowed to (set only here). */
    public static final String AGENCY_FILTER = "tswAgencyFilter";

    private static final Logger LOG = LoggerFactory.getLogger(ApiAccess.class);

    private final UserDirectory users;
    private final AccessQueries store;
    private final Function<String, Set<String>> partyIds;
    private final ApiAudit audit;

    /**
     * @param partyIds a partner id to the party ids it trades under (its id, EDIFACT sender ids, XML submitter ids)
     * @param audit where operators' and agencies' actions are recorded
     */
    public ApiAccess(UserDirectory users, AccessQueries store, Function<String, Set<String>> partyIds, AuditLog audit) {
        this.users = users;
        this.store = store;
        this.partyIds = partyIds;
        this.audit = new ApiAudit(audit, Clock.systemUTC());
    }

    @Override
    public void process(Exchange e) throws Exception {
        String authorization = e.getIn().getHeader("Authorization", String.class);
        e.getIn().removeHeader("Authorization");
        e.getIn().removeHeader(AGENCY_FILTER);
        e.removeProperty(USER);
        Object consoleUser = e.removeProperty(CONSOLE_USER);
        if (consoleUser instanceof ApiUser signedIn) {
            authorize(e, signedIn);
            return;
        }
        String path = path(e);
        if (path == null || !path.startsWith("/api/")) {
            return;
        }
        if (ambiguous(path)) {
            // dot segments or encoded dots/slashes: the router could serve another path than the one checked
            deny(e, 404, "no such resource");
            return;
        }
        Optional<ApiUser> found = bearer(authorization).flatMap(users::byToken);
        if (found.isEmpty()) {
            e.getIn().setHeader("WWW-Authenticate", authorization == null ? "Bearer realm=\"tsw-gateway\""
                    : "Bearer realm=\"tsw-gateway\", error=\"invalid_token\"");
            deny(e, 401, authorization == null ? "authentication required: Authorization: Bearer <API token>"
                    : "the API token is not valid");
            return;
        }
        authorize(e, found.get());
    }

    /**
     * The rule and scope checks for a user already authenticated (by a bearer token above, or by a console session):
     * the exchange carries {@code Exchange.HTTP_METHOD} and {@code Exchange.HTTP_URI} of an {@code /api/*} operation and
     * its path parameters; on return it is either {@link #DENIED} with its answer, or narrowed and ready for the
     * operation's route (and an action's audit row is written when the exchange completes). One rule set for the API
     * and the console.
     */
    public void authorize(Exchange e, ApiUser user) {
        e.getIn().removeHeader(AGENCY_FILTER);
        String path = path(e);
        if (path == null || !path.startsWith("/api/") || ambiguous(path)) {
            deny(e, 404, "no such resource");
            return;
        }
        e.setProperty(USER, user);
        String method = e.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        Match m = ApiRules.match(method, path).orElse(null);
        if (m == null) {
            deny(e, 403, "no access rule for " + method + " " + path);
            return;
        }
        if (!m.rule().roles().contains(user.role())) {
            deny(e, 403, "the " + user.role() + " role may not " + m.rule().method() + " " + m.rule().template());
            return;
        }
        for (String name : new String[]{"id", "n", "code", "number", "action"}) {
            if (m.rule().template().contains("{" + name + "}")) {
                e.getIn().setHeader(name, URLDecoder.decode(m.param(name), StandardCharsets.UTF_8));
            }
        }
        if (!user.operator() && !allowed(e, user, m)) {
            return;
        }
        if (m.rule().action() != null && user.role() != Role.PARTNER) {
            audit.begin(e, user, m, method, path);
        }
        LOG.debug("API {} {} by {}", method, path, user);
    }

    /** The scope check for a bound user; false when the request was answered (denied). */
    private boolean allowed(Exchange e, ApiUser user, Match m) {
        switch (m.rule().scope()) {
            case SEARCH -> {
                if (user.role() == Role.PARTNER) {
                    e.getIn().setHeader("partner", user.partner());
                } else {
                    e.getIn().setHeader(AGENCY_FILTER, user.agency());
                }
                return true;
            }
            case VALIDATE -> {
                e.getIn().setHeader("partner", user.partner());
                return true;
            }
            case AGENCY_CODE -> {
                String code = e.getIn().getHeader("code", String.class);
                if (!user.agency().equals(code)) {
                    deny(e, 403, "user " + user.id() + " acts for agency " + user.agency() + ", not " + code);
                    return false;
                }
                return true;
            }
            case MESSAGE, AS2_EXCHANGE -> {
                Long id = number(e.getIn().getHeader("id", String.class));
                Optional<AccessQueries.Owners> owners = id == null ? Optional.empty()
                        : m.rule().scope() == ApiRules.Scope.MESSAGE ? store.interchange(id) : store.as2Exchange(id);
                boolean mine = owners.map(o -> user.role() == Role.PARTNER ? user.partner().equals(o.partner())
                        : o.agencies().contains(user.agency())).orElse(false);
                return mine || notFound(e, (m.rule().scope() == ApiRules.Scope.MESSAGE ? "no message " : "no AS2 exchange ")
                        + e.getIn().getHeader("id"));
            }
            case LICENCE -> {
                String number = e.getIn().getHeader("number", String.class);
                boolean mine = store.licence(number).map(l -> user.role() == Role.AGENCY ? user.agency().equals(l.agency())
                        : partyIds.apply(user.partner()).contains(l.holder())).orElse(false);
                return mine || notFound(e, "no licence " + number + " in the licence ledger");
            }
            default -> {
                return true;
            }
        }
    }

    private static boolean notFound(Exchange e, String message) {
        deny(e, 404, message);
        return false;
    }

    private static void deny(Exchange e, int status, String message) {
        e.setProperty(DENIED, true);
        e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getIn().setBody("{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).trim());
    }

    private static String path(Exchange e) {
        String uri = e.getIn().getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) {
            uri = e.getIn().getHeader(Exchange.HTTP_PATH, String.class);
        }
        if (uri == null) {
            return null;
        }
        if (uri.contains("://")) {
            uri = URI.create(uri).getRawPath();
        }
        int q = uri.indexOf('?');
        String p = q < 0 ? uri : uri.substring(0, q);
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** Dot segments, encoded dots or slashes, or no URI at all: what the router serves may differ from what was checked. */
    private static boolean ambiguous(String path) {
        try {
            return !path.equals(URI.create(path).normalize().getRawPath())
                    || path.toLowerCase(java.util.Locale.ROOT).matches(".*%(2e|2f|5c).*");
        } catch (IllegalArgumentException ex) {
            return true;
        }
    }

    private static Long number(String s) {
        try {
            return s == null ? null : Long.parseLong(s);
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
