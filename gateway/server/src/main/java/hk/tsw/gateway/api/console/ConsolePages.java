package hk.tsw.gateway.api.console;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.security.ApiUser;
import hk.tsw.gateway.store.DashboardQueries;
import hk.tsw.gateway.store.QuietPartners;

/**
 * The console's pages, each filled from the API's own operations as the signed-in user ({@link ConsoleApi}): the
 * dashboard, the message search, the message page (timeline, raw payload, canonical documents pretty-printed, the
 * answers sent, deliveries) with the operator's redeliver action, and the operator's audit log. A message the user
 * may not see is the same 404 page as a missing one.
 */
final class ConsolePages {

    /** The most of one payload shown on the message page (the rest is cut, and the page says so). */
    static final int SHOWN_BYTES = 64 * 1024;
    private static final int PAGE = 25;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ConsoleApi api;
    private final DashboardQueries dashboard;
    private final QuietPartners quiet;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    ConsolePages(ConsoleApi api, DashboardQueries dashboard, QuietPartners quiet, Clock clock) {
        this.api = api;
        this.dashboard = dashboard;
        this.quiet = quiet;
        this.clock = clock;
    }

    /** The API the pages call through. */
    ConsoleApi api() {
        return api;
    }

    /** @param expiringCertificates the operator's count of certificates expiring within 30 days (null: not shown) */
    void dashboard(ConsoleServer.Request r, Object expiringCertificates) {
        ApiUser user = r.session.user;
        Map<String, String> scope = api.scope(user);
        List<DashboardQueries.Hour> hours = dashboard.lastDay(clock.instant(), scope.get("partner"), scope.get("agency"));
        Map<String, Object> model = new HashMap<>();
        model.put("chart", BarChart.of(hours));
        List<Map<String, Object>> backlog = new ArrayList<>();
        for (DashboardQueries.AgencyBacklog b : dashboard.backlog(clock.instant(), scope.get("partner"), scope.get("agency"))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("agency", b.agency());
            row.put("pending", b.pending());
            row.put("failing", b.failing());
            row.put("dead", b.dead());
            row.put("oldest", age(b.oldestPending()));
            backlog.add(row);
        }
        model.put("backlog", backlog);
        ConsoleApi.Answer queues = api.call(user, "GET", "/api/queues", Map.of(), "api-queues");
        model.put("queues", queues.ok() ? parse(queues).get("queues") : null);
        ConsoleApi.Answer intake = api.call(user, "GET", "/api/intake", Map.of(), "api-intake");
        model.put("intake", intake.ok() ? parse(intake) : null);
        model.put("expiringCertificates", expiringCertificates);
        model.put("quiet", user.operator() ? quietRows() : null);
        model.put("quietFactor", quiet.factor() == Math.rint(quiet.factor()) ? String.valueOf((long) quiet.factor())
                : String.valueOf(quiet.factor()));
        model.put("quietFloorMinutes", quiet.floor().toMinutes());
        r.page(200, "dashboard", model);
    }

