package hk.tsw.gateway.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.testsupport.As2Posts;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.testsupport.GatewayLogsOnFailure;
import hk.tsw.gateway.testsupport.Invariants;
import hk.tsw.gateway.testsupport.WsseEnvelope;
import hk.tsw.gateway.testsupport.ApiTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.ProcessHarness;

/**
 * Scenario 6, disk pressure: while interchanges are in flight, the operator sets the disk limit below what the data
 * disk already uses (the broker's free-disk limit above what is free). Intake pauses: an SFTP upload into the inbox
 * is refused with an error status (files already there would wait, untaken and unacknowledged), AS2 gets 503 with
 * Retry-After, SOAP the fault INTAKE_PAUSED, health says so; nothing is stored, nothing is lost. When the limit is
 * raised again, intake resumes by itself: the partners' resends (the same files, the same AS2 Message-ID, a fresh
 * SOAP request) are accepted, and the four invariants hold.
 */
@ExtendWith(GatewayLogsOnFailure.class)
class DiskPressureIT {

    private static final int BEFORE = 20;
    private static final int DURING = 10;

    @TempDir
    Path dir;

    @Test
    void a_disk_limit_below_the_disk_usage_pauses_intake_without_loss_and_it_resumes() throws Exception {
        try (ProcessHarness h = new ProcessHarness(dir)) {
            h.start(Map.of("gateway.disk.check.ms", "500", "gateway.intake.disk.headroom.percent", "1"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            double used = number(get(http, h, "/api/intake"), "usedPercent");
            assumeTrue(used > 3, "the data disk must be more than 3% used to put a limit below it (it is " + used + "%)");
            Set<String> lodged = new TreeSet<>();
            for (int i = 0; i < BEFORE; i++) {
                h.uploadUntilTaken("before-" + i + ".edi", ProcessHarness.declaration("DISKA" + i), () -> { });
                lodged.add("DOC-DISKA" + i);
            }

            // the limit drops below the disk's usage while the first batch is still being worked on
            HttpResponse<String> paused = put(http, h, "/api/intake/disk-limit?percent=2");
            assertEquals(200, paused.statusCode(), paused.body());
            assertTrue(paused.body().contains("\"intake\" : \"PAUSED\""), paused.body());
            assertTrue(get(http, h, "/observe/health?exposureLevel=full").contains("intake paused"), "health tells it");

            Path inbox = h.data.resolve("sftp/DEMOFWD/inbox");
            for (int i = 0; i < DURING; i++) {
                // the SFTP server refuses a new file in the inbox with an error status: the partner sends it later
                assertFalse(h.upload("during-" + i + ".edi", ProcessHarness.declaration("DISKB" + i)),
                        "an upload while intake is paused is refused");
                lodged.add("DOC-DISKB" + i);
            }
            As2Posts as2 = new As2Posts();
            As2Posts.Prepared post = as2.declaration("DISKAS2", "<disk-pressure-1@partner.test>");
            HttpResponse<String> refused = As2Posts.post(http, h.as2Port, post);
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("intake paused"), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "AS2 503 says when to come back");
            HttpResponse<String> soapFault = soap(http, h);
            assertTrue(soapFault.statusCode() == 500 && soapFault.body().contains("INTAKE_PAUSED"), soapFault.body());
            try (var files = Files.list(inbox)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("during-")), "nothing was written");
            }
            String stored = get(http, h, "/api/messages?reference=DISKAS2");
            assertTrue(!stored.contains("\"id\" :"), "the refused AS2 message was not stored: " + stored);

            HttpResponse<String> resumed = put(http, h, "/api/intake/disk-limit?percent=99");
            assertTrue(resumed.body().contains("\"intake\" : \"OPEN\""), resumed.body());
            // the partner's scheduler sends the refused files again
            for (int i = 0; i < DURING; i++) {
                h.uploadUntilTaken("during-" + i + ".edi", ProcessHarness.declaration("DISKB" + i), () -> { });
            }
            String mdn = As2Posts.disposition(http, h.as2Port, post);
            assertTrue(mdn != null && mdn.endsWith("; processed"), "the AS2 resend is taken: " + mdn);
            lodged.add("DOC-DISKAS2");
            HttpResponse<String> receipt = soap(http, h);
            assertTrue(receipt.statusCode() == 200 && receipt.body().contains("MessageId"), receipt.body());
            lodged.add("HKIM20250314KT0001");

            Invariants.Counts counts = h.invariants().check(h.ced, h.data, lodged, Set.of(), 0);
            System.out.println("disk pressure test: " + BEFORE + " SFTP before, " + DURING + " SFTP + 1 AS2 + 1 SOAP"
                    + " refused while paused, all taken when sent again after; " + counts);
        }
    }

    private static HttpResponse<String> soap(HttpClient http, ProcessHarness h) throws Exception {
        String doc = Files.readString(TestEngine.REPO.resolve("mappings/wco-dec-dms-2/samples/hk-import-zh.xml"),
                StandardCharsets.UTF_8);
        String envelope = WsseEnvelope.envelope("", "demofwd", "demofwd-DEMO-ONLY-password", WsseEnvelope.nonce(),
                Instant.now(), WsseEnvelope.submitXml(doc));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.soapPort + "/ws/submission"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(HttpClient http, ProcessHarness h, String path) throws Exception {
        return http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.httpPort + path)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpResponse<String> put(HttpClient http, ProcessHarness h, String path) throws Exception {
        return http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.httpPort + path)))
                .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\" : ([0-9.]+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Double.parseDouble(m.group(1));
    }
}
