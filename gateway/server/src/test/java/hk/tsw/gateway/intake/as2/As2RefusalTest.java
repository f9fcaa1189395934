package hk.tsw.gateway.intake.as2;

import static hk.tsw.gateway.testsupport.As2Fixtures.declaration;
import static hk.tsw.gateway.testsupport.As2Fixtures.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import hk.tsw.gateway.testsupport.AgencyStub;
import hk.tsw.gateway.testsupport.RunningGateway;
import org.apache.camel.component.as2.api.AS2EncryptionAlgorithm;
import org.apache.camel.component.as2.api.AS2MessageStructure;
import org.apache.camel.component.as2.api.AS2SignatureAlgorithm;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.As2Partner;
import hk.tsw.gateway.testsupport.TestCertificates;

/**
 * Every way an AS2 message is refused, each answered with a signed MDN {@code processed/error} carrying its exact
 * disposition modifier, recorded as a REFUSED message with the reason, and never forwarded.
 */
class As2RefusalTest {

    static final String DISPOSITION = "automatic-action/MDN-sent-automatically; processed/error: ";

    @TempDir
    static Path dir;
    static AgencyStub ced;
    static RunningGateway gw;
    static As2Partner demofwd;
    int refusedBefore;
    int cedBefore;

    @BeforeAll
    static void start() throws Exception {
        ced = new AgencyStub(dir.resolve("ced-ledger.txt"));
        gw = new RunningGateway(dir, Map.of("CED", ced.url()), Map.of());
        demofwd = new As2Partner(gw.runtime.as2Port(), "DEMOFWD-AS2");
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

    @BeforeEach
    void count() throws Exception {
        refusedBefore = refused();
        cedBefore = ced.requests().size();
    }

    /** Each refusal is one more REFUSED message, and nothing reached an agency. */
    @AfterEach
    void nothingForwarded() throws Exception {
        assertEquals(refusedBefore + 1, refused(), "one REFUSED message recorded");
        assertEquals(cedBefore, ced.requests().size(), "nothing forwarded");
    }

    private static int refused() throws Exception {
        String body = gw.get("/api/messages?state=REFUSED&limit=1000").body();
        return body.split("\"state\" : \"REFUSED\"", -1).length - 1;
    }

    private static void assertRefused(As2Partner.Result r, String modifier) {
        assertEquals(200, r.status(), r.text());
        assertTrue(r.contentType().startsWith("multipart/signed"), "signed as asked: " + r.contentType());
        assertEquals(DISPOSITION + modifier, r.disposition(), r.text());
        assertTrue(r.text().contains("Nothing was forwarded"), r.text());
    }

    @Test
    void unknown_as2_from_is_authentication_failed() throws Exception {
        As2Partner stranger = new As2Partner(gw.runtime.as2Port(), "NOBODY-AS2");
        assertRefused(stranger.send("x", AS2MessageStructure.SIGNED_ENCRYPTED, declaration("DEMOFWD:ZZZ", ref("U")), null),
                "authentication-failed");
    }

    @Test
    void a_wrong_as2_to_is_authentication_failed() throws Exception {
        assertRefused(demofwd.send("x", AS2MessageStructure.SIGNED_ENCRYPTED, declaration("DEMOFWD:ZZZ", ref("T")), null,
                AS2SignatureAlgorithm.SHA256WITHRSA, AS2EncryptionAlgorithm.AES128_CBC, "SOMEONE-ELSE"), "authentication-failed");
    }

    @Test
    void a_signature_by_another_certificate_is_authentication_failed() throws Exception {
        As2Partner impostor = new As2Partner(gw.runtime.as2Port(), "DEMOFWD-AS2");
        TestCertificates.Identity other = TestCertificates.create("impostor", Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(30, ChronoUnit.DAYS));
        impostor.key = other.keys().getPrivate();
        impostor.certificate = other.certificate();
        assertRefused(impostor.send("x", AS2MessageStructure.SIGNED_ENCRYPTED, declaration("DEMOFWD:ZZZ", ref("I")), null),
                "authentication-failed");
    }

    @Test
    void an_interchange_from_another_partners_edifact_sender_is_authentication_failed() throws Exception {
        assertRefused(demofwd.send("x", AS2MessageStructure.SIGNED_ENCRYPTED, declaration("DEMOLINE:ZZZ", ref("S")), null),
                "authentication-failed");
    }

    @Test
    void unsigned_where_signing_is_required_is_insufficient_message_security() throws Exception {
        assertRefused(demofwd.send("x", AS2MessageStructure.ENCRYPTED, declaration("DEMOFWD:ZZZ", ref("N")), null),
                "insufficient-message-security");
    }

    @Test
    void unencrypted_where_encryption_is_required_is_insufficient_message_security() throws Exception {
        assertRefused(demofwd.send("x", AS2MessageStructure.SIGNED, declaration("DEMOFWD:ZZZ", ref("P")), null),
                "insufficient-message-security");
    }

    @Test
    void a_sha1_signature_is_refused_unless_the_partner_file_allows_legacy_algorithms() throws Exception {
        assertRefused(demofwd.send("x", AS2MessageStructure.SIGNED_ENCRYPTED, declaration("DEMOFWD:ZZZ", ref("H")), null,
                AS2SignatureAlgorithm.SHA1WITHRSA, AS2EncryptionAlgorithm.AES128_CBC, "GATEWAY-AS2-ID"),
                "insufficient-message-security");
    }

    @Test
    void triple_des_is_refused_unless_the_partner_file_allows_legacy_algorithms() throws Exception {
        assertRefused(demofwd.send("x", AS2MessageStructure.SIGNED_ENCRYPTED, declaration("DEMOFWD:ZZZ", ref("D")), null,
                AS2SignatureAlgorithm.SHA256WITHRSA, AS2EncryptionAlgorithm.DES_EDE3_CBC, "GATEWAY-AS2-ID"),
                "insufficient-message-security");
    }

    @Test
    void a_message_encrypted_to_another_certificate_is_decryption_failed() throws Exception {
        As2Partner confused = new As2Partner(gw.runtime.as2Port(), "DEMOFWD-AS2");
        confused.gatewayCertificate = TestCertificates.create("not the gateway", Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(30, ChronoUnit.DAYS)).certificate();
        assertRefused(confused.send("x", AS2MessageStructure.SIGNED_ENCRYPTED, declaration("DEMOFWD:ZZZ", ref("C")), null),
                "decryption-failed");
    }

    @Test
    void content_changed_after_signing_is_integrity_check_failed() throws Exception {
        byte[] entity = ("Content-Type: application/edifact\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                + declaration("DEMOFWD:ZZZ", ref("G"))).getBytes(StandardCharsets.ISO_8859_1);
        String signed = new String(Smime.sign(entity, "sha-256", demofwd.key, demofwd.certificate), StandardCharsets.ISO_8859_1);
        byte[] tampered = signed.replace("MOA+39:", "MOA+39:9").getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(signed.equals(new String(tampered, StandardCharsets.ISO_8859_1)), "the test changed the payload");
        MimeEntity encrypted = MimeEntity.parse(Smime.encrypt(tampered, demofwd.gatewayCertificate, CMSAlgorithm.AES128_CBC));
        assertRefused(post(encrypted.header("content-type").orElseThrow(), "binary", encrypted.encodedBody()),
                "integrity-check-failed");
    }

    @Test
    void compressed_data_that_does_not_expand_is_decompression_failed() throws Exception {
        assertRefused(post("application/pkcs7-mime; smime-type=compressed-data; name=smime.p7z", "binary",
                "this is not CMS compressed data".getBytes(StandardCharsets.US_ASCII)), "decompression-failed");
    }

    @Test
    void a_payload_type_the_gateway_does_not_take_is_unexpected_processing_error() throws Exception {
        byte[] entity = ("Content-Type: image/png\r\n\r\nPNG").getBytes(StandardCharsets.ISO_8859_1);
        byte[] signed = Smime.sign(entity, "sha-256", demofwd.key, demofwd.certificate);
        MimeEntity encrypted = MimeEntity.parse(Smime.encrypt(signed, demofwd.gatewayCertificate, CMSAlgorithm.AES128_CBC));
        assertRefused(post(encrypted.header("content-type").orElseThrow(), "binary", encrypted.encodedBody()),
                "unexpected-processing-error");
    }

    /** A hand-made AS2 request from DEMOFWD asking for a signed synchronous MDN. */
    private static As2Partner.Result post(String contentType, String transferEncoding, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.runtime.as2Port() + "/as2"))
                .header("AS2-Version", "1.2").header("AS2-From", "DEMOFWD-AS2").header("AS2-To", "TSWGATEWAY")
                .header("Message-ID", "<hand-" + System.nanoTime() + "@partner.test>")
                .header("Disposition-Notification-To", "edi@partner.test")
                .header("Disposition-Notification-Options",
                        "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256")
                .header("Content-Type", contentType).header("Content-Transfer-Encoding", transferEncoding)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new As2Partner.Result(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), 0,
                request.headers().firstValue("Message-ID").orElseThrow());
    }
}
