package hk.tsw.gateway.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

import org.apache.camel.component.as2.api.AS2ClientConnection;
import org.apache.camel.component.as2.api.AS2ClientManager;
import org.apache.camel.component.as2.api.AS2CompressionAlgorithm;
import org.apache.camel.component.as2.api.AS2EncryptionAlgorithm;
import org.apache.camel.component.as2.api.AS2MessageStructure;
import org.apache.camel.component.as2.api.AS2SignatureAlgorithm;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpCoreContext;

/**
 * A trading partner's AS2 system in tests: the camel-as2 client (camel-as2-api's {@link AS2ClientManager}, as the
 * camel-as2 producer uses it), with the partner's key and the gateway's certificate.
 */
public final class As2Partner implements AutoCloseable {

    public static final Path DEMO = ProjectRoot.REPO.resolve("config/demo/as2");

    /** What came back: HTTP status, the MDN's Content-Type and its bytes (headers of the MDN entity excluded). */
    public record Result(int status, String contentType, byte[] body, long millis, String messageId) {
        public String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }

        /** The Disposition field of the MDN (signed or not). */
        public String disposition() {
            String t = text();
            int i = t.indexOf("Disposition:");
            return i < 0 ? "" : t.substring(i + 12, t.indexOf('\n', i)).strip();
        }

        public String mic() {
            String t = text();
            int i = t.indexOf("Received-Content-MIC:");
            return i < 0 ? "" : t.substring(i + 21, t.indexOf('\n', i)).strip();
        }
    }

    private final AS2ClientConnection connection;
    private final AS2ClientManager manager;
    public final String as2From;
    public PrivateKey key;
    public X509Certificate certificate;
    public X509Certificate gatewayCertificate;

    public As2Partner(int port, String as2From) throws Exception {
        this.as2From = as2From;
        this.port = port;
        this.connection = new AS2ClientConnection("1.2", "camel-as2 test partner", "partner.test", "127.0.0.1", port,
                Duration.ofSeconds(30), Duration.ofSeconds(5), 5, Duration.ofMinutes(5), null, null);
        this.manager = new AS2ClientManager(connection);
        this.key = key(DEMO.resolve("partners/demofwd-2026.key.pem"));
        this.certificate = cert(DEMO.resolve("partners/demofwd-2026.cert.pem"));
        this.gatewayCertificate = cert(DEMO.resolve("gateway/tsw-gateway-2026.cert.pem"));
    }

    /** Sends with the given structure; compression, signing (SHA-256), encryption (AES-128) as the structure says. */
    public Result send(String messageId, AS2MessageStructure structure, String payload, String receiptDeliveryOption)
            throws Exception {
        return send(messageId, structure, payload, receiptDeliveryOption, AS2SignatureAlgorithm.SHA256WITHRSA,
                AS2EncryptionAlgorithm.AES128_CBC, "GATEWAY-AS2-ID");
    }

    public Result send(String messageId, AS2MessageStructure structure, String payload, String receiptDeliveryOption,
                       AS2SignatureAlgorithm signing, AS2EncryptionAlgorithm encryption, String as2To) throws Exception {
        boolean signs = structure.isSigned();
        boolean encrypts = structure.isEncrypted();
        boolean compresses = structure.isCompressed();
        long t0 = System.nanoTime();
        HttpCoreContext ctx = manager.send(payload, "/as2", "test " + messageId, "partner@example.test", as2From,
                as2To.equals("GATEWAY-AS2-ID") ? "TSWGATEWAY" : as2To, structure, "application/edifact", null, null,
                signs ? signing : null, signs ? new Certificate[]{certificate} : null, signs ? key : null,
                compresses ? AS2CompressionAlgorithm.ZLIB : null, "edi@partner.test",
                "sha-256,sha1", encrypts ? encryption : null,
                encrypts ? new Certificate[]{gatewayCertificate} : null, null, receiptDeliveryOption, null, null, null);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (ctx.getRequest() instanceof org.apache.hc.core5.http.ClassicHttpRequest req && req.getEntity() != null) {
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            req.getEntity().writeTo(sent);
            lastRequestBody = sent.toByteArray();
            lastRequestType = req.getFirstHeader("Content-Type").getValue();
            lastMessageId = req.getFirstHeader("Message-ID").getValue();
            lastHeaders = new java.util.LinkedHashMap<>();
            for (Header h : req.getHeaders()) {
                lastHeaders.put(h.getName(), h.getValue());
            }
        }
        HttpResponse response = ctx.getResponse();
        String contentType = "";
        Header ct = response.getFirstHeader("Content-Type");
        if (ct != null) {
            contentType = ct.getValue();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (response instanceof ClassicHttpResponse classic && classic.getEntity() != null) {
            classic.getEntity().writeTo(body);
        }
        return new Result(response.getCode(), contentType, body.toByteArray(), millis, lastMessageId);
    }

    private byte[] lastRequestBody;
    private String lastMessageId;
    private java.util.Map<String, String> lastHeaders;
    private final int port;

    public String lastMessageId() {
        return lastMessageId;
    }

    /** The same partner, with its last message, talking to a gateway on another port (after a restart). */
    public As2Partner on(int newPort) throws Exception {
        As2Partner p = new As2Partner(newPort, as2From);
        p.lastRequestBody = lastRequestBody;
        p.lastRequestType = lastRequestType;
        p.lastMessageId = lastMessageId;
        p.lastHeaders = lastHeaders;
        return p;
    }

    /**
     * Sends the last message again, byte for byte with the same Message-ID, as AS2 products do when an MDN was lost
     * (over plain java.net.http: the camel-as2 client always makes a new Message-ID).
     */
    public Result resendLast() throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/as2"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(lastRequestBody));
        for (var h : lastHeaders.entrySet()) {
            if (!java.util.Set.of("host", "content-length", "connection", "expect", "upgrade", "date")
                    .contains(h.getKey().toLowerCase())) {
                b.header(h.getKey(), h.getValue());
            }
        }
        var r = java.net.http.HttpClient.newHttpClient().send(b.build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        return new Result(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), 0, lastMessageId);
    }
    private String lastRequestType;

    /** The first part of the last multipart/signed request, exactly as sent (what the MIC must cover). */
    public byte[] lastSignedEntity() {
        String ct = lastRequestType;
        int b = ct.toLowerCase().indexOf("boundary=");
        String boundary = ct.substring(b + 9).split(";")[0].replace("\"", "").strip();
        String body = new String(lastRequestBody, StandardCharsets.ISO_8859_1);
        int start = body.indexOf("--" + boundary) + boundary.length() + 2;
        start = body.indexOf('\n', start) + 1;
        int end = body.indexOf("\r\n--" + boundary, start);
        return body.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
    }

    public static PrivateKey key(Path pem) throws Exception {
        String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").strip();
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(text)));
    }

    public static X509Certificate cert(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Override
    public void close() {
        // AS2ClientConnection pools its connections; nothing holds threads beyond the JVM's life in tests
    }
}
