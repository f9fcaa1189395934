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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.testsupport.As2Partner;
import hk.tsw.gateway.intake.as2.MimeEntity;
import hk.tsw.gateway.intake.as2.Smime;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.testsupport.ApiTokens;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.ProcessHarness;

/**
 * Scenario 7: hostile XML on every entry point of one gateway JVM — XXE, billion laughs, quadratic blow-up,
 * 10,000-deep nesting — by SFTP, by AS2 (signed and encrypted, so it gets past the transport), by SOAP (with a valid
 * UsernameToken) and on the pre-flight API; an AS2 body over the cap. Each is rejected, nothing is forwarded, nothing is left in a queue, and afterwards
 * the gateway is healthy with its live threads and heap back near where they started.
 */
@org.junit.jupiter.api.extension.ExtendWith(hk.tsw.gateway.testsupport.GatewayLogsOnFailure.class)
class AttackMatrixIT {

    @TempDir
    Path dir;

    static Map<String, String> attacks() throws Exception {
        String sample = Files.readString(TestEngine.REPO.resolve("mappings/wco-dec-dms-2/samples/hk-import-zh.xml"));
        String body = sample.substring(sample.indexOf("<Declaration"));
        Map<String, String> a = new LinkedHashMap<>();
        a.put("xxe", "<?xml version=\"1.0\"?>\n<!DOCTYPE Declaration [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + body.replaceFirst("<FunctionalReferenceID>", "<FunctionalReferenceID>&x;"));
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        a.put("laughs", laughs.append("]>\n<lolz>&lol9;</lolz>").toString());
        a.put("quadratic", "<?xml version=\"1.0\"?>\n<!DOCTYPE q [<!ENTITY big \"" + "x".repeat(100_000) + "\">]>\n<q>"
                + "&big;".repeat(10_000) + "</q>");
        a.put("deep", "<?xml version=\"1.0\"?>\n" + "<a>".repeat(10_000) + "</a>".repeat(10_000));
        return a;
    }

    @Test
    void hostile_xml_on_every_entry_point_is_refused_nothing_is_forwarded_and_the_gateway_stays_healthy() throws Exception {
        try (ProcessHarness h = new ProcessHarness(dir)) {
            h.start(Map.of("gateway.as2.max.body.bytes", String.valueOf(1024 * 1024)));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Map<String, Double> before = jvm(http, h.httpPort);
            var key = As2Partner.key(As2Partner.DEMO.resolve("partners/demofwd-2026.key.pem"));
            var cert = As2Partner.cert(As2Partner.DEMO.resolve("partners/demofwd-2026.cert.pem"));
            var gatewayCert = As2Partner.cert(As2Partner.DEMO.resolve("gateway/tsw-gateway-2026.cert.pem"));
            int lodged = 0;
            Map<String, Double> warm = null;
            for (int round = 0; round < 9; round++) {
                if (round == 6) {
                    // thread pools start threads lazily up to their size (AS2 listener 8, Vert.x workers 20 for the
                    // REST API, SSH sessions): the steady state is measured after six rounds, and three more must not
                    // add threads
                    warm = jvm(http, h.httpPort);
                }
                for (Map.Entry<String, String> attack : attacks().entrySet()) {
                    // each submission unique (a trailing comment), so none is merely a duplicate of another
                    byte[] xml = (attack.getValue() + "\n<!-- sftp " + round + " -->").getBytes(StandardCharsets.UTF_8);
                    String name = "attack-" + attack.getKey() + "-" + round + ".xml";
                    byte[] bytes = xml;
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> h.upload(name, bytes));
                    xml = (attack.getValue() + "\n<!-- as2 " + round + " -->").getBytes(StandardCharsets.UTF_8);
                    byte[] entity = Smime.concat("Content-Type: application/xml\r\n\r\n".getBytes(StandardCharsets.US_ASCII), xml);
                    MimeEntity enc = MimeEntity.parse(Smime.encrypt(Smime.sign(entity, "sha-256", key, cert), gatewayCert,
                            CMSAlgorithm.AES128_CBC));
                    HttpResponse<String> as2 = http.send(as2(h.as2Port, "<attack-" + attack.getKey() + "-" + round
                            + "@partner.test>", enc.header("content-type").orElseThrow(), enc.encodedBody()),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
                    assertEquals(200, as2.statusCode(), attack.getKey() + ": " + as2.body());
                    lodged += 2;
                    HttpResponse<String> pre = http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.httpPort
                            + "/api/validate?partner=DEMOFWD"))).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/xml")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(xml)).build(), HttpResponse.BodyHandlers.ofString());
                    assertTrue(pre.body().contains("\"accepted\" : false") || pre.statusCode() >= 400,
                            attack.getKey() + " pre-flight: " + pre.statusCode() + " " + pre.body());
                }
            }
            Map<String, Double> afterRounds = jvm(http, h.httpPort);
            // the last three rounds are 36 hostile submissions: a thread left behind by each would add 36 or more;
            // pools still finding their size on a loaded machine (seen: +3) stay well under the bound
            assertTrue(afterRounds.get("threads") <= warm.get("threads") + 12, "no threads left behind by the attacks: "
                    + warm + " -> " + afterRounds);
            // the SOAP door: the same attacks inside an envelope with a valid UsernameToken, so only the attack can
            // be the reason for the refusal (entity declarations must be in the envelope's prolog)
            for (Map.Entry<String, String[]> attack : soapAttacks().entrySet()) {
                String envelope = hk.tsw.gateway.testsupport.WsseEnvelope.envelope(attack.getValue()[0], "demofwd",
                        "demofwd-DEMO-ONLY-password", hk.tsw.gateway.testsupport.WsseEnvelope.nonce(), java.time.Instant.now(),
                        hk.tsw.gateway.testsupport.WsseEnvelope.submitXml(attack.getValue()[1]));
                HttpResponse<String> soap = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.soapPort
                        + "/ws/submission")).timeout(Duration.ofSeconds(60)).header("Content-Type", "text/xml; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(soap.statusCode() >= 400 && soap.body().contains("Fault"), attack.getKey() + " by SOAP: "
                        + soap.statusCode() + " " + soap.body());
                assertTrue(!soap.body().contains("root:"), "no file content in the answer");
            }
            HttpResponse<String> big = http.send(as2(h.as2Port, "<attack-oversize@partner.test>", "application/pkcs7-mime;"
                    + " smime-type=enveloped-data", new byte[2 * 1024 * 1024]), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, big.statusCode(), big.body());
            int expected = lodged;
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    count(http, h.httpPort, "REJECTED") >= expected);
            assertEquals(0, count(http, h.httpPort, "TRANSLATED") + count(http, h.httpPort, "PARTIAL"), "nothing accepted");
            h.invariants().check(h.ced, h.data, Set.of(), Set.of(), 0);
            assertTrue(h.ced.requests().isEmpty(), "nothing reached CED");
            assertTrue(get(http, h.httpPort, "/observe/health").startsWith("{\"status\":\"UP\""), "healthy afterwards");
            Map<String, Double> after = jvm(http, h.httpPort);
            System.out.println("attack matrix: " + expected + " hostile submissions by SFTP and AS2 + 36 pre-flight + 4 SOAP"
                    + " + 1 oversize AS2, all refused, 0 forwarded; JVM before " + before + ", after 6 of 9 rounds " + warm
                    + ", after 9 rounds " + afterRounds + ", at the end " + after);
            assertTrue(after.get("heapUsed") <= before.get("heapUsed") + 256 * 1024 * 1024, "heap back to normal: "
                    + before + " -> " + after);
        }
    }

    /** Attack name to {prolog, document} for the SOAP door. */
    static Map<String, String[]> soapAttacks() throws Exception {
        String sample = Files.readString(TestEngine.REPO.resolve("mappings/wco-dec-dms-2/samples/hk-import-zh.xml"));
        String body = sample.substring(sample.indexOf("<Declaration"));
        Map<String, String[]> a = new LinkedHashMap<>();
        a.put("xxe", new String[]{"<!DOCTYPE soap:Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
                body.replaceFirst("<FunctionalReferenceID>", "<FunctionalReferenceID>&x;")});
        StringBuilder lol = new StringBuilder("<!DOCTYPE soap:Envelope [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            lol.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        a.put("laughs", new String[]{lol.append("]>").toString(), "<lolz>&lol9;</lolz>"});
        a.put("quadratic", new String[]{"<!DOCTYPE soap:Envelope [<!ENTITY big \"" + "x".repeat(100_000) + "\">]>",
                "<q>" + "&big;".repeat(10_000) + "</q>"});
        a.put("deep", new String[]{"", "<a>".repeat(10_000) + "</a>".repeat(10_000)});
        return a;
    }

    private static HttpRequest as2(int port, String messageId, String contentType, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/as2")).timeout(Duration.ofSeconds(60))
                .header("AS2-Version", "1.2").header("AS2-From", "DEMOFWD-AS2").header("AS2-To", "TSWGATEWAY")
                .header("Message-ID", messageId).header("Disposition-Notification-To", "edi@partner.test")
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static int count(HttpClient http, int port, String state) throws Exception {
        String body = get(http, port, "/api/messages?state=" + state + "&limit=1000");
        return body.split("\"state\" : \"" + state + "\"", -1).length - 1;
    }

    /** Live threads and used heap of the gateway JVM, from its Prometheus metrics (after a GC hint). */
    private static Map<String, Double> jvm(HttpClient http, int port) throws Exception {
        String metrics = get(http, port, "/observe/metrics");
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("threads", value(metrics, "jvm_threads_live_threads"));
        Matcher heap = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)").matcher(metrics);
        double used = 0;
        while (heap.find()) {
            used += Double.parseDouble(heap.group(1));
        }
        m.put("heapUsed", used);
        return m;
    }

    private static double value(String metrics, String name) {
        Matcher v = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.E+]+)").matcher(metrics);
        if (!v.find()) {
            throw new AssertionError("metric " + name + " missing from /observe/metrics");
        }
        return Double.parseDouble(v.group(2));
    }

    private static String get(HttpClient http, int port, String path) throws Exception {
        return http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
