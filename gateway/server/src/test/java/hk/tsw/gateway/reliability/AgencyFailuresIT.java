package hk.tsw.gateway.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.testsupport.GatewayLogsOnFailure;
import hk.tsw.gateway.testsupport.Invariants;
import hk.tsw.gateway.testsupport.ApiTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.ProcessHarness;

/**
 * Scenario 4: the agency misbehaves, the gateway (its own JVM) neither loses nor doubles a document. In one run,
 * each case on its own marked document among ordinary ones:
 * <ol>
 * <li>CED answers 500 three times, then recovers: delivered exactly once, the three failures on the timeline;</li>
 * <li>CED takes a document (fsync'd to its ledger) but answers after the gateway's HTTP timeout: the gateway tries
 * again with the same {@code Idempotency-Key}, so the ledger has the key twice and the store one DELIVERED;</li>
 * <li>CED answers 400: the delivery is DEAD with its reason, its copy waits in {@code tsw.dead}, and the sender gets
 * a negative answer (CUSRES, BGM 963) naming the agency and the reason; both survive a SIGKILL of the gateway;</li>
 * <li>an operator re-drives it: delivered exactly once, and the dead-letter queue is empty again.</li>
 * </ol>
 * The four invariants are checked after case 3 (with the refused document as the one dead letter) and at the end.
 */
@ExtendWith(GatewayLogsOnFailure.class)
class AgencyFailuresIT {

    /** The gateway's HTTP timeout towards agencies, and how late the stub answers in case 2 (well beyond it). */
    private static final String HTTP_TIMEOUT_MS = "3000";
    private static final long LATE_ANSWER_MS = 9000;
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private ProcessHarness h;

    @Test
    void agency_errors_timeouts_and_refusals_lose_nothing_double_nothing_and_the_sender_hears_of_a_refusal() throws Exception {
        try (ProcessHarness harness = new ProcessHarness(dir)) {
            h = harness;
            h.start(Map.of("gateway.delivery.http.timeout.ms", HTTP_TIMEOUT_MS));
            h.ced.answer("DOC-AF500", 500, 500, 500);
            h.ced.answerLate("DOC-AFLATE", LATE_ANSWER_MS);
            h.ced.answer("DOC-AF400", 400);
            Set<String> flowing = new TreeSet<>();
            for (String ref : List.of("AFOK1", "AF500", "AFOK2", "AFLATE", "AFOK3", "AF400", "AFOK4")) {
                h.uploadUntilTaken(ref + ".edi", ProcessHarness.declaration(ref), () -> { });
                if (!ref.equals("AF400")) {
                    flowing.add("DOC-" + ref);
                }
            }

            // 1. three server errors, then exactly one delivery, the failures on the timeline
            JsonNode errors = cedDelivery("AF500", "DELIVERED");
            String errorsKey = errors.path("idempotencyKey").asText();
            assertEquals(1, ledgerCount(errorsKey), "delivered exactly once after the 5xx answers");
            assertEquals(4, h.ced.requests().stream().filter(r -> errorsKey.equals(r.idempotencyKey())).count(),
                    "three failures and one success, all under one key");
            List<String> failed = timeline("AF500", "DELIVERY_FAILED");
            assertEquals(3, failed.size(), failed.toString());
            assertTrue(failed.stream().allMatch(t -> t.contains("HTTP 500")), failed.toString());

            // 2. the agency took it but answered too late: the retry carries the same key, the store says DELIVERED once
            JsonNode late = cedDelivery("AFLATE", "DELIVERED");
            String lateKey = late.path("idempotencyKey").asText();
            // taken at least twice under the same key (late, then the retry; a retry that itself timed out on a loaded
            // machine adds one more, so "exactly two" would race the time-out): the store has one delivery
            await().atMost(PATIENCE).until(() -> ledgerCount(lateKey) >= 2);
            assertEquals(1, deliveries("AFLATE", "CED").size(), "one CED delivery in the store");
            List<String> timedOut = timeline("AFLATE", "DELIVERY_FAILED");
            assertTrue(timedOut.stream().anyMatch(t -> t.toLowerCase().contains("timeout") || t.contains("timed out")),
                    timedOut.toString());

            // 3. refused: DEAD with its reason, in tsw.dead, and the sender told which agency refused it and why
            JsonNode refused = cedDelivery("AF400", "DEAD");
            String refusedKey = refused.path("idempotencyKey").asText();
            assertTrue(refused.path("lastError").asText().contains("HTTP 400"), refused.toString());
            assertTrue(timeline("AF400", "DEAD_LETTER").stream().anyMatch(t -> t.contains("CED: HTTP 400")));
            Path answer = h.data.resolve("sftp/DEMOFWD/outbox/DOC-AF400.refused-CED.cusres.edi");
            await().atMost(PATIENCE).until(() -> Files.exists(answer));
            assertRefusal(Files.readString(answer, StandardCharsets.ISO_8859_1));
            assertEquals(1, timeline("AF400", "CUSRES").size(), "the refusal is on the sender's timeline");
            assertEquals(0, ledgerCount(refusedKey));
            Invariants.Counts afterRefusal = h.invariants().check(h.ced, h.data, flowing, Set.of(), 1);
            System.out.println("agency failures, after the refusal: " + afterRefusal);

            // the dead letter and the answer outlive a SIGKILL; nothing is answered twice after the restart
            h.gateway.kill();
            h.gateway.start();
            assertEquals(1L, h.invariants().queues().get("tsw.dead"), "the dead letter survived the kill");
            assertEquals(1, refusalAnswers("DOC-AF400"), "one negative answer");

            // 4. the agency accepts again; an operator re-drives: delivered once, and tsw.dead no longer holds it
            long id = interchange("AF400").path("id").asLong();
            HttpResponse<String> redrive = post("/api/messages/" + id + "/redeliver");
            assertEquals(202, redrive.statusCode(), redrive.body());
            assertEquals(1, json.readTree(redrive.body()).path("removedFromDeadLetters").asInt(), redrive.body());
            cedDelivery("AF400", "DELIVERED");
            assertEquals(409, post("/api/messages/" + id + "/redeliver").statusCode(), "nothing left to re-drive");
            assertEquals(1, ledgerCount(refusedKey), "re-driven exactly once");
            assertEquals(1, timeline("AF400", "REDRIVE").size());
            flowing.add("DOC-AF400");
            Invariants.Counts end = h.invariants().check(h.ced, h.data, flowing, Set.of(), 0);
            assertEquals(1, refusalAnswers("DOC-AF400"), "one negative answer, however often the delivery was tried");
            System.out.println("agency failures (500s, late answer, 400 + SIGKILL + re-drive): " + flowing.size()
                    + " lodged; CED requests " + h.ced.requests().size() + ", ledger lines " + h.ced.ledger().size()
                    + "; " + end);
        }
    }

