package hk.tsw.gateway.intake.as2;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.helger.as2lib.cert.CertificateFactory;
import com.helger.as2lib.message.IMessage;
import com.helger.as2lib.partner.SelfFillingPartnershipFactory;
import com.helger.as2lib.processor.DefaultMessageProcessor;
import com.helger.as2lib.processor.module.AbstractProcessorModule;
import com.helger.as2lib.processor.receiver.AS2ReceiverModule;
import com.helger.as2lib.processor.storage.IProcessorStorageModule;
import com.helger.as2lib.session.AS2Session;
import com.helger.security.keystore.EKeyStoreType;

/**
 * as2-lib's own AS2 server as the partner that receives the gateway's replies, on a loopback port: it decrypts with
 * the partner's key, verifies the gateway's signature and answers with its own signed MDN; what it stored is kept
 * in {@link #received}.
 */
final class As2LibPartnerServer implements AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    final int port;
    private final DefaultMessageProcessor processor = new DefaultMessageProcessor();

    As2LibPartnerServer(Path dir, String ownAs2Id, PrivateKey key, X509Certificate cert, String gatewayAs2Id,
                        X509Certificate gatewayCert) throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        // self-filling partnerships use the AS2 ids as certificate aliases
        ks.setKeyEntry(ownAs2Id, key, "test-only".toCharArray(), new Certificate[]{cert});
        ks.setCertificateEntry(gatewayAs2Id, gatewayCert);
        Path p12 = dir.resolve("as2-lib-partner.p12");
        try (var out = Files.newOutputStream(p12)) {
            ks.store(out, "test-only".toCharArray());
        }
        AS2Session session = new AS2Session();
        CertificateFactory certificates = new CertificateFactory();
        certificates.setKeyStoreType(EKeyStoreType.PKCS12);
        certificates.setFilename(p12.toString());
        certificates.setPassword("test-only");
        certificates.setSaveChangesToFile(false);
        certificates.initDynamicComponent(session, null);
        session.setCertificateFactory(certificates);
        session.setPartnershipFactory(new SelfFillingPartnershipFactory());
        processor.addModule(new AbstractProcessorModule() {
            @Override
            public boolean canHandle(String action, IMessage msg, Map<String, Object> options) {
                return IProcessorStorageModule.DO_STORE.equals(action);
            }

            @Override
            public void handle(String action, IMessage msg, Map<String, Object> options) {
                try {
                    received.add(new String(msg.getData().getInputStream().readAllBytes(),
                            java.nio.charset.StandardCharsets.ISO_8859_1));
                } catch (IOException | jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        AS2ReceiverModule receiver = new AS2ReceiverModule();
        receiver.setAddress("127.0.0.1");
        receiver.setPort(port);
        receiver.setErrorDirectory(dir.resolve("as2-lib-errors").toString());
        receiver.initDynamicComponent(session, null);
        processor.addModule(receiver);
        processor.initDynamicComponent(session, null);
        session.setMessageProcessor(processor);
        processor.startActiveModules();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/as2";
    }

    @Override
    public void close() {
        processor.stopActiveModules();
    }
}
