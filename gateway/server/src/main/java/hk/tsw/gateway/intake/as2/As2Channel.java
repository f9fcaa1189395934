package hk.tsw.gateway.intake.as2;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.intake.Intake;
import hk.tsw.gateway.intake.ReceivedQueue;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.As2Store;
import hk.tsw.gateway.store.MessageStore;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AS2 channel as the runtime starts it: the listener, and the sender of outbound replies and asynchronous MDNs.
 * Everything it needs comes from {@code gateway.as2.*} settings and the partner files.
 */
public final class As2Channel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(As2Channel.class);

    private final As2HttpServer server;
    private final As2Sender sender;

    private As2Channel(As2HttpServer server, As2Sender sender) {
        this.server = server;
        this.sender = sender;
    }

    public static As2Channel start(As2Settings s, PartnerRegistry partners, MessageStore messages,
                                   PartnerReplies replies, ReceivedQueue translateQueue, CamelContext camel,
                                   hk.tsw.gateway.intake.DiskGuard disk, java.util.function.BooleanSupplier senderLeads)
            throws Exception {
        GatewayKeys keys = GatewayKeys.load(s.keyDir());
        As2CertificateHealth health = As2CertificateHealth.of(keys, partners, s.certificateWarning());
        health.register(camel);
        for (String soon : health.expiringSoon(java.time.Instant.now())) {
            LOG.warn("AS2 certificate {}", soon);
        }
        String id = s.id();
        Duration window = s.duplicateWindow();
        As2Store store = new As2Store(messages);
        Intake intake = new Intake(messages, replies, window, translateQueue, disk);
        MdnResponder mdns = new MdnResponder(id, keys, store, new MdnWriter("TSW Gateway AS2"), window);
        As2Receiver receiver = new As2Receiver(id, partners, keys, store, intake, mdns);
        As2Sender sender = As2Sender.start(id, partners, keys, store, replies.store(), mdns,
                s.outboundPoll(), s.outboundMaxAttempts(), s.outboundRetryDelay(), s.outboundRetryMaxDelay(),
                s.httpTimeout(), senderLeads);
        try {
            As2HttpServer server = As2HttpServer.start(s.host(), s.port(), s.path(), tls(s), s.threads(),
                    s.maxBodyBytes(), s.maxDiscardBytes(), receiver);
            return new As2Channel(server, sender);
        } catch (Exception | Error e) {
            sender.close();
            throw e;
        }
    }

    private static SSLContext tls(As2Settings s) throws Exception {
        String store = s.tlsKeystore();
        if (store.isBlank()) {
            return null;
        }
        char[] password = s.tlsPassword().toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(store))) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        sender.close();
    }
}
