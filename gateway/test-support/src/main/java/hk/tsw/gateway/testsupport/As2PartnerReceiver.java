package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import hk.tsw.gateway.intake.as2.As2Failure;
import hk.tsw.gateway.intake.as2.GatewayKeys;
import hk.tsw.gateway.intake.as2.MdnWriter;
import hk.tsw.gateway.intake.as2.MimeEntity;
import hk.tsw.gateway.intake.as2.Smime;

/**
 * A partner's AS2 server in tests, on loopback: receives the gateway's replies (decrypts with the partner's key,
 * verifies the gateway's signature) and answers with a signed synchronous MDN — with the right MIC, or, for the
 * first {@code wrongMic} messages, a wrong one. It also accepts asynchronous MDNs on {@code /mdn}.
 */
public final class As2PartnerReceiver implements AutoCloseable {

    /** One message as it arrived: its Message-ID and decrypted, verified payload. */
    public record Received(String messageId, String payload, String micSent) {
    }

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final List<String> asyncMdns = new CopyOnWriteArrayList<>();
    /** Every POST to {@code /mdn}, answered or refused: the MDN's own Message-ID header and its body. */
    public final List<Received> mdnAttempts = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean refuseMdns = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicReference<String> wrongMicMarker =
            new java.util.concurrent.atomic.AtomicReference<>();

    public As2PartnerReceiver(PrivateKey key, X509Certificate cert, X509Certificate gatewayCert, String partnerAs2Id)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        GatewayKeys.KeyPairEntry own = new GatewayKeys.KeyPairEntry("partner", key, cert);
        server.createContext("/as2", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String messageId = exchange.getRequestHeaders().getFirst("Message-ID");
                MimeEntity outer = MimeEntity.fromHttp(exchange.getRequestHeaders().getFirst("Content-Type"), null, body);
                Smime.Verified v;
                try {
                    Smime.Decrypted d = Smime.decrypt(outer, List.of(own));
                    v = Smime.verify(d.inner(), List.of(gatewayCert));
                } catch (As2Failure f) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                String mic = Smime.mic(v.content().raw(), "sha-256");
                received.add(new Received(messageId, new String(v.content().body(), java.nio.charset.StandardCharsets.ISO_8859_1), mic));
                String text = new String(v.content().body(), java.nio.charset.StandardCharsets.ISO_8859_1);
                String marker = wrongMicMarker.get();
                boolean wrong = marker != null && text.contains(marker) && wrongMicMarker.compareAndSet(marker, null);
                String answeredMic = wrong ? Smime.mic(new byte[]{1, 2, 3}, "sha-256") : mic;
                byte[] report = new MdnWriter("test partner").report(new MdnWriter.Mdn(messageId, partnerAs2Id, null,
                        "received", answeredMic, "sha-256"));
                MimeEntity mdn = MimeEntity.parse(Smime.sign(report, "sha-256", key, cert));
                exchange.getResponseHeaders().add("Content-Type", mdn.header("content-type").orElseThrow());
                exchange.getResponseHeaders().add("AS2-From", partnerAs2Id);
                byte[] out = mdn.encodedBody();
                exchange.sendResponseHeaders(200, out.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        });
        server.createContext("/mdn", exchange -> {
            try (exchange) {
                String mdn = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                mdnAttempts.add(new Received(exchange.getRequestHeaders().getFirst("Message-ID"), mdn, null));
                if (refuseMdns.get()) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                asyncMdns.add(exchange.getRequestHeaders().getFirst("Content-Type") + "\n" + mdn);
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    /** While true, asynchronous MDNs are refused with HTTP 503 (and still counted in {@link #mdnAttempts}). */
    public void refuseMdns(boolean refuse) {
        refuseMdns.set(refuse);
    }

    /** The MDN for the next message whose payload contains {@code marker} carries a wrong MIC. */
    public void wrongMicFor(String marker) {
        wrongMicMarker.set(marker);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public Map<String, Integer> counts() {
        return Map.of("received", received.size(), "asyncMdns", asyncMdns.size());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
