package hk.tsw.gateway.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import hk.tsw.gateway.testsupport.Invariants;
import hk.tsw.gateway.testsupport.ApiTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.ProcessHarness;

/**
 * Scenario 5: one poison interchange (the translate stage itself fails on it, by the test-only switch
 * {@code gateway.faults.poison.marker}) among 200 good ones. It is retried with back-off, then recorded FAILED with
 * its reason and parked in the dead-letter queue; the 200 others are all delivered, once.
 */
@org.junit.jupiter.api.extension.ExtendWith(hk.tsw.gateway.testsupport.GatewayLogsOnFailure.class)
class PoisonMessageIT {

    @TempDir
    Path dir;

    @Test
    void a_poison_message_ends_in_dead_letters_with_its_reason_and_the_others_flow() throws Exception {
        try (ProcessHarness h = new ProcessHarness(dir)) {
            h.start(Map.of("gateway.faults.poison.marker", "POISONPILL"));
            Set<String> good = new TreeSet<>();
            for (int i = 0; i < 200; i++) {
                if (i == 100) {
                    // retried like every other upload: one refused attempt (intake closed for a moment) is no failure
                    h.uploadUntilTaken("poison.edi", ProcessHarness.declaration("POISONPILL"), () -> { });
                }
                String ref = "GOOD" + i;
                h.uploadUntilTaken(ref + ".edi", ProcessHarness.declaration(ref), () -> { });
                good.add("DOC-" + ref);
            }
            Invariants.Counts counts = h.invariants().check(h.ced, h.data, good, Set.of("DOC-POISONPILL"), 1);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String list = http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.httpPort
                    + "/api/messages?reference=POISONPILL"))).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(list.contains("\"state\" : \"FAILED\""), list);
            long id = Long.parseLong(list.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + h.httpPort + "/api/messages/" + id))).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("injected poison message"));
            System.out.println("poison test: 200 good + 1 poison; " + counts);
        }
    }
}
