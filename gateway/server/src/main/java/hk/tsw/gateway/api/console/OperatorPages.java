package hk.tsw.gateway.api.console;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The operator's partners and certificates page ({@code GET /api/partners}, {@code GET /api/certificates}) and the
 * dead letters page ({@code GET /api/dead-letters}) with a re-drive form per letter ({@code POST
 * /api/dead-letters/{id}/redrive}, comment mandatory, in the audit log). Both are the operator's only: any other
 * role gets the same 404 page as a missing page.
 */
final class OperatorPages {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final List<String> OUTCOMES = List.of("202", "400", "404", "409", "503");

    private final ConsoleApi api;
    private final ObjectMapper json = new ObjectMapper();

    OperatorPages(ConsoleApi api) {
        this.api = api;
    }

    void partners(ConsoleServer.Request r) {
        if (!r.session.user.operator()) {
            r.page(404, "error", Map.of("status", 404));
            return;
        }
        ConsoleApi.Answer partners = api.call(r.session.user, "GET", "/api/partners", Map.of(), "api-partners");
        ConsoleApi.Answer certificates = api.call(r.session.user, "GET", "/api/certificates", Map.of(),
                "api-certificates");
        if (!partners.ok() || !certificates.ok()) {
            r.page(500, "error", Map.of("status", 500));
            return;
        }
        Map<String, Object> model = new HashMap<>(parse(certificates));
        model.putAll(parse(partners));
        r.page(200, "partners", model);
    }

    void deadLetters(ConsoleServer.Request r) {
        if (!r.session.user.operator()) {
            r.page(404, "error", Map.of("status", 404));
            return;
        }
        ConsoleApi.Answer a = api.call(r.session.user, "GET", "/api/dead-letters", Map.of(), "api-dead-letters");
        Map<String, Object> model = new HashMap<>();
        model.put("letters", a.ok() ? parse(a).get("deadLetters") : List.of());
        model.put("unavailable", !a.ok());
        // a fixed key, never the parameter itself: the template turns it into a label's name
        String done = r.param("redriven");
        model.put("done", done == null ? null : OUTCOMES.contains(done) ? done : "other");
        r.page(200, "deadletters", model);
    }

    /** The re-drive of one letter, as the operator, with the mandatory comment; back to the list with the outcome. */
    void redrive(ConsoleServer.Request r, String id) {
        if (!r.session.user.operator()) {
            r.page(404, "error", Map.of("status", 404));
            return;
        }
        String comment = r.form("comment") == null ? "" : r.form("comment").trim();
        if (comment.isEmpty() || comment.length() > 2000) {
            r.redirect("/console/dead-letters?redriven=400");
            return;
        }
        ConsoleApi.Answer a = api.call(r.session.user, "POST", "/api/dead-letters/" + id + "/redrive",
                Map.of("id", id, "comment", comment), "api-dead-letter-redrive");
        r.redirect("/console/dead-letters?redriven=" + a.status());
    }

    /** The count the dashboard shows the operator: certificates expiring within 30 days (null for other roles). */
    Object expiringCertificates(ConsoleServer.Request r) {
        if (!r.session.user.operator()) {
            return null;
        }
        ConsoleApi.Answer a = api.call(r.session.user, "GET", "/api/certificates", Map.of(), "api-certificates");
        return a.ok() ? parse(a).get("expiringWithin30Days") : null;
    }

    private Map<String, Object> parse(ConsoleApi.Answer a) {
        try {
            return json.readValue(a.body(), MAP);
        } catch (IOException e) {
            return Map.of();
        }
    }
}
