package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;

import hk.tsw.gateway.settings.GatewaySettings;
import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.BrokerTlsFiles;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.TestEngine;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's TLS acceptor ({@code gateway.broker.tls.keystore}) with a real Artemis client: a node that trusts the
 * broker's certificate and checks its name connects and sends (the control); a client speaking plain TCP is not
 * served, and one that trusts another certificate (a broker impersonated by someone holding another key) refuses to
 * talk.
 */
class BrokerTlsTest {

    @TempDir
    static Path dir;
    static EmbeddedBroker broker;
    static String address;
    static BrokerTlsFiles tls;

    @BeforeAll
    static void start() throws Exception {
        tls = BrokerTlsFiles.generate(dir.resolve("tls"));
        address = "tcp://127.0.0.1:" + RunningGateway.freePort();
        GatewaySettings s = GatewaySettings.load(TestEngine.REPO.resolve("config"), dir.resolve("data"),
                Map.of("gateway.secrets.file", "", "gateway.broker.acceptor", address,
                        "gateway.broker.tls.keystore", tls.keystore.toString()));
        broker = EmbeddedBroker.start(dir.resolve("artemis"), address, s);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static void send(String url) {
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(url + "&reconnectAttempts=0&callTimeout=10000",
                ApiTokens.BROKER_NODE_USER, ApiTokens.BROKER_NODE_PASSWORD);
             JMSContext ctx = f.createContext()) {
            ctx.createProducer().send(ctx.createQueue("tsw.dead"), "over TLS");
        }
    }

    @Test
    void a_node_trusting_the_brokers_certificate_connects_and_anything_else_is_refused() throws Exception {
        send(address + "?" + tls.clientParams()); // control: the right trust store and name
        assertEquals(1L, broker.queueDepths().get("tsw.dead"));

        assertThrows(JMSRuntimeException.class, () -> send(address + "?sslEnabled=false"), "plain TCP to a TLS acceptor");
        BrokerTlsFiles other = BrokerTlsFiles.generate(dir.resolve("other"));
        assertThrows(JMSRuntimeException.class, () -> send(address + "?" + other.clientParams()),
                "a client trusting another certificate");
        assertEquals(1L, broker.queueDepths().get("tsw.dead"), "nothing else arrived");
    }
}