    private static void assertRefusal(String cusres) {
        assertTrue(cusres.contains("UNH+1+CUSRES:D:96A:UN'") && cusres.contains("BGM+963+R")
                && cusres.contains("NAD+CM+CED'") && cusres.contains("GIS+2'")
                && cusres.contains("FTX+AAO+++agency CED refused the document?: HTTP 400")
                && cusres.contains("RFF+AGO:DOC-AF400'"), cusres);
    }

    /** Waits until the interchange's CED delivery is in {@code state}; returns it. */
    private JsonNode cedDelivery(String ref, String state) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<JsonNode> ced = deliveries(ref, "CED");
            found[0] = ced.isEmpty() ? null : ced.get(0);
            return found[0] != null && state.equals(found[0].path("state").asText());
        });
        return found[0];
    }

    private List<JsonNode> deliveries(String ref, String agency) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JsonNode ic = interchange(ref);
        if (ic != null) {
            detail(ic.path("id").asLong()).path("deliveries").forEach(d -> {
                if (agency.equals(d.path("agency").asText())) {
                    out.add(d);
                }
            });
        }
        return out;
    }

    /** The details of the timeline entries of this type, in order. */
    private List<String> timeline(String ref, String type) throws Exception {
        List<String> out = new ArrayList<>();
        detail(interchange(ref).path("id").asLong()).path("timeline").forEach(t -> {
            if (type.equals(t.path("type").asText())) {
                out.add(t.path("detail").asText());
            }
        });
        return out;
    }

    private JsonNode interchange(String ref) throws Exception {
        JsonNode list = json.readTree(get("/api/messages?reference=" + ref)).path("messages");
        return list.size() == 0 ? null : list.get(0);
    }

    private JsonNode detail(long id) throws Exception {
        return json.readTree(get("/api/messages/" + id));
    }

    private long ledgerCount(String key) throws Exception {
        return h.ced.ledger().stream().filter(key::equals).count();
    }

    private long refusalAnswers(String doc) throws Exception {
        try (Stream<Path> outbox = Files.list(h.data.resolve("sftp/DEMOFWD/outbox"))) {
            return outbox.filter(f -> f.getFileName().toString().startsWith(doc + ".refused-")).count();
        }
    }

    private String get(String path) throws Exception {
        return http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.httpPort + path)))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.httpPort + path)))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
