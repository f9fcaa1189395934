package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import hk.tsw.gateway.settings.BrokerSettings;
import hk.tsw.gateway.settings.DeliverSettings;
import hk.tsw.gateway.settings.GatewaySettings;
import hk.tsw.gateway.settings.IntakeSettings;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.TestEngine;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A node whose external broker cannot be reached at its start (the broker started after the node, the pair failing
 * over) waits for it, saying why, for {@code gateway.broker.start.wait.ms}, and only then fails the start with the
 * last reason, the URL's passwords masked. Real Artemis over TCP on a loopback port.
 */
class BrokerStartWaitTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(BrokerLink.class);

    @AfterEach
    void detach() {
        logger.detachAppender(log);
    }

    @Test
    void a_node_started_before_its_broker_waits_for_it_and_connects() throws Exception {
        String address = "tcp://127.0.0.1:" + RunningGateway.freePort();
        GatewaySettings s = settings(address, "60000");
        log.start();
        logger.addAppender(log);
        // the broker starts only once the node has said that it waits: the node's first attempt found nothing
        CompletableFuture<EmbeddedBroker> broker = CompletableFuture.supplyAsync(() -> {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> said("cannot be reached yet"));
            try {
                return EmbeddedBroker.start(dir.resolve("artemis"), address, brokerSettings(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (BrokerLink link = BrokerLink.open(TestEngine.REPO.resolve("config"), BrokerSettings.from(s),
                DeliverSettings.from(s), IntakeSettings.from(s), dir.resolve("data"))) {
            assertTrue(link.up(), "connected once the broker was there");
            assertTrue(said("is reachable"), "the wait's end is logged");
        } finally {
            broker.get(60, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void a_broker_that_never_comes_fails_the_start_with_the_reason_and_no_password() throws Exception {
        String address = "tcp://127.0.0.1:" + RunningGateway.freePort();
        GatewaySettings s = settings(address + "?sslEnabled=true&trustStorePassword=s3cret-DEMO", "1000");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BrokerLink.open(
                TestEngine.REPO.resolve("config"), BrokerSettings.from(s), DeliverSettings.from(s),
                IntakeSettings.from(s), dir.resolve("data")).close());
        String message = e.getMessage();
        assertTrue(message.startsWith("the broker at " + address + "?sslEnabled=true&trustStorePassword=*** cannot be"
                + " reached within 1000 ms (gateway.broker.start.wait.ms): "), message);
        assertTrue(message.contains("ActiveMQ"), "the client's own reason: " + message);
        assertFalse(message.contains("s3cret"), message);
    }

    private boolean said(String words) {
        return log.list.stream().anyMatch(event -> event.getFormattedMessage().contains(words));
    }

    private GatewaySettings settings(String url, String waitMs) throws java.io.IOException {
        Map<String, String> o = new HashMap<>();
        o.put("gateway.secrets.file", "");
        o.put("gateway.broker.embedded", "false");
        o.put("gateway.broker.acceptor", "");
        o.put("gateway.broker.url", url);
        o.put("gateway.broker.check.ms", "200");
        o.put("gateway.broker.start.wait.ms", waitMs);
        return GatewaySettings.load(TestEngine.REPO.resolve("config"), dir.resolve("data"), o);
    }

    private GatewaySettings brokerSettings(String address) throws java.io.IOException {
        return GatewaySettings.load(TestEngine.REPO.resolve("config"), dir.resolve("broker-data"),
                Map.of("gateway.secrets.file", "", "gateway.broker.acceptor", address));
    }
}
