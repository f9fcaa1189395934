package hk.tsw.gateway.api.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.security.ApiUser;

/**
 * The partner's preflight: a file pasted into the form or uploaded ({@link PreflightUpload}) is checked by
 * {@code POST /api/validate} as the signed-in user
 * (a partner's own rules; the operator may name a partner), and the page shows the verdict and the file's numbered
 * segments (EDIFACT) or lines (XML) with each located error next to its own ({@link PreflightLines}), then the
 * acknowledgements a real submission would get. Nothing is stored or forwarded, as for the API.
 */
final class PreflightPage {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ConsoleApi api;
    private final long max;
    private final ObjectMapper json = new ObjectMapper();

    PreflightPage(ConsoleApi api, long max) {
        this.api = api;
        this.max = max;
    }

    void form(ConsoleServer.Request r) {
        if (r.session.user.role() == ApiUser.Role.AGENCY) {
            r.page(404, "error", Map.of("status", 404));
            return;
        }
        r.page(200, "preflight", Map.of("file", "", "max", max));
    }

    /** The pasted text: checked as its UTF-8 bytes. */
    void check(ConsoleServer.Request r) {
        if (r.session.user.role() == ApiUser.Role.AGENCY) {
            r.page(403, "error", Map.of("status", 403));
            return;
        }
        String file = r.form("file") == null ? "" : r.form("file");
        run(r, file, file.isBlank() ? null : file.getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * An uploaded file: its bytes are checked as they came (the EDIFACT charset its UNB declares, or the XML's own
     * encoding) and shown decoded the same way ({@link UploadedText}).
     */
    void upload(ConsoleServer.Request r, PreflightUpload.Received file) {
        if (r.session.user.role() == ApiUser.Role.AGENCY) {
            r.page(403, "error", Map.of("status", 403));
            return;
        }
        if (!file.multipart()) {
            Map<String, Object> model = model();
            model.put("file", "");
            model.put("notUpload", true);
            r.page(400, "preflight", model);
            return;
        }
        if (file.tooLarge()) {
            Map<String, Object> model = model();
            model.put("file", "");
            model.put("tooLarge", max);
            r.page(413, "preflight", model);
            return;
        }
        byte[] bytes = file.bytes() == null || file.bytes().length == 0 ? null : file.bytes();
        run(r, bytes == null ? "" : UploadedText.decode(bytes), bytes, file.fileName());
    }

    @SuppressWarnings("unchecked")
    private void run(ConsoleServer.Request r, String text, byte[] bytes, String fileName) {
        ApiUser user = r.session.user;
        Map<String, Object> model = model();
        // an uploaded file is not put back into the text box (it may be large): its lines are shown below
        model.put("file", fileName == null ? text : "");
        model.put("fileName", fileName);
        String partner = user.operator() ? r.form("partner") : null;
        model.put("partner", partner);
        if (bytes == null) {
            model.put("empty", true);
            r.page(400, "preflight", model);
            return;
        }
        Map<String, String> params = new HashMap<>();
        params.put("partner", partner);
        ConsoleApi.Answer a = api.callWithBytes(user, "POST", "/api/validate", params, bytes, "api-validate");
        Map<String, Object> result = parse(a);
        if (!a.ok()) {
            model.put("problem", result.getOrDefault("error", "status " + a.status()));
            r.page(a.status() == 404 ? 400 : a.status(), "preflight", model);
            return;
        }
        model.put("result", result);
        model.put("located", PreflightLines.locate(text,
                (List<Map<String, Object>>) result.getOrDefault("errors", List.of())));
        r.page(200, "preflight", model);
    }

    private Map<String, Object> model() {
        Map<String, Object> model = new HashMap<>();
        model.put("max", max);
        return model;
    }

    private Map<String, Object> parse(ConsoleApi.Answer a) {
        try {
            return json.readValue(a.body(), MAP);
        } catch (IOException e) {
            return Map.of("error", "status " + a.status());
        }
    }
}
