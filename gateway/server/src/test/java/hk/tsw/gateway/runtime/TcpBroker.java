package hk.tsw.gateway.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import hk.tsw.gateway.settings.GatewaySettings;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.testsupport.ApiTokens;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The gateway's embedded broker with the repository's configuration, over TCP on a free loopback port, in a folder of
 * its own for the test class ({@code @RegisterExtension static final TcpBroker BROKER = new TcpBroker();}): the
 * fixture of the tests that reach the broker as a node or an agency does.
 */
final class TcpBroker implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private EmbeddedBroker broker;
    private String url;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("tcp-broker");
        url = "tcp://127.0.0.1:" + RunningGateway.freePort();
        GatewaySettings s = GatewaySettings.load(TestEngine.REPO.resolve("config"), dir.resolve("data"),
                Map.of("gateway.secrets.file", "", "gateway.broker.acceptor", url));
        broker = EmbeddedBroker.start(dir.resolve("artemis"), url + "?host=127.0.0.1", s);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary folder is no test failure
        }
    }

    EmbeddedBroker broker() {
        return broker;
    }

    /** Sends each text (as {@code String.valueOf}) to {@code queue} as a gateway node does, in one JMS transaction. */
    void send(String queue, Object... texts) throws JMSException {
        try (ActiveMQConnectionFactory factory = factory(ApiTokens.BROKER_NODE_USER, ApiTokens.BROKER_NODE_PASSWORD);
             Connection c = factory.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (Object text : texts) {
                p.send(s.createTextMessage(String.valueOf(text)));
            }
            s.commit();
        }
    }

    /** The messages waiting on {@code queue} (0 for a queue the broker does not have). */
    long depth(String queue) {
        return broker.queueDepths().getOrDefault(queue, 0L);
    }

    /** A client factory for {@code user} that does not reconnect: a failed connection stays failed. */
    ActiveMQConnectionFactory factory(String user, String password) {
        return new ActiveMQConnectionFactory(url + "?reconnectAttempts=0", user, password);
    }
}
