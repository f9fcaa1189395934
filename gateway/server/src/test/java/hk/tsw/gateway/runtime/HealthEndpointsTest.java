package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.RunningGateway;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
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
        return gw.send(ApiTokens.OPERATOR, gw.request(path).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void ready_names_the_broker_database_listeners_and_intake_and_paused_intake_is_not_ready_but_live() throws Exception {
        try (RunningGateway gw = new RunningGateway(dir, Map.of(), Map.of())) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> gw.getAs(null, "/observe/health/ready").statusCode() == 200);
            assertEquals(200, gw.getAs(null, "/observe/health/live").statusCode());
            HealthCheckRegistry registry = HealthCheckRegistry.get(gw.runtime.camel());
            for (String check : new String[]{"broker", "database", "listeners", "intake"}) {
                HealthCheck c = registry.getCheck(check).orElseThrow(() -> new AssertionError("no check " + check));
                assertTrue(c.isReadiness(), check + " is a readiness check");
                assertFalse(c.isLiveness(), check + " is no reason to restart the node");
            }
            String full = gw.get("/observe/health?exposureLevel=full").body();
            assertTrue(full.contains("\"name\":\"database\""), full);

            // a limit just above the headroom pauses intake on any disk
            assertEquals(200, put(gw, "/api/intake/disk-limit?percent=1.1").statusCode());
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> gw.getAs(null, "/observe/health/ready").statusCode() == 503);
            assertEquals(200, gw.getAs(null, "/observe/health/live").statusCode(), "paused intake is no reason to restart");
            assertEquals(200, put(gw, "/api/intake/disk-limit?percent=99").statusCode());
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> gw.getAs(null, "/observe/health/ready").statusCode() == 200);
        }
    }
}
