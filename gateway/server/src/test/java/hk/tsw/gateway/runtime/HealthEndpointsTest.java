package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import hk.tsw.gateway.testsupport.RunningGateway;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health for load balancers: {@code /observe/health/ready} (should this node take traffic: broker, database,
 * listeners, intake open) and {@code /observe/health/live} (should it be restarted). Paused intake makes the node not
 * ready, never not live.
 */
class HealthEndpointsTest {

    @TempDir
    Path dir;

    private static HttpResponse<String> put(RunningGateway gw, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.httpPort + path))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void ready_names_the_broker_database_listeners_and_intake_and_paused_intake_is_not_ready_but_live() throws Exception {
        try (RunningGateway gw = new RunningGateway(dir, Map.of(), Map.of())) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> gw.get("/observe/health/ready").statusCode() == 200);
            String ready = gw.get("/observe/health/ready?exposureLevel=full").body();
            for (String check : new String[]{"broker", "database", "listeners", "intake"}) {
                assertTrue(ready.contains("\"name\":\"" + check + "\""), check + " in " + ready);
            }
            HttpResponse<String> live = gw.get("/observe/health/live?exposureLevel=full");
            assertEquals(200, live.statusCode(), live.body());
            for (String check : new String[]{"broker", "database", "intake"}) {
                assertFalse(live.body().contains("\"name\":\"" + check + "\""), check + " is readiness only: " + live.body());
            }

            // a limit just above the headroom pauses intake on any disk
            assertEquals(200, put(gw, "/api/intake/disk-limit?percent=1.1").statusCode());
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> gw.get("/observe/health/ready").statusCode() == 503);
            assertEquals(200, gw.get("/observe/health/live").statusCode(), "paused intake is no reason to restart");
            assertEquals(200, put(gw, "/api/intake/disk-limit?percent=99").statusCode());
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> gw.get("/observe/health/ready").statusCode() == 200);
        }
    }
}
