package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.MovableClock;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.TestEngine;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention in the running gateway (embedded Artemis, H2, SFTP) with a clock the test moves: a declaration delivered
 * and answered is archived once its online period has passed; while archived its raw payload answers 410 naming the
 * restore; the operator's restore brings the bytes back identical and is in the audit log; the counter says so.
 * Nothing waits on time: every step waits on state.
 */
class RetentionPipelineTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_finished_message_is_archived_answers_410_and_the_operator_restores_it() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        String edi = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"),
                StandardCharsets.ISO_8859_1).replace("WH25031200017", "RET1");
        byte[] upload = edi.getBytes(StandardCharsets.ISO_8859_1);
        try (RunningGateway gw = new RunningGateway(dir, Map.of(), Map.of("gateway.retention.every.ms", "200"),
                Map.of(), config -> { }, clock)) {
            gw.uploadRetrying("demofwd", "RET1.edi", upload);
            long id = Awaitility.await().atMost(HANG_GUARD).until(() -> messageId(gw, "RET1"), i -> i > 0);
            Awaitility.await().atMost(HANG_GUARD).until(
                    () -> json.readTree(gw.get("/api/messages/" + id).body()).path("state").asText(),
                    "DELIVERED"::equals);
            assertEquals(200, gw.get("/api/messages/" + id + "/raw").statusCode(), "online before its period");

            clock.advance(Duration.ofDays(91));
            HttpResponse<String> archived = Awaitility.await().atMost(HANG_GUARD)
                    .until(() -> gw.get("/api/messages/" + id + "/raw"), r -> r.statusCode() == 410);
            JsonNode gone = json.readTree(archived.body());
            assertEquals("POST /api/messages/" + id + "/restore", gone.path("restore").asText(), archived.body());
            assertTrue(gone.path("error").asText().contains("archived on"), archived.body());
            assertEquals(410, gw.get("/api/messages/" + id + "/documents/1").statusCode());
            assertEquals(200, gw.get("/api/messages/" + id).statusCode(), "the message itself is still there");
            assertTrue(gw.get("/api/messages?reference=RET1").body().contains("\"id\" : " + id), "search finds it");
            String metrics = gw.get("/observe/metrics").body();
            assertTrue(Pattern.compile("(?m)^tsw_retention_archived_total(\\{.*})? 1\\.0$").matcher(metrics).find(),
                    metrics);

            Console console = Console.signIn(gw);
            String page = console.get("/console/messages/" + id).body();
            assertTrue(page.contains("id=\"m-archived\"") && page.contains("/api/messages/" + id + "/restore"), page);
            assertTrue(page.contains("id=\"restore\"") && !page.contains("id=\"raw\""), "the restore button, no payload");

            HttpResponse<String> partner = gw.send(ApiTokens.DEMOFWD, gw.request("/api/messages/" + id + "/restore")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(403, partner.statusCode(), "only operators restore");
            HttpResponse<String> noComment = console.post("/console/messages/" + id + "/restore", "  ");
            assertEquals(303, noComment.statusCode());
            assertTrue(noComment.headers().firstValue("Location").orElse("").endsWith("?comment=required"));
            assertEquals(410, gw.get("/api/messages/" + id + "/raw").statusCode(), "no comment, nothing restored");
            HttpResponse<String> restored = console.post("/console/messages/" + id + "/restore", "auditor asks");
            assertEquals(303, restored.statusCode(), restored.body());
            String location = restored.headers().firstValue("Location").orElseThrow();
            assertTrue(location.endsWith("/console/messages/" + id + "?restored=200"), location);
            String after = console.get(location).body();
            assertTrue(after.contains("id=\"restored\" class=\"ok\""), after);
            assertTrue(after.contains("id=\"raw\"") && after.contains("RET1") && !after.contains("id=\"m-archived\"")
                    && !after.contains("id=\"restore\""), "the page shows the payloads again: " + after);
            HttpResponse<byte[]> raw = java.net.http.HttpClient.newHttpClient().send(
                    ApiTokens.as(ApiTokens.OPERATOR, gw.request("/api/messages/" + id + "/raw").GET()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, raw.statusCode());
            assertArrayEquals(upload, raw.body(), "the bytes as received");
            assertEquals(200, gw.get("/api/messages/" + id + "/documents/1").statusCode());
            String audit = gw.get("/api/audit").body();
            assertTrue(audit.contains("RESTORE") && audit.contains("auditor asks"), audit);
        }
    }

    /** The console as the demo operator, signed in through the login form (plain HTTP, cookie and CSRF token). */
    private record Console(RunningGateway gw, java.net.http.HttpClient browser, String csrf) {

        static Console signIn(RunningGateway gw) throws Exception {
            java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                    .cookieHandler(new java.net.CookieManager())
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
            String login = browser.send(gw.request("/console/login").GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            HttpResponse<String> signedIn = new Console(gw, browser, csrf(login)).send("/console/login",
                    "username=operator&password=operator-DEMO-ONLY-password");
            assertEquals(303, signedIn.statusCode(), signedIn.body());
            return new Console(gw, browser, csrf(new Console(gw, browser, null).get("/console/").body()));
        }

        private static String csrf(String page) {
            java.util.regex.Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
            assertTrue(csrf.find(), page);
            return csrf.group(1);
        }

        HttpResponse<String> get(String path) throws Exception {
            return browser.send(gw.request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Posts a console form with the session's CSRF token and the comment. */
        HttpResponse<String> post(String path, String comment) throws Exception {
            return send(path, "comment=" + java.net.URLEncoder.encode(comment, StandardCharsets.UTF_8));
        }

        private HttpResponse<String> send(String path, String fields) throws Exception {
            String form = "csrf=" + java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&" + fields;
            return browser.send(gw.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private long messageId(RunningGateway gw, String reference) throws Exception {
        JsonNode list = json.readTree(gw.get("/api/messages?reference=" + reference).body());
        JsonNode items = list.isArray() ? list : list.path("messages");
        return items.size() == 0 ? 0 : items.get(0).path("id").asLong();
    }
}
