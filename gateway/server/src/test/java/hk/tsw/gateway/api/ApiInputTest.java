package hk.tsw.gateway.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.testsupport.ProcessHarness;
import hk.tsw.gateway.testsupport.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/messages} with values it cannot take answers 400 with a JSON body naming the parameter, the value and
 * what was expected (never a 500 with an empty body); {@code limit} above the documented maximum (1,000) is refused;
 * lists page with {@code cursor} = the previous answer's {@code nextCursor}, newest first, each message once.
 */
class ApiInputTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void bad_query_values_get_a_clear_400_and_lists_page_with_a_cursor() throws Exception {
        try (RunningGateway gw = new RunningGateway(dir, Map.of(), Map.of())) {
            for (String[] bad : new String[][]{{"from", "yesterday"}, {"to", "2026-13-45"}, {"limit", "abc"},
                    {"limit", "1001"}, {"limit", "0"}, {"cursor", "x1"}}) {
                HttpResponse<String> r = gw.get("/api/messages?" + bad[0] + "=" + bad[1]);
                assertEquals(400, r.statusCode(), bad[0] + "=" + bad[1] + ": " + r.body());
                assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
                JsonNode body = json.readTree(r.body());
                assertEquals(bad[0], body.path("parameter").asText(), r.body());
                assertEquals(bad[1], body.path("value").asText(), r.body());
                assertFalse(body.path("expected").asText().isBlank(), r.body());
            }
            assertTrue(json.readTree(gw.get("/api/messages?from=2026-12-01T00:00:00Z&to=2099-01-01&limit=1000").body())
                    .path("messages").isArray(), "good values are taken");

            for (String ref : List.of("PAGE1", "PAGE2", "PAGE3")) {
                gw.uploadRetrying("demofwd", ref + ".edi", ProcessHarness.declaration(ref));
            }
            await().atMost(Duration.ofSeconds(120)).until(() ->
                    json.readTree(gw.get("/api/messages?partner=DEMOFWD").body()).path("messages").size() == 3);
            List<Long> ids = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = json.readTree(gw.get("/api/messages?partner=DEMOFWD&limit=1"
                        + (cursor == null ? "" : "&cursor=" + cursor)).body());
                page.path("messages").forEach(m -> ids.add(m.path("id").asLong()));
                cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
                pages++;
            } while (cursor != null && pages < 10);
            assertEquals(3, ids.size(), "each message once: " + ids);
            assertEquals(3, ids.stream().distinct().count(), ids.toString());
            assertTrue(ids.get(0) > ids.get(1) && ids.get(1) > ids.get(2), "newest first: " + ids);
            assertTrue(pages <= 4, "the last page says there is no next one: " + pages + " pages");
        }
    }
}
