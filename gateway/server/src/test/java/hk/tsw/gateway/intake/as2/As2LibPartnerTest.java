package hk.tsw.gateway.intake.as2;

import static hk.tsw.gateway.testsupport.As2Fixtures.declaration;
import static hk.tsw.gateway.testsupport.As2Fixtures.ref;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import com.helger.as2lib.client.AS2Client;
import com.helger.as2lib.client.AS2ClientRequest;
import com.helger.as2lib.client.AS2ClientResponse;
import com.helger.as2lib.client.AS2ClientSettings;
import com.helger.as2lib.crypto.ECompressionType;
import com.helger.as2lib.crypto.ECryptoAlgorithmCrypt;
import com.helger.as2lib.crypto.ECryptoAlgorithmSign;
import com.helger.security.keystore.EKeyStoreType;
import hk.tsw.gateway.testsupport.AgencyStub;
import hk.tsw.gateway.testsupport.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.As2Fixtures;
import hk.tsw.gateway.testsupport.As2Partner;

/**
 * An independent AS2 implementation as the partner: phax' as2-lib 5.1.2 (Apache-2.0) sends as DEMOFWD, signed
 * (SHA-256), encrypted (AES-256) and compressed (ZLIB), with its own file name on the payload part, and checks the
 * gateway's signed MDN. The message must reach the agency under the partner's file name.
 */
class As2LibPartnerTest {

    @TempDir
    static Path dir;
    static AgencyStub ced;
    static RunningGateway gw;
    static As2LibPartnerServer partnerServer;

    @BeforeAll
    static void start() throws Exception {
        ced = new AgencyStub(dir.resolve("ced-ledger.txt"));
        partnerServer = new As2LibPartnerServer(dir, "OPEN-AS2",
                As2Partner.key(As2Partner.DEMO.resolve("partners/demofwd-2026.key.pem")),
                As2Partner.cert(As2Partner.DEMO.resolve("partners/demofwd-2026.cert.pem")), "TSWGATEWAY",
                As2Partner.cert(As2Partner.DEMO.resolve("gateway/tsw-gateway-2026.cert.pem")));
        gw = new RunningGateway(dir, Map.of("CED", ced.url()), Map.of("gateway.as2.outbound.poll.ms", "100",
                "gateway.as2.outbound.retry.delay.ms", "200"), Map.of(),
                config -> As2Fixtures.writeOpenPartner(config, partnerServer.url()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (ced != null) {
            ced.close();
        }
        if (partnerServer != null) {
            partnerServer.close();
        }
    }

    private static AS2ClientSettings settings(ECompressionType compression) throws Exception {
        X509Certificate gateway = As2Partner.cert(As2Partner.DEMO.resolve("gateway/tsw-gateway-2026.cert.pem"));
        X509Certificate own = As2Partner.cert(As2Partner.DEMO.resolve("partners/demofwd-2026.cert.pem"));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("demofwd", As2Partner.key(As2Partner.DEMO.resolve("partners/demofwd-2026.key.pem")),
                "test-only".toCharArray(), new Certificate[]{own});
        ks.setCertificateEntry("tswgateway", gateway);
        ByteArrayOutputStream p12 = new ByteArrayOutputStream();
        ks.store(p12, "test-only".toCharArray());
        AS2ClientSettings s = new AS2ClientSettings();
        s.setKeyStore(EKeyStoreType.PKCS12, p12.toByteArray(), "test-only");
        s.setSaveKeyStoreChangesToFile(false);
        s.setSenderData("DEMOFWD-AS2", "as2@demofwd.test", "demofwd");
        s.setReceiverData("TSWGATEWAY", "tswgateway", "http://127.0.0.1:" + gw.runtime.as2Port() + "/as2");
        s.setReceiverCertificate(gateway);
        s.setPartnershipName("DEMOFWD-AS2-TSWGATEWAY");
        s.setEncryptAndSign(ECryptoAlgorithmCrypt.CRYPT_AES256_CBC, ECryptoAlgorithmSign.DIGEST_SHA_256);
        s.setCompress(compression, true);
        s.setMDNOptions("signed-receipt-protocol=required, pkcs7-signature; signed-receipt-micalg=required, sha-256");
        s.setRetryCount(0);
        return s;
    }

    @Test
    void as2_lib_sends_signed_encrypted_compressed_and_gets_a_signed_processed_mdn() throws Exception {
        String ref = ref("H");
        AS2ClientRequest request = new AS2ClientRequest("CUSDEC " + ref)
                .setData(declaration("DEMOFWD:ZZZ", ref).getBytes(StandardCharsets.ISO_8859_1))
                .setContentType("application/EDIFACT").setFilename("CUSDEC-" + ref + ".edi");
        AS2ClientResponse response = new AS2Client().sendSynchronous(settings(ECompressionType.ZLIB), request);
        assertFalse(response.hasException(), () -> response.getAsString());
        assertTrue(response.hasMDN(), response.getAsString());
        assertEquals("automatic-action/MDN-sent-automatically; processed", response.getMDNDisposition().strip(),
                response.getAsString());
        assertNotNull(response.getMDNVerificationCertificate(), "as2-lib verified the MDN's signature");
        await().atMost(Duration.ofSeconds(60)).until(() -> gw.get("/api/messages?reference=" + ref).body()
                .contains("\"state\" : \"TRANSLATED\""));
        String found = gw.get("/api/messages?reference=" + ref).body();
        assertTrue(found.contains("\"fileName\" : \"CUSDEC-" + ref + ".edi\""), "the payload part's file name: " + found);
    }

    @Test
    void the_gateways_replies_reach_as2_libs_server_and_its_mdn_is_verified() throws Exception {
        String ref = ref("S");
        AS2ClientSettings s = settings(ECompressionType.ZLIB);
        s.setSenderData("OPEN-AS2", "as2@open.test", "demofwd");
        AS2ClientRequest request = new AS2ClientRequest("CUSDEC " + ref)
                .setData(declaration("AS2OPEN:ZZZ", ref).getBytes(StandardCharsets.ISO_8859_1))
                .setContentType("application/EDIFACT");
        AS2ClientResponse response = new AS2Client().sendSynchronous(s, request);
        assertFalse(response.hasException(), () -> response.getAsString());
        await().atMost(Duration.ofSeconds(60)).until(() -> partnerServer.received.stream().anyMatch(m -> m.contains(ref)));
        long id = Long.parseLong(gw.get("/api/messages?reference=" + ref).body().replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> gw.get("/api/messages/" + id).body().contains("MDN verified"));
        String evidence = gw.get("/api/messages/" + id + "/as2").body();
        assertTrue(evidence.contains("\"direction\" : \"OUT\"") && evidence.contains("\"mdnState\" : \"VERIFIED\""),
                "as2-lib's signed MDN verified, its MIC ours: " + evidence);
    }
}
