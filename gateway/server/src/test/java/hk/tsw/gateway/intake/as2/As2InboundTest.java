package hk.tsw.gateway.intake.as2;

import static hk.tsw.gateway.testsupport.As2Fixtures.declaration;
import static hk.tsw.gateway.testsupport.As2Fixtures.ref;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import hk.tsw.gateway.testsupport.AgencyStub;
import hk.tsw.gateway.testsupport.RunningGateway;
import org.apache.camel.component.as2.api.AS2MessageStructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import hk.tsw.gateway.testsupport.As2Fixtures;
import hk.tsw.gateway.testsupport.As2Partner;
import hk.tsw.gateway.testsupport.As2PartnerReceiver;

/**
 * The AS2 channel of the running gateway, driven by the camel-as2 client: DEMOFWD (signed and encrypted required)
 * and AS2OPEN (nothing required, replies by AS2) send every message structure; each gets a signed MDN with the
 * right MIC and reaches the agencies; AS2OPEN's answers come back to its AS2 server with their MDN verified.
 */
class As2InboundTest {

    @TempDir
    static Path dir;
    static AgencyStub ced;
    static As2PartnerReceiver partnerServer;
    static RunningGateway gw;
    static As2Partner demofwd;
    static As2Partner open;

    @BeforeAll
    static void start() throws Exception {
        ced = new AgencyStub(dir.resolve("ced-ledger.txt"));
        partnerServer = new As2PartnerReceiver(As2Partner.key(As2Partner.DEMO.resolve("partners/demofwd-2026.key.pem")),
                As2Partner.cert(As2Partner.DEMO.resolve("partners/demofwd-2026.cert.pem")),
                As2Partner.cert(As2Partner.DEMO.resolve("gateway/tsw-gateway-2026.cert.pem")), "OPEN-AS2");
        gw = new RunningGateway(dir, Map.of("CED", ced.url()), Map.of("gateway.as2.outbound.poll.ms", "100",
                "gateway.as2.outbound.retry.delay.ms", "200", "gateway.as2.outbound.retry.max.delay.ms", "400",
                "gateway.as2.outbound.max.attempts", "3"), Map.of(),
                config -> As2Fixtures.writeOpenPartner(config, partnerServer.url("/as2")));
        demofwd = new As2Partner(gw.runtime.as2Port(), "DEMOFWD-AS2");
        open = new As2Partner(gw.runtime.as2Port(), "OPEN-AS2");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{gw, ced, partnerServer}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    private static boolean translated(String ref) throws Exception {
        return gw.get("/api/messages?reference=" + ref).body().contains("\"state\" : \"TRANSLATED\"");
    }

    @ParameterizedTest
    @EnumSource(value = AS2MessageStructure.class, names = {"SIGNED_ENCRYPTED", "ENCRYPTED_COMPRESSED_SIGNED",
            "ENCRYPTED_SIGNED_COMPRESSED"})
    void signed_encrypted_and_compressed_messages_get_a_signed_processed_mdn_and_reach_the_agencies(
            AS2MessageStructure structure) throws Exception {
        String ref = ref("E");
        As2Partner.Result r = demofwd.send("<" + ref + "@partner.test>", structure, declaration("DEMOFWD:ZZZ", ref), null);
        assertEquals(200, r.status(), r.text());
        assertTrue(r.contentType().startsWith("multipart/signed"), r.contentType());
        assertEquals("automatic-action/MDN-sent-automatically; processed", r.disposition(), r.text());
        assertTrue(r.mic().endsWith(", sha-256"), r.text());
        // measured, not asserted: camel-as2's client sends Expect: 100-continue; the listener answers it at once
        System.out.println("camel-as2 client round trip, " + structure + ": " + r.millis() + " ms");
        await().atMost(Duration.ofSeconds(60)).until(() -> translated(ref));
    }

    @ParameterizedTest
    @EnumSource(value = AS2MessageStructure.class, names = {"PLAIN", "SIGNED", "ENCRYPTED", "PLAIN_COMPRESSED",
            "COMPRESSED_SIGNED", "SIGNED_COMPRESSED", "ENCRYPTED_COMPRESSED"})
    void a_partner_without_required_protection_may_send_each_structure_alone(AS2MessageStructure structure) throws Exception {
        String ref = ref("O");
        As2Partner.Result r = open.send("<" + ref + "@partner.test>", structure, declaration("AS2OPEN:ZZZ", ref), null);
        assertEquals(200, r.status(), r.text());
        assertTrue(r.disposition().endsWith("; processed"), r.text());
        await().atMost(Duration.ofSeconds(60)).until(() -> translated(ref));
    }

    @Test
    void the_mic_of_a_signed_message_is_the_digest_of_the_signed_entity_as_sent() throws Exception {
        String ref = ref("M");
        String payload = declaration("AS2OPEN:ZZZ", ref);
        As2Partner.Result r = open.send("<" + ref + "@partner.test>", AS2MessageStructure.SIGNED, payload, null);
        byte[] signedEntity = open.lastSignedEntity();
        String expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(signedEntity));
        assertEquals(expected + ", sha-256", r.mic(), "MIC over the signed MIME entity (headers and content)");
        assertTrue(new String(signedEntity, StandardCharsets.ISO_8859_1).contains("UNB+UNOC:3+AS2OPEN:ZZZ"));
    }

