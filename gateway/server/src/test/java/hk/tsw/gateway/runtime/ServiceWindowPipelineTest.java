package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import hk.tsw.gateway.testsupport.MovableClock;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.TestEngine;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agency service windows with the real gateway (embedded Artemis, H2, SFTP, Camel) and a clock the test moves: while
 * CSD is closed (its file says {@code MON-SUN 23:00-07:00}, Hong Kong time) CED receives each declaration at once and
 * CSD nothing; what waits for CSD survives a gateway restart; when the clock reaches 07:00 CSD receives everything,
 * in receipt order, and no attempt was counted as failed. Nothing waits on time: every step waits on state.
 */
class ServiceWindowPipelineTest {

    /** Tuesday 2026-12-08 01:00 in Hong Kong: inside the nightly window. */
    private static final Instant NIGHT = Instant.parse("2026-12-07T17:00:00Z");
    /** The same day 07:00 in Hong Kong: the window has ended. */
    private static final Instant MORNING = Instant.parse("2026-12-07T23:00:00Z");
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);
    private static final int DOCUMENTS = 5;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    /** An agency on loopback HTTP recording, in arrival order, the declaration reference in each document. */
    static final class Recorder implements AutoCloseable {
        final List<String> references = Collections.synchronizedList(new ArrayList<>());
        private final HttpServer server;

        Recorder() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.createContext("/", x -> {
                String body;
                try (InputStream in = x.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Matcher m = Pattern.compile("DOC-(SW\\d+)").matcher(body);
                references.add(m.find() ? m.group(1) : "?");
                x.sendResponseHeaders(200, -1);
                x.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/documents";
        }

        List<String> seen() {
            synchronized (references) {
                return List.copyOf(references);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private RunningGateway start(MovableClock clock, Recorder ced, Recorder csd) throws Exception {
        return new RunningGateway(dir, Map.of("CED", ced.url(), "CSD", csd.url()),
                Map.of("gateway.agency.window.check.ms", "100"), Map.of(),
                config -> Files.writeString(config.resolve("agencies/CSD.properties"),
                        "serviceWindow.closed=MON-SUN 23:00-07:00\nserviceWindow.closedDates=2026-12-25\n",
                        java.nio.file.StandardOpenOption.APPEND), clock);
    }

    private static byte[] declaration(String reference) throws Exception {
        String edi = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"),
                StandardCharsets.ISO_8859_1);
        return edi.replace("WH25031200017", reference).replace("HKIMP2025031200017", "DOC-" + reference)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private JsonNode agency(RunningGateway gw, String code) throws Exception {
        for (JsonNode a : json.readTree(gw.get("/api/agencies").body()).get("agencies")) {
            if (a.get("code").asText().equals(code)) {
                return a;
            }
        }
        throw new AssertionError("no agency " + code + " in /api/agencies");
    }

    @Test
    void a_closed_agency_receives_nothing_then_everything_in_receipt_order_and_holds_up_no_other() throws Exception {
        MovableClock clock = new MovableClock(NIGHT);
        List<String> sent = new ArrayList<>();
        try (Recorder ced = new Recorder(); Recorder csd = new Recorder()) {
            RunningGateway gw = start(clock, ced, csd);
            try {
                JsonNode closed = agency(gw, "CSD");
                assertFalse(closed.get("open").asBoolean(), closed.toString());
                assertTrue(closed.get("serviceWindow").asText().contains("MON-SUN 23:00-07:00"), closed.toString());
                assertEquals(MORNING.toString(), closed.get("opensAt").asText(), closed.toString());
                assertTrue(agency(gw, "CED").get("open").asBoolean());
                for (int i = 1; i <= DOCUMENTS; i++) {
                    String ref = "SW" + i;
                    sent.add(ref);
                    gw.uploadRetrying("demofwd", ref + ".edi", declaration(ref));
                    // the open agency is not held up: each declaration reaches CED before the next is sent
                    int n = i;
                    Awaitility.await().atMost(HANG_GUARD).until(() -> ced.seen().size() >= n);
                }
                assertEquals(sent, ced.seen());
                Awaitility.await().atMost(HANG_GUARD).until(() -> agency(gw, "CSD").get("waiting").asLong() == DOCUMENTS);
                assertEquals(List.of(), csd.seen(), "CSD is closed");
                // a closed agency is no reason to take the node out of service or to restart it
                var ready = gw.get("/observe/health/ready?exposureLevel=full");
                assertEquals(200, ready.statusCode(), ready.body());
                var live = gw.get("/observe/health/live?exposureLevel=full");
                assertEquals(200, live.statusCode(), live.body());
                String metrics = gw.get("/observe/metrics").body();
                assertTrue(Pattern.compile("(?m)^tsw_agency_open\\{agency=\"CSD\".*} 0\\.0$").matcher(metrics).find(), metrics);
                assertTrue(Pattern.compile("(?m)^tsw_agency_open\\{agency=\"CED\".*} 1\\.0$").matcher(metrics).find());
                assertTrue(Pattern.compile("(?m)^tsw_agency_waiting\\{agency=\"CSD\".*} 5\\.0$").matcher(metrics).find());
            } finally {
                gw.close();
            }

            // the waiting deliveries are in the durable queue: a restart during the window keeps them, and sends none
            RunningGateway again = start(clock, ced, csd);
            try {
                Awaitility.await().atMost(HANG_GUARD).until(() -> agency(again, "CSD").get("waiting").asLong() == DOCUMENTS);
                assertFalse(agency(again, "CSD").get("open").asBoolean());
                assertEquals(List.of(), csd.seen(), "CSD is still closed after the restart");

                clock.set(MORNING);
                Awaitility.await().atMost(HANG_GUARD).until(() -> csd.seen().size() >= DOCUMENTS);
                Awaitility.await().atMost(HANG_GUARD).until(() -> agency(again, "CSD").get("waiting").asLong() == 0);
                assertEquals(sent, csd.seen(), "in receipt order, each once");
                assertTrue(agency(again, "CSD").get("open").asBoolean());
                assertEquals(sent, ced.seen(), "CED received each once");
                for (String ref : sent) {
                    String list = again.get("/api/messages?reference=" + ref).body();
                    long id = Long.parseLong(list.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
                    String detail = again.get("/api/messages/" + id).body();
                    assertFalse(detail.contains("DELIVERY_FAILED"), "waiting is not a failed attempt: " + detail);
                }
            } finally {
                again.close();
            }
        }
    }
}
