package hk.tsw.gateway.api.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.security.ApiUser;
import hk.tsw.gateway.store.DecisionStatus;

/**
 * The agency's page: the documents routed to the agency ({@code GET /api/agencies/{code}/documents}, 25 a page) and
 * the form that records a decision on one of them ({@code POST /api/agencies/{code}/decisions}, the same operation,
 * rules and audit row as the API; the comment is mandatory here and goes to the audit log). An agency user acts for
 * its own agency only: the code is its session's, never the form's. The operator chooses the agency
 * ({@code ?agency=}).
 */
final class AgencyPages {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ConsoleApi api;
    private final ObjectMapper json = new ObjectMapper();

    AgencyPages(ConsoleApi api) {
        this.api = api;
    }

    void documents(ConsoleServer.Request r) {
        ApiUser user = r.session.user;
        if (user.role() == ApiUser.Role.PARTNER) {
            r.page(404, "error", Map.of("status", 404));
            return;
        }
        String code = code(r, r.param("agency"));
        Map<String, Object> model = new HashMap<>();
        model.put("agency", code);
        model.put("decisions", List.of(DecisionStatus.values()).stream().map(Enum::name).toList());
        model.put("decide", r.param("decide"));
        String decided = r.param("decided");
        model.put("decided", decided == null ? null : List.of("200", "201", "400", "403", "404").contains(decided)
                ? decided : "other");
        model.put("commentMissing", "comment".equals(r.param("problem")));
        model.put("before", r.param("before"));
        if (code == null) {
            model.put("documents", List.of());
            r.page(200, "agency", model);
            return;
        }
        Map<String, String> params = new HashMap<>();
        params.put("before", r.param("before"));
        params.put("limit", "25");
        ConsoleApi.Answer a = api.call(user, "GET", "/api/agencies/" + code + "/documents", params,
                "api-agency-documents");
        if (!a.ok()) {
            r.page(a.status() == 400 ? 400 : a.status(), "error", Map.of("status", a.status()));
            return;
        }
        Map<String, Object> found = parse(a);
        model.put("documents", found.get("documents"));
        model.put("next", found.get("nextBefore"));
        r.page(200, "agency", model);
    }

    /** The decision form: the API's own operation as this user, with the mandatory comment. */
    void decide(ConsoleServer.Request r) throws IOException {
        if (r.session.user.role() == ApiUser.Role.PARTNER) {
            r.page(403, "error", Map.of("status", 403));
            return;
        }
        String code = code(r, r.form("agency"));
        String comment = r.form("comment") == null ? "" : r.form("comment").trim();
        String document = r.form("documentId") == null ? "" : r.form("documentId").trim();
        String back = "/console/agency?" + (r.session.user.operator() && code != null ? "agency=" + code + "&" : "");
        if (code == null || comment.isEmpty() || comment.length() > 2000 || !document.matches("[0-9]{1,18}")) {
            r.redirect(back + "decided=400&problem=comment");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("documentId", Long.parseLong(document));
        body.put("decision", r.form("decision"));
        List<String> reasons = new ArrayList<>();
        for (String line : (r.form("reasons") == null ? "" : r.form("reasons")).split("\\R")) {
            if (!line.isBlank()) {
                reasons.add(line.trim());
            }
        }
        body.put("reasons", reasons);
        body.put("comment", comment);
        ConsoleApi.Answer a = api.call(r.session.user, "POST", "/api/agencies/" + code + "/decisions", Map.of(),
                json.writeValueAsString(body), "agency-decision-http");
        if (a.status() == 403 || a.status() == 404) {
            // another agency's document, or none: the same refusal as the API's, nothing recorded
            r.page(a.status(), "error", Map.of("status", a.status()));
            return;
        }
        r.redirect(back + "decided=" + a.status() + (a.ok() ? "" : "&problem=api"));
    }

    /** The agency acted for: an agency user's own; the operator's choice (letters only); null when none. */
    private static String code(ConsoleServer.Request r, String asked) {
        ApiUser user = r.session.user;
        if (user.agency() != null) {
            return user.agency();
        }
        return user.operator() && asked != null && asked.matches("[A-Za-z0-9]{1,16}") ? asked : null;
    }

    private Map<String, Object> parse(ConsoleApi.Answer a) {
        try {
            return json.readValue(a.body(), MAP);
        } catch (IOException e) {
            return Map.of();
        }
    }
}
