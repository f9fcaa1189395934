package hk.tsw.gateway.api.access;

import hk.tsw.gateway.security.ApiUser;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.security.ApiUser.Role;

/**
 * Who may call which {@code /api/*} operation, in one table (the same as {@code docs/openapi.yaml}, "Roles"): the
 * roles allowed at all (any other role: 403) and how the resource itself is checked (a message, an AS2 exchange, a
 * licence that is not the user's: 404, so ids cannot be enumerated; another agency's code in the path: 403). An
 * operation the table does not name is refused to everyone (403): a new route is closed until it is added here, and
 * {@code ApiAccessMatrixTest} fails until it is.
 */
public final class ApiRules {

    /** How the resource named in the path or query is matched with the user's agency or partner. */
    public enum Scope {
        /** nothing to match (the document catalogue, operator-only operations) */
        NONE,
        /** {@code {id}} is a message: its sender, or an agency it was routed to */
        MESSAGE,
        /** {@code {id}} is an AS2 exchange: its partner */
        AS2_EXCHANGE,
        /** {@code {code}} is an agency: the agency user's own */
        AGENCY_CODE,
        /** {@code {number}} is a licence: its issuing agency or its holder */
        LICENCE,
        /** the message search: a partner sees its own, an agency what was routed to it */
        SEARCH,
        /** the preflight: a partner checks as itself */
        VALIDATE
    }

    /**
     * One operation: method, path template, roles allowed, scope, and the name it has in the audit log when it is an
     * action (null for reads and the preflight).
     */
    public record Rule(String method, String template, Set<Role> roles, Scope scope, String action, Pattern pattern) {
        Rule(String method, String template, Set<Role> roles, Scope scope) {
            this(method, template, roles, scope, null);
        }

        Rule(String method, String template, Set<Role> roles, Scope scope, String action) {
            this(method, template, roles, scope, action,
                    Pattern.compile(template.replaceAll("\\{([a-z]+)}", "(?<$1>[^/]+)")));
        }
    }

    /** A request matched to its rule, with the path's parameters. */
    public record Match(Rule rule, Matcher params) {
        public String param(String name) {
            return params.group(name);
        }
    }

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> OPERATOR = EnumSet.of(Role.OPERATOR);
    private static final Set<Role> AGENCY = EnumSet.of(Role.OPERATOR, Role.AGENCY);
    private static final Set<Role> PARTNER = EnumSet.of(Role.OPERATOR, Role.PARTNER);

    public static final List<Rule> RULES = List.of(
            new Rule("GET", "/api/messages", ALL, Scope.SEARCH),
            new Rule("GET", "/api/messages/{id}", ALL, Scope.MESSAGE),
            new Rule("GET", "/api/messages/{id}/as2", ALL, Scope.MESSAGE),
            new Rule("GET", "/api/messages/{id}/raw", ALL, Scope.MESSAGE),
            new Rule("GET", "/api/messages/{id}/documents/{n}", ALL, Scope.MESSAGE),
            new Rule("GET", "/api/messages/{id}/answers/{n}", ALL, Scope.MESSAGE),
            new Rule("POST", "/api/messages/{id}/redeliver", OPERATOR, Scope.NONE, "REDELIVER"),
            new Rule("POST", "/api/messages/{id}/replay", OPERATOR, Scope.NONE, "REPLAY"),
            new Rule("POST", "/api/messages/{id}/restore", OPERATOR, Scope.NONE, "RESTORE"),
            new Rule("GET", "/api/as2/exchanges/{id}/mdn", PARTNER, Scope.AS2_EXCHANGE),
            new Rule("GET", "/api/as2/exchanges/{id}/raw", PARTNER, Scope.AS2_EXCHANGE),
            new Rule("POST", "/api/as2/exchanges/{id}/mdn/resend", OPERATOR, Scope.NONE, "AS2_MDN_RESEND"),
            new Rule("GET", "/api/intake", OPERATOR, Scope.NONE),
            new Rule("PUT", "/api/intake/disk-limit", OPERATOR, Scope.NONE, "INTAKE_DISK_LIMIT"),
            new Rule("GET", "/api/queues", OPERATOR, Scope.NONE),
            new Rule("GET", "/api/agencies", OPERATOR, Scope.NONE),
            new Rule("GET", "/api/documents", ALL, Scope.NONE),
            new Rule("POST", "/api/validate", PARTNER, Scope.VALIDATE),
            new Rule("POST", "/api/agencies/{code}/decisions", AGENCY, Scope.AGENCY_CODE, "DECISION"),
            new Rule("GET", "/api/agencies/{code}/documents", AGENCY, Scope.AGENCY_CODE),
            new Rule("POST", "/api/agencies/{code}/licences", AGENCY, Scope.AGENCY_CODE, "LICENCE_REGISTER"),
            new Rule("POST", "/api/agencies/{code}/licences/{number}/{action}", AGENCY, Scope.AGENCY_CODE,
                    "LICENCE_STATUS"),
            new Rule("GET", "/api/licences/{number}", ALL, Scope.LICENCE),
            new Rule("GET", "/api/audit", OPERATOR, Scope.NONE),
            new Rule("GET", "/api/singletons", OPERATOR, Scope.NONE),
            new Rule("GET", "/api/dead-letters", OPERATOR, Scope.NONE),
            new Rule("POST", "/api/dead-letters/{id}/redrive", OPERATOR, Scope.NONE, "DEAD_LETTER_REDRIVE"),
            new Rule("GET", "/api/partners", OPERATOR, Scope.NONE),
            new Rule("GET", "/api/certificates", OPERATOR, Scope.NONE),
            new Rule("GET", "/api/config", OPERATOR, Scope.NONE),
            new Rule("POST", "/api/config/reload", OPERATOR, Scope.NONE, "CONFIG_RELOAD"));

    private ApiRules() {
    }

    public static Optional<Match> match(String method, String path) {
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(path);
            if (r.method().equalsIgnoreCase(method) && m.matches()) {
                return Optional.of(new Match(r, m));
            }
        }
        return Optional.empty();
    }
}
