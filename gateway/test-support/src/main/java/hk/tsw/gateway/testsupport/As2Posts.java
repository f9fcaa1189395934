package hk.tsw.gateway.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.bouncycastle.cms.CMSAlgorithm;
import hk.tsw.gateway.intake.as2.MimeEntity;
import hk.tsw.gateway.intake.as2.Smime;

/**
 * The demo partner DEMOFWD posting by AS2 the way AS2 products resend: each message is signed (SHA-256) and
 * encrypted (AES-128) once, so a resend carries the same Message-ID and the same bytes. Raw HTTP, so that a test
 * sees exactly what came back (200 with an MDN, 503 with Retry-After, nothing at all). The camel-as2 client cannot
 * reuse a Message-ID, hence this.
 */
public final class As2Posts {

    /** One message ready to post, and to post again unchanged. */
    public record Prepared(String messageId, String contentType, byte[] body) {
    }

    private final PrivateKey key;
    private final X509Certificate cert;
    private final X509Certificate gatewayCert;

    public As2Posts() throws Exception {
        key = As2Partner.key(As2Partner.DEMO.resolve("partners/demofwd-2026.key.pem"));
        cert = As2Partner.cert(As2Partner.DEMO.resolve("partners/demofwd-2026.cert.pem"));
        gatewayCert = As2Partner.cert(As2Partner.DEMO.resolve("gateway/tsw-gateway-2026.cert.pem"));
    }

    /** The demo declaration from DEMOFWD with interchange reference {@code ref} and document number DOC-ref. */
    public Prepared declaration(String ref, String messageId) throws Exception {
        String edi = As2Fixtures.declaration("DEMOFWD:ZZZ", ref);
        byte[] entity = ("Content-Type: application/edifact\r\n\r\n" + edi).getBytes(StandardCharsets.ISO_8859_1);
        MimeEntity encrypted = MimeEntity.parse(Smime.encrypt(Smime.sign(entity, "sha-256", key, cert), gatewayCert,
                CMSAlgorithm.AES128_CBC));
        return new Prepared(messageId, encrypted.header("content-type").orElseThrow(), encrypted.encodedBody());
    }

    /**
     * A message protected as given: {@code signWith} null = unsigned; {@code afterSigning} may change the signed
     * entity (a tamper); {@code encryptTo} null = not encrypted.
     */
    public Prepared protect(String messageId, byte[] entity, PrivateKey signKey, X509Certificate signCert,
                            java.util.function.UnaryOperator<byte[]> afterSigning, X509Certificate encryptTo) {
        byte[] mime = signKey == null ? entity : afterSigning.apply(Smime.sign(entity, "sha-256", signKey, signCert));
        if (encryptTo != null) {
            mime = Smime.encrypt(mime, encryptTo, CMSAlgorithm.AES128_CBC);
        }
        MimeEntity e = MimeEntity.parse(mime);
        return new Prepared(messageId, e.header("content-type").orElseThrow(), e.encodedBody());
    }

    /** The MIME entity of the demo declaration from {@code sender} (UNB 0004:0007) under reference {@code ref}. */
    public static byte[] entity(String sender, String ref) throws Exception {
        return ("Content-Type: application/edifact\r\n\r\n" + As2Fixtures.declaration(sender, ref))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    public PrivateKey partnerKey() {
        return key;
    }

    public X509Certificate partnerCertificate() {
        return cert;
    }

    public X509Certificate gatewayCertificate() {
        return gatewayCert;
    }

    /** Posts asking for a signed synchronous MDN; the HTTP answer, or an exception when there was none. */
    public static HttpResponse<String> post(HttpClient http, int port, Prepared m) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/as2"))
                .timeout(Duration.ofSeconds(30))
                .header("AS2-Version", "1.2").header("AS2-From", "DEMOFWD-AS2").header("AS2-To", "TSWGATEWAY")
                .header("Message-ID", m.messageId()).header("Disposition-Notification-To", "edi@partner.test")
                .header("Disposition-Notification-Options",
                        "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256")
                .header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }

    /** The MDN's disposition, or null when there was no MDN (the gateway is down, or answered 503). */
    public static String disposition(HttpClient http, int port, Prepared m) {
        try {
            HttpResponse<String> r = post(http, port, m);
            if (r.statusCode() != 200) {
                return null;
            }
            int i = r.body().indexOf("Disposition: ");
            return i < 0 ? null : r.body().substring(i + 13, r.body().indexOf('\r', i));
        } catch (Exception e) {
            return null;
        }
    }
}
