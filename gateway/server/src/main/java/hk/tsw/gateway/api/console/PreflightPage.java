package hk.tsw.gateway.api.console;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.security.ApiUser;

/**
 * The partner's preflight: a file pasted into the form is checked by {@code POST /api/validate} as the signed-in user
 * (a partner's own rules; the operator may name a partner), and the page shows the verdict and the file's numbered
 * segments (EDIFACT) or lines (XML) with each located error next to its own ({@link PreflightLines}), then the
 * acknowledgements a real submission would get. Nothing is stored or forwarded, as for the API.
 */
final class PreflightPage {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ConsoleApi api;
    private final ObjectMapper json = new ObjectMapper();

    PreflightPage(ConsoleApi api) {
        this.api = api;
    }

    void form(ConsoleServer.Request r) {
        if (r.session.user.role() == ApiUser.Role.AGENCY) {
            r.page(404, "error", Map.of("status", 404));
            return;
        }
        r.page(200, "preflight", Map.of("file", ""));
    }

    @SuppressWarnings("unchecked")
    void check(ConsoleServer.Request r) {
        ApiUser user = r.session.user;
        if (user.role() == ApiUser.Role.AGENCY) {
            r.page(403, "error", Map.of("status", 403));
            return;
        }
        String file = r.form("file") == null ? "" : r.form("file");
        Map<String, Object> model = new HashMap<>();
        model.put("file", file);
        String partner = user.operator() ? r.form("partner") : null;
        model.put("partner", partner);
        if (file.isBlank()) {
            model.put("empty", true);
            r.page(400, "preflight", model);
            return;
        }
        Map<String, String> params = new HashMap<>();
        params.put("partner", partner);
        ConsoleApi.Answer a = api.call(user, "POST", "/api/validate", params, file, "api-validate");
        Map<String, Object> result = parse(a);
        if (!a.ok()) {
            model.put("problem", result.getOrDefault("error", "status " + a.status()));
            r.page(a.status() == 404 ? 400 : a.status(), "preflight", model);
            return;
        }
        model.put("result", result);
        model.put("located", PreflightLines.locate(file,
                (List<Map<String, Object>>) result.getOrDefault("errors", List.of())));
        r.page(200, "preflight", model);
    }

    private Map<String, Object> parse(ConsoleApi.Answer a) {
        try {
            return json.readValue(a.body(), MAP);
        } catch (IOException e) {
            return Map.of("error", "status " + a.status());
        }
    }
}