    /** The operator's quiet partners: silent for longer than their usual gap (docs/CONSOLE.md). */
    private List<Map<String, Object>> quietRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QuietPartners.Quiet q : quiet.quiet(clock.instant())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("partner", q.partner());
            row.put("last", q.lastSubmission().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            row.put("gap", q.usualGap().toMinutes() < 1 ? q.usualGap().toSeconds() + " s" : age(q.usualGap()));
            row.put("silent", age(q.silentFor()));
            rows.add(row);
        }
        return rows;
    }

    void search(ConsoleServer.Request r) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String name : new String[]{"reference", "partner", "state", "from", "to", "cursor"}) {
            q.put(name, r.param(name));
        }
        Map<String, String> params = new HashMap<>(q);
        params.put("limit", String.valueOf(PAGE));
        ConsoleApi.Answer a = api.call(r.session.user, "GET", "/api/messages", params, "api-search");
        Map<String, Object> model = new HashMap<>();
        model.put("q", q);
        model.put("searched", q.values().stream().anyMatch(v -> v != null));
        if (a.ok()) {
            Map<String, Object> found = parse(a);
            model.put("messages", found.get("messages"));
            model.put("next", found.get("nextCursor"));
        } else {
            model.put("messages", List.of());
            model.put("problem", parse(a).get("error"));
        }
        r.page(a.ok() ? 200 : 400, "search", model);
    }

    @SuppressWarnings("unchecked")
    void message(ConsoleServer.Request r, long id) {
        ApiUser user = r.session.user;
        String base = "/api/messages/" + id;
        ConsoleApi.Answer detail = api.call(user, "GET", base, Map.of(), "api-detail");
        if (detail.status() == 404) {
            r.page(404, "error", Map.of("status", 404));
            return;
        }
        Map<String, Object> d = parse(detail);
        Map<String, Object> model = new HashMap<>();
        model.put("m", d);
        model.put("raw", shown(api.call(user, "GET", base + "/raw", Map.of(), "api-message-raw"), false));
        List<Map<String, Object>> documents = new ArrayList<>();
        List<Map<String, Object>> docs = (List<Map<String, Object>>) d.getOrDefault("documents", List.of());
        for (int n = 1; n <= docs.size(); n++) {
            Map<String, Object> doc = new LinkedHashMap<>(docs.get(n - 1));
            doc.put("n", n);
            doc.put("xml", shown(api.call(user, "GET", base + "/documents/" + n, Map.of(), "api-message-document"),
                    true));
            documents.add(doc);
        }
        model.put("documents", documents);
        List<Map<String, Object>> answers = new ArrayList<>();
        for (Map<String, Object> sent : (List<Map<String, Object>>) d.getOrDefault("answers", List.of())) {
            Map<String, Object> ans = new LinkedHashMap<>(sent);
            ans.put("text", shown(api.call(user, "GET", base + "/answers/" + sent.get("n"), Map.of(),
                    "api-message-answer"), false));
            answers.add(ans);
        }
        model.put("answers", answers);
        // a fixed key, never the parameter itself: the template turns it into a label's name
        String done = r.param("redelivered");
        model.put("done", done == null ? null : "202".equals(done) || "409".equals(done) ? done : "other");
        model.put("commentMissing", r.param("comment") != null);
        String replayed = r.param("replayed");
        model.put("replayed", replayed == null ? null : "202".equals(replayed) ? "202" : "other");
        String restored = r.param("restored");
        model.put("restored", restored == null ? null : "200".equals(restored) ? "200" : "other");
        r.page(200, "message", model);
    }

    /** The operator's redeliver, with its mandatory comment (the audit row is written by the API's gate). */
    void redeliver(ConsoleServer.Request r, long id) {
        String comment = r.form("comment") == null ? "" : r.form("comment").trim();
        if (comment.isEmpty() || comment.length() > 2000) {
            r.redirect("/console/messages/" + id + "?comment=required");
            return;
        }
        ConsoleApi.Answer a = api.call(r.session.user, "POST", "/api/messages/" + id + "/redeliver",
                Map.of("comment", comment), "api-redeliver");
        if (a.status() == 404 || a.status() == 403) {
            r.page(a.status(), "error", Map.of("status", a.status()));
            return;
        }
        r.redirect("/console/messages/" + id + "?redelivered=" + a.status());
    }

    /**
     * The operator's replay ({@code POST /api/messages/{id}/replay}, comment mandatory): on success the new message's
     * page, else this one with the outcome.
     */
    void replay(ConsoleServer.Request r, long id) {
        String comment = r.form("comment") == null ? "" : r.form("comment").trim();
        if (comment.isEmpty() || comment.length() > 2000) {
            r.redirect("/console/messages/" + id + "?comment=required");
            return;
        }
        ConsoleApi.Answer a = api.call(r.session.user, "POST", "/api/messages/" + id + "/replay",
                Map.of("comment", comment), "api-replay");
        if (a.status() == 404 || a.status() == 403) {
            r.page(a.status(), "error", Map.of("status", a.status()));
            return;
        }
        Object replayId = a.ok() ? parse(a).get("replayId") : null;
        r.redirect(replayId instanceof Number n ? "/console/messages/" + n.longValue() + "?replayed=202"
                : "/console/messages/" + id + "?replayed=" + a.status());
    }

    /**
     * The operator's restore of an archived message's payloads ({@code POST /api/messages/{id}/restore}, comment
     * mandatory, in the audit log): back to the message page, which shows the payloads again, with the outcome.
     */
    void restore(ConsoleServer.Request r, long id) {
        String comment = r.form("comment") == null ? "" : r.form("comment").trim();
        if (comment.isEmpty() || comment.length() > 2000) {
            r.redirect("/console/messages/" + id + "?comment=required");
            return;
        }
        ConsoleApi.Answer a = api.call(r.session.user, "POST", "/api/messages/" + id + "/restore",
                Map.of("comment", comment), "api-restore");
        if (a.status() == 404 || a.status() == 403) {
            r.page(a.status(), "error", Map.of("status", a.status()));
            return;
        }
        r.redirect("/console/messages/" + id + "?restored=" + (a.ok() ? "200" : "other"));
    }

    void audit(ConsoleServer.Request r) {
        ConsoleApi.Answer a = api.call(r.session.user, "GET", "/api/audit", Map.of("limit", "200"), "api-audit");
        if (!a.ok()) {
            r.page(a.status(), "error", Map.of("status", a.status()));
            return;
        }
        r.page(200, "audit", Map.of("rows", parse(a).get("audit")));
    }

    /** A payload as the page shows it: text (XML indented), cut at {@link #SHOWN_BYTES}; null when not readable. */
    private static Map<String, Object> shown(ConsoleApi.Answer a, boolean xml) {
        if (!a.ok()) {
            return null;
        }
        byte[] b = a.body();
        boolean cut = b.length > SHOWN_BYTES;
        String text = new String(b, 0, Math.min(b.length, SHOWN_BYTES), StandardCharsets.UTF_8);
        if (xml && !cut) {
            text = PrettyXml.indent(b).orElse(text);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("text", text);
        m.put("cut", cut);
        m.put("bytes", b.length);
        return m;
    }

    private Map<String, Object> parse(ConsoleApi.Answer a) {
        try {
            return json.readValue(a.body(), MAP);
        } catch (java.io.IOException e) {
            return Map.of("error", "status " + a.status());
        }
    }

    private static String age(Duration d) {
        if (d == null) {
            return "";
        }
        long minutes = d.toMinutes();
        return minutes < 60 ? minutes + " min" : minutes < 48 * 60 ? (minutes / 60) + " h " + (minutes % 60) + " min"
                : (minutes / (24 * 60)) + " d";
    }
}
