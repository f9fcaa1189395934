package hk.tsw.gateway.intake.as2;

import static hk.tsw.gateway.testsupport.As2Fixtures.declaration;
import static hk.tsw.gateway.testsupport.As2Fixtures.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.testsupport.AgencyStub;
import hk.tsw.gateway.testsupport.RunningGateway;
import org.apache.camel.component.as2.api.AS2MessageStructure;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.As2Partner;
import hk.tsw.gateway.testsupport.TestCertificates;

/**
 * Certificate rollover without downtime: DEMOFWD has an old certificate (expiring in 10 days) and a new one, the
 * gateway an old and a new key pair. Messages signed with either partner key and encrypted to either gateway
 * certificate are accepted; MDNs are signed with the gateway's newest key; the expiring certificate shows in the
 * health check and the metrics.
 */
class As2RolloverTest {

    @TempDir
    static Path dir;
    static AgencyStub ced;
    static RunningGateway gw;
    static TestCertificates.Identity oldPartner;
    static TestCertificates.Identity newPartner;
    static TestCertificates.Identity newGateway;

    @BeforeAll
    static void start() throws Exception {
        ced = new AgencyStub(dir.resolve("ced-ledger.txt"));
        Instant now = Instant.now();
        oldPartner = TestCertificates.create("DEMOFWD 2025", now.minus(300, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS));
        newPartner = TestCertificates.create("DEMOFWD 2027", now.minus(1, ChronoUnit.DAYS), now.plus(700, ChronoUnit.DAYS));
        newGateway = TestCertificates.create("TSWGATEWAY 2027", now.minus(1, ChronoUnit.MINUTES), now.plus(700, ChronoUnit.DAYS));
        gw = new RunningGateway(dir, Map.of("CED", ced.url()), Map.of(), Map.of(), config -> {
            oldPartner.writePem(config.resolve("demo/as2/partners/demofwd-2025.cert.pem"), null);
            newPartner.writePem(config.resolve("demo/as2/partners/demofwd-2027.cert.pem"), null);
            newGateway.writePem(config.resolve("demo/as2/gateway/tsw-gateway-2027.cert.pem"),
                    config.resolve("demo/as2/gateway/tsw-gateway-2027.key.pem"));
            Path f = config.resolve("partners/DEMOFWD.xml");
            Files.writeString(f, Files.readString(f).replace("<certificate>demo/as2/partners/demofwd-2026.cert.pem</certificate>",
                    "<certificate>demo/as2/partners/demofwd-2025.cert.pem</certificate>\n"
                            + "    <certificate>demo/as2/partners/demofwd-2027.cert.pem</certificate>"));
        });
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
        if (ced != null) {
            ced.close();
        }
    }

    @Test
    void during_the_overlap_either_partner_key_may_sign_and_either_gateway_certificate_may_be_encrypted_to()
            throws Exception {
        X509Certificate oldGateway = As2Partner.cert(As2Partner.DEMO.resolve("gateway/tsw-gateway-2026.cert.pem"));
        for (TestCertificates.Identity signer : List.of(oldPartner, newPartner)) {
            for (X509Certificate to : List.of(oldGateway, newGateway.certificate())) {
                As2Partner p = new As2Partner(gw.runtime.as2Port(), "DEMOFWD-AS2");
                p.key = signer.keys().getPrivate();
                p.certificate = signer.certificate();
                p.gatewayCertificate = to;
                As2Partner.Result r = p.send("x", AS2MessageStructure.SIGNED_ENCRYPTED, declaration("DEMOFWD:ZZZ", ref("RO")), null);
                assertTrue(r.disposition().endsWith("; processed"), signer.certificate().getSubjectX500Principal()
                        + " to " + to.getSubjectX500Principal() + ": " + r.text());
            }
        }
    }

    @Test
    void the_retired_partner_certificate_is_refused() throws Exception {
        As2Partner p = new As2Partner(gw.runtime.as2Port(), "DEMOFWD-AS2");
        // the demo 2026 key is no longer in DEMOFWD's file
        As2Partner.Result r = p.send("x", AS2MessageStructure.SIGNED_ENCRYPTED, declaration("DEMOFWD:ZZZ", ref("RX")), null);
        assertTrue(r.disposition().endsWith("authentication-failed"), r.text());
    }

    @Test
    void mdns_are_signed_with_the_newest_gateway_key() throws Exception {
        byte[] entity = ("Content-Type: application/edifact\r\n\r\n" + declaration("DEMOFWD:ZZZ", ref("RS")))
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] signed = Smime.sign(entity, "sha-256", newPartner.keys().getPrivate(), newPartner.certificate());
        MimeEntity encrypted = MimeEntity.parse(Smime.encrypt(signed, newGateway.certificate(), CMSAlgorithm.AES256_CBC));
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gw.runtime.as2Port() + "/as2"))
                .header("AS2-Version", "1.2").header("AS2-From", "DEMOFWD-AS2").header("AS2-To", "TSWGATEWAY")
                .header("Message-ID", "<rollover-" + System.nanoTime() + "@partner.test>")
                .header("Disposition-Notification-To", "edi@partner.test")
                .header("Disposition-Notification-Options",
                        "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256")
                .header("Content-Type", encrypted.header("content-type").orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofByteArray(encrypted.encodedBody())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        MimeEntity mdn = MimeEntity.fromHttp(r.headers().firstValue("Content-Type").orElseThrow(), null, r.body());
        assertTrue(new String(r.body(), StandardCharsets.ISO_8859_1).contains("; processed\r\n"));
        Smime.Verified v = Smime.verify(mdn, List.of(newGateway.certificate()));
        assertEquals(newGateway.certificate(), v.signer());
        X509Certificate old = As2Partner.cert(As2Partner.DEMO.resolve("gateway/tsw-gateway-2026.cert.pem"));
        assertThrows(As2Failure.class, () -> Smime.verify(mdn, List.of(old)), "not signed with the old key");
    }

    @Test
    void a_certificate_expiring_within_30_days_shows_in_health_and_metrics() throws Exception {
        // readiness checks (e.g. "consumer has not yet polled") are DOWN for a moment after start
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                gw.get("/observe/health").body().startsWith("{\"status\":\"UP\""));
        String health = gw.get("/observe/health?exposureLevel=full&data=true").body();
        assertTrue(health.contains("{\"name\":\"listeners\",\"status\":\"UP\""), "every listener open: " + health);
        assertTrue(health.contains("as2-certificates") && health.contains("DEMOFWD: ") && health.contains("CN=DEMOFWD 2025 expires"), health);
        assertTrue(health.startsWith("{\"status\":\"UP\""), "a partner certificate expiring does not make the node unhealthy: " + health);
        String metrics = gw.get("/observe/metrics").body();
        assertTrue(metrics.contains("tsw_as2_certificate_days_left") && metrics.contains("owner=\"DEMOFWD\""), metrics);
    }
}
