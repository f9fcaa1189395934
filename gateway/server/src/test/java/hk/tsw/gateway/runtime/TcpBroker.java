package hk.tsw.gateway.runtime;

import java.nio.file.Path;
import java.util.Map;

import hk.tsw.gateway.settings.GatewaySettings;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.TestEngine;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The gateway's embedded broker with the repository's configuration, over TCP on a free loopback port: the fixture of
 * the tests that reach the broker as a node or an agency does.
 */
record TcpBroker(EmbeddedBroker broker, String url) implements AutoCloseable {

    static TcpBroker start(Path dir) throws Exception {
        String url = "tcp://127.0.0.1:" + RunningGateway.freePort();
        GatewaySettings s = GatewaySettings.load(TestEngine.REPO.resolve("config"), dir.resolve("data"),
                Map.of("gateway.secrets.file", "", "gateway.broker.acceptor", url));
        return new TcpBroker(EmbeddedBroker.start(dir.resolve("artemis"), url + "?host=127.0.0.1", s), url);
    }

    /** A client factory for {@code user} that does not reconnect: a failed connection stays failed. */
    ActiveMQConnectionFactory factory(String user, String password) {
        return new ActiveMQConnectionFactory(url + "?reconnectAttempts=0", user, password);
    }

    @Override
    public void close() throws Exception {
        broker.close();
    }
}
