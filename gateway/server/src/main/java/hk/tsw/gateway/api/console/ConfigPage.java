package hk.tsw.gateway.api.console;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The operator's configuration page ({@code /console/config}): the generation of partners and users each node runs
 * ({@code GET /api/config}) and the reload button ({@code POST /api/config/reload}, comment mandatory, CSRF-checked by
 * the console as every form). The answer is shown on the page: the new generation and what changed, or the file and
 * the error when the configuration was refused (the running one stays).
 */
final class ConfigPage {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ConsoleApi api;
    private final ObjectMapper json = new ObjectMapper();

    ConfigPage(ConsoleApi api) {
        this.api = api;
    }

    void show(ConsoleServer.Request r) {
        show(r, null, 200);
    }

    void reload(ConsoleServer.Request r) {
        String comment = r.form("comment") == null ? "" : r.form("comment").trim();
        if (comment.isEmpty() || comment.length() > 2000) {
            show(r, Map.of("ok", false, "error", "comment"), 400);
            return;
        }
        ConsoleApi.Answer a = api.call(r.session.user, "POST", "/api/config/reload", Map.of("comment", comment),
                "api-config-reload");
        if (a.status() == 403) {
            r.page(403, "error", Map.of("status", 403));
            return;
        }
        Map<String, Object> answer = new HashMap<>(parse(a));
        answer.put("ok", a.ok());
        show(r, answer, a.ok() ? 200 : a.status());
    }

    private void show(ConsoleServer.Request r, Map<String, Object> reloaded, int status) {
        ConsoleApi.Answer a = api.call(r.session.user, "GET", "/api/config", Map.of(), "api-config");
        if (!a.ok()) {
            r.page(a.status(), "error", Map.of("status", a.status()));
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("config", parse(a));
        model.put("reloaded", reloaded);
        r.page(status, "config", model);
    }

    private Map<String, Object> parse(ConsoleApi.Answer a) {
        try {
            return json.readValue(a.body(), MAP);
        } catch (java.io.IOException e) {
            return Map.of("error", "status " + a.status());
        }
    }
}
