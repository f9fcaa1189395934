package hk.tsw.gateway.reliability;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.testsupport.GatewayLogsOnFailure;
import hk.tsw.gateway.testsupport.Invariants;
import hk.tsw.gateway.testsupport.WsseEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.ProcessHarness;

/**
 * Scenario 1 by SOAP: four client connections of the demo forwarder submit 300 WCO declarations (UsernameToken with
 * digest, each its own FunctionalReferenceID) while the gateway is killed (SIGKILL) twice and started again. A
 * client that got no receipt submits the same declaration again, with a fresh nonce and timestamp as WS-Security
 * requires; a resend of one already taken gets a receipt as a duplicate. Every declaration with a receipt reaches
 * CED and CSD exactly once, none is lost.
 */
@ExtendWith(GatewayLogsOnFailure.class)
class SoapCrashIT {

    private static final int COUNT = 300;

    @TempDir
    Path dir;

    @Test
    void every_declaration_with_a_receipt_is_delivered_exactly_once_across_two_sigkills() throws Exception {
        String sample = Files.readString(TestEngine.REPO.resolve("mappings/wco-dec-dms-2/samples/hk-import-zh.xml"),
                StandardCharsets.UTF_8);
        try (ProcessHarness h = new ProcessHarness(dir)) {
            h.start(Map.of());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            AtomicInteger receipts = new AtomicInteger();
            AtomicInteger resends = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> submissions = new ArrayList<>();
            Set<String> acknowledged = new TreeSet<>();
            try {
                for (int i = 0; i < COUNT; i++) {
                    String reference = "SOAPCRASH" + i;
                    String document = sample.replace("HKIM20250314KT0001", reference);
                    acknowledged.add(reference);
                    submissions.add(clients.submit(() -> {
                        while (!receipt(http, h.soapPort, document)) {
                            if (resends.incrementAndGet() > 20 * COUNT) {
                                throw new AssertionError("no receipt for " + reference + " after many resends");
                            }
                            Thread.sleep(250);
                        }
                        receipts.incrementAndGet();
                        return null;
                    }));
                }
                for (int floor : new int[]{60, 180}) {
                    await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(20)).until(() -> receipts.get() >= floor);
                    System.out.println("SOAP crash test: killing the gateway with " + receipts.get() + " receipts and "
                            + h.ced.ledger().size() + " CED deliveries");
                    h.gateway.kill();
                    h.gateway.start();
                }
                for (Future<?> f : submissions) {
                    f.get(10, TimeUnit.MINUTES);
                }
            } finally {
                clients.shutdownNow();
            }
            Invariants.Counts counts = h.invariants().check(h.ced, h.data, acknowledged, Set.of(), 0);
            System.out.println("SOAP crash test (2 SIGKILLs): " + COUNT + " submitted, " + receipts.get() + " receipts, "
                    + resends.get() + " resends; " + counts);
        }
    }

    /** True when the gateway answered with a receipt (first time or as a duplicate); false on a fault or no answer. */
    private static boolean receipt(HttpClient http, int port, String document) {
        try {
            String envelope = WsseEnvelope.envelope("", "demofwd", "demofwd-DEMO-ONLY-password",
                    WsseEnvelope.nonce(), Instant.now(), WsseEnvelope.submitXml(document));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ws/submission"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/xml; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("MessageId");
        } catch (Exception e) {
            return false;
        }
    }
}
