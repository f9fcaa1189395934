package hk.tsw.gateway.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import hk.tsw.gateway.testsupport.As2Partner;
import hk.tsw.gateway.testsupport.As2Posts;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.testsupport.GatewayLogsOnFailure;
import hk.tsw.gateway.testsupport.PartnerSftp;
import hk.tsw.gateway.testsupport.WsseEnvelope;
import hk.tsw.gateway.testsupport.ApiTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.ProcessHarness;

/**
 * Scenario 7, the rest of the matrix, against the gateway in its own JVM: the AS2 tamper set (changed after
 * signing, signed by a certificate that is not the partner's, unsigned, encrypted to another certificate), one
 * partner impersonating another on each channel (AS2, SFTP, SOAP), an SFTP path escape, and a WS-Security replay.
 * Each is refused in its channel's own words, nothing reaches an agency, the queues are empty and health is UP.
 */
@ExtendWith(GatewayLogsOnFailure.class)
class ImpersonationMatrixIT {

    private static final String ERROR = "processed/error: ";

    @TempDir
    Path dir;

    @Test
    void tampered_impersonating_escaping_and_replayed_submissions_are_refused_and_nothing_is_forwarded() throws Exception {
        try (ProcessHarness h = new ProcessHarness(dir)) {
            h.start(Map.of());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            As2Posts as2 = new As2Posts();
            var gatewayKey = As2Partner.key(As2Partner.DEMO.resolve("gateway/tsw-gateway-2026.key.pem"));
            Set<String> refused = new TreeSet<>();

            // AS2: case -> (message, the disposition modifier RFC 4130 asks for)
            Map<String, Object[]> cases = new LinkedHashMap<>();
            UnaryOperator<byte[]> tamper = signed -> new String(signed, StandardCharsets.ISO_8859_1)
                    .replace("DOC-MXTAMPER", "DOC-MXTAMPERED").getBytes(StandardCharsets.ISO_8859_1);
            cases.put("changed after signing", new Object[]{as2.protect("<mx-tamper@partner.test>",
                    As2Posts.entity("DEMOFWD:ZZZ", "MXTAMPER"), as2.partnerKey(), as2.partnerCertificate(), tamper,
                    as2.gatewayCertificate()), "integrity-check-failed"});
            cases.put("signed by another certificate", new Object[]{as2.protect("<mx-signer@partner.test>",
                    As2Posts.entity("DEMOFWD:ZZZ", "MXSIGNER"), gatewayKey, as2.gatewayCertificate(), b -> b,
                    as2.gatewayCertificate()), "authentication-failed"});
            cases.put("unsigned", new Object[]{as2.protect("<mx-unsigned@partner.test>",
                    As2Posts.entity("DEMOFWD:ZZZ", "MXUNSIGNED"), null, null, b -> b, as2.gatewayCertificate()),
                    "insufficient-message-security"});
            cases.put("encrypted to another certificate", new Object[]{as2.protect("<mx-wrongkey@partner.test>",
                    As2Posts.entity("DEMOFWD:ZZZ", "MXWRONGKEY"), as2.partnerKey(), as2.partnerCertificate(), b -> b,
                    as2.partnerCertificate()), "decryption-failed"});
            cases.put("impersonating DEMOLINE", new Object[]{as2.protect("<mx-impersonation@partner.test>",
                    As2Posts.entity("DEMOLINE:ZZZ", "MXAS2IMP"), as2.partnerKey(), as2.partnerCertificate(), b -> b,
                    as2.gatewayCertificate()), "authentication-failed"});
            for (Map.Entry<String, Object[]> c : cases.entrySet()) {
                HttpResponse<String> r = As2Posts.post(http, h.as2Port, (As2Posts.Prepared) c.getValue()[0]);
                assertEquals(200, r.statusCode(), c.getKey() + ": " + r.body());
                assertTrue(r.body().contains(ERROR + c.getValue()[1]), c.getKey() + " must be " + c.getValue()[1]
                        + ": " + r.body());
            }
            refused.addAll(List.of("DOC-MXTAMPER", "DOC-MXTAMPERED", "DOC-MXSIGNER", "DOC-MXUNSIGNED", "DOC-MXWRONGKEY",
                    "DOC-MXAS2IMP"));

            // SFTP: DEMOFWD uploads an interchange from DEMOLINE's sender id; and tries to write outside its root
            String line = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"),
                    StandardCharsets.ISO_8859_1).replace("DEMOFWD:ZZZ", "DEMOLINE:ZZZ")
                    .replace("WH25031200017", "MXSFTPIMP").replace("HKIMP2025031200017", "DOC-MXSFTPIMP");
            h.uploadUntilTaken("impersonation.edi", line.getBytes(StandardCharsets.ISO_8859_1), () -> { });
            refused.add("DOC-MXSFTPIMP");
            try (PartnerSftp sftp = new PartnerSftp("demofwd", h.sftpPort)) {
                for (String escape : List.of("../../../escape-1.edi", "../../escape-2.edi", "/../../escape-3.edi")) {
                    try {
                        sftp.upload(escape, ProcessHarness.declaration("MXESCAPE"));
                    } catch (Exception confinedOrRefused) {
                        // refusing is as good as confining
                    }
                }
            }
            refused.add("DOC-MXESCAPE");

            // SOAP: DEMOTRADER lodges a declaration naming DEMOFWD's declarant; then a replayed nonce
            String doc = Files.readString(TestEngine.REPO.resolve("mappings/wco-dec-dms-2/samples/hk-import-zh.xml"),
                    StandardCharsets.UTF_8).replace("HKIM20250314KT0001", "MXSOAPIMP");
            HttpResponse<String> impostor = soap(http, h, WsseEnvelope.envelope("", "demotrader",
                    "demotrader-DEMO-ONLY-password", WsseEnvelope.nonce(), Instant.now(), WsseEnvelope.submitXml(doc)));
            assertTrue(impostor.statusCode() == 500 && impostor.body().contains("NOT_SUBMITTER"), impostor.body());
            refused.add("MXSOAPIMP");
            String replayedDoc = doc.replace("MXSOAPIMP", "MXREPLAY");
            String once = WsseEnvelope.envelope("", "demofwd", "demofwd-DEMO-ONLY-password", WsseEnvelope.nonce(),
                    Instant.now(), WsseEnvelope.submitXml(replayedDoc));
            HttpResponse<String> first = soap(http, h, once);
            assertEquals(200, first.statusCode(), "the original is taken: " + first.body());
            HttpResponse<String> replay = soap(http, h, once);
            assertTrue(replay.statusCode() == 500 && replay.body().contains("Fault"), "the replay is refused: " + replay.body());

            // the one genuine submission is delivered once; nothing else reaches an agency; queues empty
            var counts = h.invariants().check(h.ced, h.data, Set.of("MXREPLAY"), refused, 0);
            try (Stream<Path> all = Files.walk(h.dir)) {
                List<Path> escapes = all.filter(p -> p.getFileName().toString().startsWith("escape-")).toList();
                for (Path p : escapes) {
                    assertTrue(p.startsWith(h.data.resolve("sftp/DEMOFWD")), "an SFTP write escaped to " + p);
                }
            }
            assertFalse(Files.exists(h.data.resolve("sftp/DEMOFWD/inbox/escape-1.edi")), "not in the inbox either");
            String health = http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.httpPort + "/observe/health")))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(health.startsWith("{\"status\":\"UP\""), health);
            System.out.println("impersonation matrix: " + cases.size() + " AS2 refusals with their modifiers, SFTP"
                    + " impersonation rejected, 3 path escapes confined, SOAP impersonation and replay faulted; " + counts);
        }
    }

    private static HttpResponse<String> soap(HttpClient http, ProcessHarness h, String envelope) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.soapPort + "/ws/submission"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
