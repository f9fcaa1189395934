package hk.tsw.gateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import hk.tsw.gateway.intake.as2.As2Failure;
import hk.tsw.gateway.intake.as2.GatewayKeys;
import hk.tsw.gateway.intake.as2.MdnReader;
import hk.tsw.gateway.intake.as2.MimeEntity;
import hk.tsw.gateway.intake.as2.Smime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * The demo forwarder's AS2 system, as the bench plays it from its own JVM: builds a message the way an AS2 product
 * does (the EDIFACT entity signed with SHA-256 by the partner's demo key, then encrypted with AES-CBC to the gateway's
 * demo certificate, asking for a signed synchronous MDN), posts it with the JDK HTTP client, and checks the MDN as
 * the partner must: signed by the gateway's certificate, for this Message-ID, "processed" without error, and
 * carrying the MIC the partner computed itself. The keys are the DEMO-ONLY ones in {@code config/demo/as2/}.
 * Public so that the AS2 tests can check the bench's messages against the gateway's own unwrapping.
 */
public final class As2PartnerClient {

    static final String PARTNER_AS2_ID = "DEMOFWD-AS2";
    static final String GATEWAY_AS2_ID = "TSWGATEWAY";
    private static final String MICALG = "sha-256";

    /**
     * The JDK HTTP client keeps an idle connection for this many seconds (JDK 17's default: 1200), read once when its
     * connection pool is first used. The gateway's AS2 server (the JDK HTTP server) closes a connection idle for 30 s
     * ({@code sun.net.httpserver.idleInterval}); a client keeping it longer reuses a closed connection after a pause
     * (the bench signing its next batch at a high load) and its post fails before any answer. Set below the server's
     * unless given on the command line ({@code -Djdk.httpclient.keepalive.timeout=S}); {@link As2Load} resends what
     * still fails that way.
     */
    static final String CLIENT_KEEPALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";
    static final String CLIENT_KEEPALIVE_SECONDS = "10";

    /** Called before the bench makes any HTTP client, so that the pool's idle limit is the one above. */
    static void keepIdleConnectionsShorterThanTheGateway() {
        if (System.getProperty(CLIENT_KEEPALIVE_PROPERTY) == null) {
            System.setProperty(CLIENT_KEEPALIVE_PROPERTY, CLIENT_KEEPALIVE_SECONDS);
        }
    }

    /** One message ready to post: headers, body, and the MIC the MDN must return. */
    public record Prepared(String messageId, Map<String, String> headers, byte[] body, String mic) {
    }

    /** What came back on the connection. */
    public record Answer(int status, String contentType, byte[] body) {
    }

    private final URI url;
    private final GatewayKeys.KeyPairEntry partner;
    private final X509Certificate gatewayCertificate;
    private final ASN1ObjectIdentifier cipher;
    private final HttpClient http;

    /** {@code config}: the configuration folder holding {@code demo/as2/}; {@code cipher}: aes128 or aes256. */
    public As2PartnerClient(Path config, URI url, String cipher) throws IOException, GeneralSecurityException {
        this.url = url;
        this.partner = GatewayKeys.load(config.resolve("demo/as2/partners")).all().stream()
                .filter(k -> k.name().startsWith("demofwd")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no demofwd key in " + config.resolve("demo/as2/partners")));
        try (InputStream in = Files.newInputStream(config.resolve("demo/as2/gateway/tsw-gateway-2026.cert.pem"))) {
            this.gatewayCertificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        this.cipher = cipher(cipher);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    static ASN1ObjectIdentifier cipher(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "aes128" -> CMSAlgorithm.AES128_CBC;
            case "aes256" -> CMSAlgorithm.AES256_CBC;
            default -> throw new IllegalArgumentException("--as2-cipher is aes128 or aes256, not " + name);
        };
    }

    /** Signs then encrypts one EDIFACT interchange (RFC 4130 order: sign the entity, encrypt the signed entity). */
    public Prepared prepare(String messageId, String fileName, byte[] edifact) {
        byte[] entity = Smime.concat(("Content-Type: application/edifact\r\nContent-Transfer-Encoding: binary\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), edifact);
        String mic = Smime.mic(entity, MICALG);
        byte[] signed = Smime.sign(entity, MICALG, partner.key(), partner.certificate());
        MimeEntity encrypted = MimeEntity.parse(Smime.encrypt(signed, gatewayCertificate, cipher));
        Map<String, String> h = new LinkedHashMap<>();
        h.put("AS2-Version", "1.2");
        h.put("AS2-From", PARTNER_AS2_ID);
        h.put("AS2-To", GATEWAY_AS2_ID);
        h.put("Message-ID", messageId);
        h.put("Subject", "bench " + fileName);
        h.put("Disposition-Notification-To", "edi@demofwd.example");
        h.put("Disposition-Notification-Options",
                "signed-receipt-protocol=required, pkcs7-signature; signed-receipt-micalg=required, " + MICALG);
        h.put("Content-Type", encrypted.header("content-type").orElseThrow());
        h.put("Content-Disposition", "attachment; filename=\"smime.p7m\"");
        return new Prepared(messageId, h, encrypted.encodedBody(), mic);
    }

    /** Posts and waits for the synchronous answer. */
    Answer post(Prepared m) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.body()));
        m.headers().forEach(b::header);
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    /** Null when the answer is a signed, positive MDN for this message with our MIC; otherwise what is wrong. */
    public String problem(Prepared m, Answer a) {
        if (a.status() != 200) {
            return "HTTP " + a.status() + ": " + new String(a.body(), StandardCharsets.UTF_8).strip();
        }
        MdnReader.Receipt receipt;
        try {
            receipt = MdnReader.read(MimeEntity.fromHttp(a.contentType(), null, a.body()), List.of(gatewayCertificate), true);
        } catch (As2Failure | IllegalArgumentException e) {
            return "MDN not accepted: " + e.getMessage();
        }
        if (!receipt.originalMessageId().equals(m.messageId())) {
            return "MDN for " + receipt.originalMessageId() + ", not " + m.messageId();
        }
        if (!receipt.processedWithoutError()) {
            return "MDN says " + receipt.disposition();
        }
        if (!m.mic().equals(receipt.mic())) {
            return "MIC mismatch: ours " + m.mic() + ", the MDN's " + receipt.mic();
        }
        return null;
    }
}