    @Test
    void an_asynchronous_mdn_goes_to_the_allowed_receipt_delivery_option_url() throws Exception {
        String ref = ref("Y");
        As2Partner.Result r = open.send("<" + ref + "@partner.test>", AS2MessageStructure.SIGNED,
                declaration("AS2OPEN:ZZZ", ref), partnerServer.url("/mdn"));
        assertEquals(200, r.status());
        assertEquals(0, r.body().length, "no MDN on the connection: " + r.text());
        await().atMost(Duration.ofSeconds(30)).until(() -> partnerServer.asyncMdns.stream()
                .anyMatch(m -> m.contains(r.messageId())));
        String mdn = partnerServer.asyncMdns.stream().filter(m -> m.contains(r.messageId())).findFirst().orElseThrow();
        assertTrue(mdn.startsWith("multipart/signed"), mdn);
        assertTrue(mdn.contains("Disposition: automatic-action/MDN-sent-automatically; processed"), mdn);
    }

    @Test
    void answers_to_an_as2_partner_are_sent_by_as2_and_a_wrong_mic_is_flagged_and_retried_with_the_same_message_id()
            throws Exception {
        int before = partnerServer.received.size();
        String ref = ref("R");
        partnerServer.wrongMicFor(ref);
        open.send("<" + ref + "@partner.test>", AS2MessageStructure.SIGNED, declaration("AS2OPEN:ZZZ", ref), null);
        // the first answer for this interchange gets an MDN with a wrong MIC: it is sent again, same Message-ID
        await().atMost(Duration.ofSeconds(60)).until(() -> partnerServer.received.subList(before,
                partnerServer.received.size()).stream().filter(m -> m.payload().contains(ref))
                .collect(java.util.stream.Collectors.groupingBy(As2PartnerReceiver.Received::messageId,
                        java.util.stream.Collectors.counting())).containsValue(2L));
        String list = gw.get("/api/messages?reference=" + ref).body();
        long id = Long.parseLong(list.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> gw.get("/api/messages/" + id).body().contains("MDN verified"));
        String detail = gw.get("/api/messages/" + id).body();
        assertTrue(detail.contains("REPLY_ATTEMPT_FAILED") && detail.contains("MIC mismatch"), detail);
        String evidence = gw.get("/api/messages/" + id + "/as2").body();
        assertTrue(evidence.contains("\"direction\" : \"OUT\"") && evidence.contains("\"mdnState\" : \"VERIFIED\""), evidence);
        assertTrue(evidence.contains("\"direction\" : \"IN\"") && evidence.contains("\"signerCertificateSha256\""), evidence);
    }

    @Test
    void a_failing_asynchronous_mdn_is_retried_under_one_message_id_then_given_up_and_can_be_sent_again()
            throws Exception {
        partnerServer.refuseMdns(true);
        String ref = ref("M");
        As2Partner.Result r;
        try {
            r = open.send("<" + ref + "@partner.test>", AS2MessageStructure.SIGNED, declaration("AS2OPEN:ZZZ", ref),
                    partnerServer.url("/mdn"));
            assertEquals(200, r.status());
            long id = interchangeId(ref);
            await().atMost(Duration.ofSeconds(60)).until(() -> gw.get("/api/messages/" + id).body()
                    .contains("AS2_MDN_FAILED"));
        } finally {
            partnerServer.refuseMdns(false);
        }
        long id = interchangeId(ref);
        List<String> attempts = mdnIdsFor(r.messageId());
        assertEquals(3, attempts.size(), "gateway.as2.outbound.max.attempts: " + attempts);
        assertEquals(1, Set.copyOf(attempts).size(), "one Message-ID for one MDN: " + attempts);
        String detail = gw.get("/api/messages/" + id).body();
        assertEquals(2, detail.split("AS2_MDN_RETRY", -1).length - 1, detail);
        assertEquals(1, detail.split("AS2_MDN_FAILED", -1).length - 1, detail);
        String evidence = gw.get("/api/messages/" + id + "/as2").body();
        assertTrue(evidence.contains("\"mdnState\" : \"FAILED\""), evidence);

        // an operator sends it again: the same MDN under the same Message-ID, delivered
        long exchange = Long.parseLong(evidence.replaceAll("(?s).*?\"id\" : (\\d+),\\s*\"direction\" : \"IN\".*", "$1"));
        assertEquals(404, gw.post("/api/as2/exchanges/999999/mdn/resend").statusCode());
        assertEquals(202, gw.post("/api/as2/exchanges/" + exchange + "/mdn/resend").statusCode());
        await().atMost(Duration.ofSeconds(30)).until(() -> partnerServer.asyncMdns.stream()
                .anyMatch(m -> m.contains(r.messageId())));
        List<String> all = mdnIdsFor(r.messageId());
        assertEquals(4, all.size(), all.toString());
        assertEquals(Set.copyOf(attempts), Set.copyOf(all), "the resend keeps the MDN's Message-ID");
        await().atMost(Duration.ofSeconds(30)).until(() -> gw.get("/api/messages/" + id + "/as2").body()
                .contains("\"mdnState\" : \"SENT\""));
        String timeline = gw.get("/api/messages/" + id).body();
        assertTrue(timeline.contains("AS2_MDN_RESEND") && timeline.contains("AS2_MDN_SENT"), timeline);
    }

    private static long interchangeId(String ref) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> gw.get("/api/messages?reference=" + ref).body()
                .contains("\"id\""));
        String list = gw.get("/api/messages?reference=" + ref).body();
        return Long.parseLong(list.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
    }

    private static List<String> mdnIdsFor(String originalMessageId) {
        return partnerServer.mdnAttempts.stream().filter(m -> m.payload().contains(originalMessageId))
                .map(As2PartnerReceiver.Received::messageId).toList();
    }
}
