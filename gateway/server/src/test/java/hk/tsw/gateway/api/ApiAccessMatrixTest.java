package hk.tsw.gateway.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.api.access.ApiRules;
import org.apache.camel.spi.RestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may call what, cell by cell: every REST operation the running gateway serves (Camel's REST registry, so a
 * route added later without its row fails here) x {no credentials, partner A = DEMOFWD, partner B = DEMOLINE,
 * agency X = CED, agency Y = TID, operator}. The fixture: one message of DEMOFWD routed to CED (not TID), and one
 * licence TID issued to DEMOFWD. Requests that change something carry a body the route refuses (400), so a cell
 * that passed the gate is told apart from one the gate answered (401, 403, 404) without side effects between cells.
 */
class ApiAccessMatrixTest {

    static final String[] WHO = {"none", "DEMOFWD", "DEMOLINE", "CED", "TID", "operator"};
    static final String[] TOKENS = {null, ApiTokens.DEMOFWD, ApiTokens.DEMOLINE, ApiTokens.CED, ApiTokens.TID,
            ApiTokens.OPERATOR};

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static long message;

    /** One row: the request sent for an operation and the status expected from each of {@link #WHO}. */
    record Row(String method, String path, String body, int... expected) {
    }

    @BeforeAll
    static void start() throws Exception {
        gw = new RunningGateway(dir, Map.of(), Map.of());
        gw.uploadRetrying("demofwd", "matrix.edi", Files.readAllBytes(TestEngine.REPO.resolve(
                "config/demo/samples/demofwd-import.edi")));
        await().atMost(Duration.ofSeconds(120)).until(() -> gw.get("/api/messages?reference=WH25031200017").body()
                .contains("\"id\""));
        message = Long.parseLong(gw.get("/api/messages?reference=WH25031200017").body()
                .replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
        await().atMost(Duration.ofSeconds(120)).until(() -> gw.get("/api/messages/" + message).body()
                .contains("\"agency\" : \"CED\""));
        assertEquals(201, gw.postJson("/api/agencies/TID/licences", "{\"number\":\"MATRIX-1\",\"lpcoType\":\"TID-SC-IMP\","
                + "\"holder\":\"HK12345678\",\"validFrom\":\"2025-01-01\",\"validTo\":\"2099-12-31\",\"lines\":"
                + "[{\"hsCode\":\"851713\",\"quantity\":100,\"unit\":\"NAR\"}]}").statusCode());
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    /** Operation ("METHOD template" as the REST registry lists it) to its row. */
    static Map<String, Row> matrix() {
        Map<String, Row> m = new LinkedHashMap<>();
        String id = String.valueOf(message);
        m.put("GET /api/messages", new Row("GET", "/api/messages", null, 401, 200, 200, 200, 200, 200));
        m.put("GET /api/messages/{id}", new Row("GET", "/api/messages/" + id, null, 401, 200, 404, 200, 404, 200));
        m.put("GET /api/messages/{id}/as2", new Row("GET", "/api/messages/" + id + "/as2", null,
                401, 200, 404, 200, 404, 200));
        m.put("GET /api/messages/{id}/raw", new Row("GET", "/api/messages/" + id + "/raw", null,
                401, 200, 404, 200, 404, 200));
        m.put("GET /api/messages/{id}/documents/{n}", new Row("GET", "/api/messages/" + id + "/documents/1", null,
                401, 200, 404, 200, 404, 200));
        m.put("GET /api/messages/{id}/answers/{n}", new Row("GET", "/api/messages/" + id + "/answers/1", null,
                401, 200, 404, 200, 404, 200));
        m.put("POST /api/messages/{id}/redeliver", new Row("POST", "/api/messages/" + id + "/redeliver", "",
                401, 403, 403, 403, 403, 409));
        m.put("POST /api/messages/{id}/replay", new Row("POST", "/api/messages/" + id + "/replay", "",
                401, 403, 403, 403, 403, 400));
        m.put("POST /api/messages/{id}/restore", new Row("POST", "/api/messages/" + id + "/restore", "",
                401, 403, 403, 403, 403, 200));
        m.put("GET /api/as2/exchanges/{id}/mdn", new Row("GET", "/api/as2/exchanges/999999/mdn", null,
                401, 404, 404, 403, 403, 404));
        m.put("GET /api/as2/exchanges/{id}/raw", new Row("GET", "/api/as2/exchanges/999999/raw", null,
                401, 404, 404, 403, 403, 404));
        m.put("POST /api/as2/exchanges/{id}/mdn/resend", new Row("POST", "/api/as2/exchanges/999999/mdn/resend", "",
                401, 403, 403, 403, 403, 404));
        m.put("GET /api/intake", new Row("GET", "/api/intake", null, 401, 403, 403, 403, 403, 200));
        m.put("PUT /api/intake/disk-limit", new Row("PUT", "/api/intake/disk-limit?percent=abc", "",
                401, 403, 403, 403, 403, 400));
        m.put("GET /api/queues", new Row("GET", "/api/queues", null, 401, 403, 403, 403, 403, 200));
        m.put("GET /api/agencies", new Row("GET", "/api/agencies", null, 401, 403, 403, 403, 403, 200));
        m.put("GET /api/singletons", new Row("GET", "/api/singletons", null, 401, 403, 403, 403, 403, 200));
        m.put("GET /api/documents", new Row("GET", "/api/documents", null, 401, 200, 200, 200, 200, 200));
        m.put("POST /api/validate", new Row("POST", "/api/validate", "", 401, 400, 400, 403, 403, 400));
        m.put("POST /api/agencies/{code}/decisions", new Row("POST", "/api/agencies/CED/decisions",
                "{\"decision\":\"MAYBE\"}", 401, 403, 403, 400, 403, 400));
        m.put("GET /api/agencies/{code}/documents", new Row("GET", "/api/agencies/CED/documents", null,
                401, 403, 403, 200, 403, 200));
        m.put("POST /api/agencies/{code}/licences", new Row("POST", "/api/agencies/TID/licences", "not json",
                401, 403, 403, 403, 400, 400));
        m.put("POST /api/agencies/{code}/licences/{number}/{action}", new Row("POST",
                "/api/agencies/TID/licences/MATRIX-1/suspend", "not json", 401, 403, 403, 403, 400, 400));
        m.put("GET /api/licences/{number}", new Row("GET", "/api/licences/MATRIX-1", null, 401, 200, 404, 404, 200, 200));
        m.put("GET /api/audit", new Row("GET", "/api/audit", null, 401, 403, 403, 403, 403, 200));
        m.put("GET /api/dead-letters", new Row("GET", "/api/dead-letters", null, 401, 403, 403, 403, 403, 200));
        m.put("POST /api/dead-letters/{id}/redrive", new Row("POST",
                "/api/dead-letters/00000000-0000-0000-0000-000000000000/redrive", "", 401, 403, 403, 403, 403, 400));
        m.put("GET /api/partners", new Row("GET", "/api/partners", null, 401, 403, 403, 403, 403, 200));
        m.put("GET /api/certificates", new Row("GET", "/api/certificates", null, 401, 403, 403, 403, 403, 200));
        m.put("GET /api/config", new Row("GET", "/api/config", null, 401, 403, 403, 403, 403, 200));
        // without the mandatory comment: the operator's call is refused by the route, nothing is reloaded
        m.put("POST /api/config/reload", new Row("POST", "/api/config/reload", "", 401, 403, 403, 403, 403, 400));
        return m;
    }

    @Test
    void every_served_operation_answers_each_role_as_the_matrix_says() throws Exception {
        Set<String> served = new TreeSet<>();
        for (RestRegistry.RestService s : gw.runtime.camel().getRestRegistry().listAllRestServices()) {
            served.add(s.getMethod().toUpperCase(Locale.ROOT) + " " + (s.getBasePath()
                    + (s.getUriTemplate() == null ? "" : s.getUriTemplate())).replaceAll("/+", "/"));
        }
        assertTrue(served.contains("GET /api/messages/{id}"), "the registry was read: " + served);
        Map<String, Row> matrix = matrix();
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(matrix.keySet());
        assertEquals(Set.of(), missing, "served but not in the access matrix");
        List<String> wrong = new ArrayList<>();
        for (String op : served) {
            Row row = matrix.get(op);
            for (int who = 0; who < WHO.length; who++) {
                HttpResponse<String> r = gw.send(TOKENS[who], request(row));
                if (r.statusCode() != row.expected()[who]) {
                    wrong.add(op + " as " + WHO[who] + ": " + r.statusCode() + " (expected " + row.expected()[who] + ") "
                            + r.body().replaceAll("\\s+", " ").substring(0, Math.min(160, r.body().length())));
                }
                if (who == 0) {
                    assertEquals("Bearer realm=\"tsw-gateway\"", r.headers().firstValue("WWW-Authenticate").orElse(""), op);
                }
            }
        }
        assertEquals(List.of(), wrong, "cells that differ from the matrix");
        Set<String> ruled = new TreeSet<>();
        ApiRules.RULES.forEach(rule -> ruled.add(rule.method() + " " + rule.template()));
        assertEquals(served, ruled, "ApiRules names exactly the operations served");
    }

    @Test
    void a_search_shows_a_bound_user_only_its_own_messages() throws Exception {
        String mine = "\"id\" : " + message + ",";
        for (String token : new String[]{ApiTokens.DEMOFWD, ApiTokens.CED, ApiTokens.OPERATOR}) {
            assertTrue(gw.getAs(token, "/api/messages").body().contains(mine), token);
        }
        for (String token : new String[]{ApiTokens.DEMOLINE, ApiTokens.TID}) {
            assertFalse(gw.getAs(token, "/api/messages").body().contains(mine), token);
            assertFalse(gw.getAs(token, "/api/messages?partner=DEMOFWD").body().contains(mine), "no filter override");
        }
    }

    @Test
    void a_wrong_token_is_refused_with_invalid_token_and_the_token_is_not_echoed() throws Exception {
        HttpResponse<String> r = gw.send("not-a-token", gw.request("/api/messages").GET());
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
        assertFalse(r.body().contains("not-a-token") || r.headers().map().toString().contains("not-a-token"));
        HttpResponse<String> basic = gw.send(null, gw.request("/api/messages").header("Authorization",
                "Basic " + java.util.Base64.getEncoder().encodeToString(("operator:" + ApiTokens.OPERATOR)
                        .getBytes(StandardCharsets.UTF_8))).GET());
        assertEquals(401, basic.statusCode(), "only Bearer is taken");
    }

    @Test
    void an_agency_header_sent_by_the_client_does_not_narrow_or_widen_a_search() throws Exception {
        String mine = "\"id\" : " + message + ",";
        assertFalse(gw.send(ApiTokens.TID, gw.request("/api/messages").header("tswAgencyFilter", "CED").GET()).body()
                .contains(mine));
        assertTrue(gw.send(ApiTokens.OPERATOR, gw.request("/api/messages").header("tswAgencyFilter", "TID").GET()).body()
                .contains(mine));
    }

    @Test
    void health_live_and_ready_are_open_with_the_status_only_and_the_rest_of_observe_is_for_operators() throws Exception {
        for (String path : new String[]{"/observe/health/live", "/observe/health/ready?exposureLevel=full&data=true"}) {
            // a node just started may be not ready for a moment (a check's first probe): a load balancer asks again
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> gw.getAs(null, path).statusCode() == 200);
            HttpResponse<String> open = gw.getAs(null, path);
            assertEquals(200, open.statusCode(), path);
            assertEquals("{\"status\":\"UP\"}", open.body(), path + ": the status, no check's details");
        }
        for (String path : new String[]{"/observe/health?exposureLevel=full", "/observe/metrics", "/observe/health"}) {
            assertEquals(401, gw.getAs(null, path).statusCode(), path);
            assertEquals(403, gw.getAs(ApiTokens.CED, path).statusCode(), path);
            assertEquals(403, gw.getAs(ApiTokens.DEMOFWD, path).statusCode(), path);
            assertEquals(200, gw.getAs(ApiTokens.OPERATOR, path).statusCode(), path);
        }
        assertTrue(gw.getAs(ApiTokens.OPERATOR, "/observe/health?exposureLevel=full").body().contains("\"name\":\"listeners\""),
                "the operator sees every check");
        assertTrue(gw.getAs(ApiTokens.OPERATOR, "/observe/metrics").body().contains("jvm_"), "and the metrics");
    }

    @Test
    void operator_and_agency_actions_are_in_the_audit_log_with_who_what_which_message_and_the_comment() throws Exception {
        assertEquals(409, gw.send(ApiTokens.OPERATOR, gw.request("/api/messages/" + message
                + "/redeliver?comment=audit-check-1").POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        assertEquals(400, gw.send(ApiTokens.CED, gw.request("/api/agencies/CED/decisions").header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"MAYBE\",\"reference\":"
                + "\"DOC-X\",\"comment\":\"=audit-check-2\"}"))).statusCode());
        assertEquals(403, gw.send(ApiTokens.TID, gw.request("/api/agencies/CED/decisions?comment=audit-check-3")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode());
        String audit = gw.get("/api/audit?limit=1000").body().replaceAll("\\s+", "");
        assertTrue(audit.contains("\"user\":\"operator\",\"role\":\"OPERATOR\",\"actingFor\":null,\"action\":"
                + "\"REDELIVER\",\"method\":\"POST\",\"path\":\"/api/messages/" + message + "/redeliver\",\"messageId\":"
                + message + ",\"target\":null,\"status\":409,\"comment\":\"audit-check-1\""), audit);
        assertTrue(audit.contains("\"user\":\"ced\",\"role\":\"AGENCY\",\"actingFor\":\"CED\",\"action\":\"DECISION\""
                + ",\"method\":\"POST\",\"path\":\"/api/agencies/CED/decisions\",\"messageId\":null,\"target\":\"CED\","
                + "\"status\":400,\"comment\":\"=audit-check-2\""), audit);
        assertFalse(audit.contains("audit-check-3"), "what the gate refused never reached an action");
        HttpResponse<String> csv = gw.send(ApiTokens.OPERATOR, gw.request("/api/audit").header("Accept", "text/csv").GET());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().map().toString());
        assertTrue(csv.body().startsWith("id,at,user,role,actingFor,action,method,path,messageId,target,status,comment\r\n"));
        assertTrue(csv.body().contains(",operator,OPERATOR,,REDELIVER,POST,/api/messages/" + message + "/redeliver," + message
                + ",,409,audit-check-1\r\n"), csv.body());
        assertTrue(csv.body().contains(",\"'=audit-check-2\"\r\n"), "a formula is defused: " + csv.body());
        assertEquals(csv.body(), gw.get("/api/audit?format=csv").body());
    }

    @Test
    void a_path_with_dot_segments_or_encoded_slashes_is_not_served_whoever_asks() throws Exception {
        for (String path : new String[]{"/api/messages/" + message + "/%2e%2e/%2e%2e/queues", "/api/licences/..%2fx",
                "/api/agencies/CED/licences/%2E%2E/x"}) {
            assertEquals(404, gw.send(ApiTokens.CED, gw.request(path).GET()).statusCode(), path);
            assertEquals(404, gw.send(ApiTokens.OPERATOR, gw.request(path).GET()).statusCode(), path);
        }
        // control: the same users are served the plain paths
        assertEquals(200, gw.getAs(ApiTokens.CED, "/api/messages/" + message).statusCode());
    }

    private static HttpRequest.Builder request(Row row) {
        HttpRequest.Builder b = gw.request(row.path());
        return row.body() == null ? b.GET() : b.header("Content-Type", "application/json")
                .method(row.method(), HttpRequest.BodyPublishers.ofString(row.body()));
    }

    static String describe(int[] expected) {
        return Arrays.toString(expected);
    }
}
