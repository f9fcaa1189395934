package hk.tsw.gateway.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import hk.tsw.gateway.as2.As2Partner;
import hk.tsw.gateway.as2.MimeEntity;
import hk.tsw.gateway.as2.Smime;
import hk.tsw.gateway.soap.WsseEnvelope;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * The demo partner DEMOFWD lodging by AS2 (signed, encrypted, signed synchronous MDN requested) and by SOAP
 * (UsernameToken with its DEMO-ONLY password, the interchange as base64), as a process-level test needs it: one call
 * per attempt, every wait bounded, the answer returned as it came.
 */
final class PartnerPosts {

    /** One AS2 message, built once so that a resend carries the same Message-ID and bytes. */
    record As2Message(String messageId, String contentType, byte[] body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int as2Port;
    private final int soapPort;
    private final PrivateKey key;
    private final X509Certificate cert;
    private final X509Certificate gatewayCert;

    PartnerPosts(int as2Port, int soapPort) throws Exception {
        this.as2Port = as2Port;
        this.soapPort = soapPort;
        this.key = As2Partner.key(As2Partner.DEMO.resolve("partners/demofwd-2026.key.pem"));
        this.cert = As2Partner.cert(As2Partner.DEMO.resolve("partners/demofwd-2026.cert.pem"));
        this.gatewayCert = As2Partner.cert(As2Partner.DEMO.resolve("gateway/tsw-gateway-2026.cert.pem"));
    }

    As2Message as2Message(String ref) throws Exception {
        byte[] entity = Smime.concat("Content-Type: application/edifact\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                ProcessHarness.declaration(ref));
        MimeEntity enc = MimeEntity.parse(Smime.encrypt(Smime.sign(entity, "sha-256", key, cert), gatewayCert,
                CMSAlgorithm.AES128_CBC));
        return new As2Message("<" + ref + "-" + System.nanoTime() + "@partner.test>",
                enc.header("content-type").orElseThrow(), enc.encodedBody());
    }

    /** Posts; the HTTP answer (200 with an MDN, or 503), or an exception when the gateway does not answer. */
    HttpResponse<String> post(As2Message m) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + as2Port + "/as2"))
                .timeout(Duration.ofSeconds(60))
                .header("AS2-Version", "1.2").header("AS2-From", "DEMOFWD-AS2").header("AS2-To", "TSWGATEWAY")
                .header("Message-ID", m.messageId()).header("Disposition-Notification-To", "edi@partner.test")
                .header("Disposition-Notification-Options",
                        "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256")
                .header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }

    /** The MDN's disposition ("automatic-action/MDN-sent-automatically; processed"), or null without an MDN. */
    static String disposition(HttpResponse<String> r) {
        int i = r.statusCode() == 200 ? r.body().indexOf("Disposition: ") : -1;
        return i < 0 ? null : r.body().substring(i + 13, r.body().indexOf('\r', i));
    }

    /** SubmitDocument with the interchange {@code ref} as base64, a fresh nonce and timestamp each time. */
    HttpResponse<String> submitBySoap(String ref) throws Exception {
        String body = "<tsw:SubmitDocumentRequest><tsw:Interchange contentType=\"application/EDIFACT\">"
                + Base64.getEncoder().encodeToString(ProcessHarness.declaration(ref))
                + "</tsw:Interchange><tsw:FileName>" + ref + ".edi</tsw:FileName></tsw:SubmitDocumentRequest>";
        String envelope = WsseEnvelope.envelope("", "demofwd", "demofwd-DEMO-ONLY-password", WsseEnvelope.nonce(),
                Instant.now(), body);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + soapPort + "/ws/submission"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
