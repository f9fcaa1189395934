package hk.tsw.gateway.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traffic series on {@code /observe/metrics} after a pipeline run: a rejected interchange, an accepted one
 * delivered to CED, and a duplicate of it; scraped as the operator (the traffic is read from the store every few
 * seconds, so the test waits for the series on a condition, not a clock).
 */
class TrafficMetricsTest {

    @TempDir
    Path dir;

    @Test
    void a_scrape_after_a_pipeline_run_shows_received_rejected_duplicates_delivered_and_the_oldest_pending() throws Exception {
        byte[] good = Files.readAllBytes(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"));
        byte[] bad = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).replace("UNT+40+1'", "UNT+41+1'")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (RunningGateway gw = new RunningGateway(dir, Map.of(), Map.of())) {
            gw.uploadRetrying("demofwd", "bad.edi", bad);
            await().atMost(Duration.ofSeconds(180)).until(() -> gw.get("/api/messages").body()
                    .contains("\"state\" : \"REJECTED\""));
            gw.uploadRetrying("demofwd", "good.edi", good);
            await().atMost(Duration.ofSeconds(180)).until(() -> gw.get("/api/messages").body()
                    .contains("\"state\" : \"TRANSLATED\""));
            gw.uploadRetrying("demofwd", "again.edi", good);
            await().atMost(Duration.ofSeconds(180)).until(() -> gw.get("/api/messages").body()
                    .contains("\"state\" : \"DUPLICATE\""));
            java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>("");
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> {
                    String m = gw.getAs(ApiTokens.OPERATOR, "/observe/metrics").body();
                last.set(series(m, "tsw_"));
                // three receipts: the rejected one and the duplicate carry no document type of their own (UNKNOWN)
                return value(m, "tsw_received_total", "channel=\"SFTP\"", "partner=\"DEMOFWD\"") >= 3
                        && value(m, "tsw_received_total", "partner=\"DEMOFWD\"",
                        "document_type=\"IMPORT_DECLARATION\"") >= 1 && value(m, "tsw_duplicates_total",
                        "partner=\"DEMOFWD\"", "document_type=\"IMPORT_DECLARATION\"") >= 1
                        && value(m, "tsw_delivered_total", "agency=\"CED\"") >= 1;
            });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the tsw series did not show the run: " + last.get(), e);
            }
            String m = gw.getAs(ApiTokens.OPERATOR, "/observe/metrics").body();
            assertTrue(value(m, "tsw_rejected_total") >= 1, "a rejection by reason: " + series(m, "tsw_rejected_total"));
            assertTrue(value(m, "tsw_delivered_total", "agency=\"CED\"") >= 1, series(m, "tsw_delivered_total"));
            assertTrue(value(m, "tsw_delivery_oldest_pending_seconds", "agency=\"CED\"") >= 0,
                    "the oldest pending per agency is there (0: none pending)");
            assertTrue(value(m, "tsw_delivery_failed_total", "agency=\"CED\"") <= 0, "nothing failed (no sample: none yet)");
            // every SFTP answer (the rejection, the receipt, the duplicate's) was written after its commit: none owed
            assertEquals(0.0, value(m, "tsw_reply_oldest_pending_seconds", "channel=\"SFTP\""),
                    series(m, "tsw_reply_oldest_pending_seconds"));
            assertTrue(value(m, "tsw_reply_oldest_pending_seconds", "channel=\"AS2\"") >= 0
                    && value(m, "tsw_reply_oldest_pending_seconds", "channel=\"SOAP\"") >= 0,
                    "a gauge per reply channel: " + series(m, "tsw_reply_oldest_pending_seconds"));
            assertEquals(403, gw.getAs(ApiTokens.DEMOFWD, "/observe/metrics").statusCode(), "operators only");
        }
    }

    @Test
    void reads_of_a_large_store_are_spaced_out_in_proportion_to_what_they_cost() {
        assertEquals(TrafficMetrics.REFRESH, TrafficMetrics.nextDelay(Duration.ofMillis(10)), "a small store: every 15 s");
        assertEquals(TrafficMetrics.REFRESH, TrafficMetrics.nextDelay(Duration.ofMillis(750)));
        assertEquals(Duration.ofSeconds(40), TrafficMetrics.nextDelay(Duration.ofSeconds(2)),
                "a read of 2 s: the metrics read the store a twentieth of the time at most");
        assertEquals(Duration.ofMinutes(30), TrafficMetrics.nextDelay(Duration.ofSeconds(90)));
    }

    /** The sum of the series' samples whose labels include all of {@code labels}; -1 when there is none. */
    static double value(String scrape, String name, String... labels) {
        double sum = -1;
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.Ee+-]+)$").matcher(scrape);
        while (m.find()) {
            String have = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String l : labels) {
                all &= have.contains(l);
            }
            if (all) {
                sum = Math.max(sum, 0) + Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private static String series(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name)).toList().toString();
    }
}
