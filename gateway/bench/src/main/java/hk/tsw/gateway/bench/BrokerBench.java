package hk.tsw.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import hk.tsw.gateway.runtime.EmbeddedBroker;
import hk.tsw.gateway.settings.BrokerSettings;
import hk.tsw.gateway.settings.DeliverSettings;
import hk.tsw.gateway.settings.GatewaySettings;
import hk.tsw.gateway.settings.IntakeSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Artemis' limit with the gateway's own broker settings (the embedded broker of {@code runtime/EmbeddedBroker}: NIO
 * journal, datasync on, 100 us buffer timeout) and its client URL: persistent 1 KB messages sent and received
 * concurrently, (a) one message per commit on both sides, as the gateway's transacted routes work today, and (b)
 * commits of 100 messages on both sides, what batching would give.
 */
final class BrokerBench {

    private BrokerBench() {
    }

    static void run(BenchOptions options, BenchReport report) throws Exception {
        Path dir = options.work().resolve("broker-" + System.currentTimeMillis());
        Files.createDirectories(dir);
        GatewaySettings settings = GatewaySettings.load(options.config(), dir,
                Map.of("gateway.secrets.file", "", "gateway.broker.acceptor", ""));
        BrokerSettings brokerSettings = BrokerSettings.from(settings);
        String url = brokerSettings.url();
        hk.tsw.gateway.runtime.BrokerSecurity.Credentials node =
                hk.tsw.gateway.runtime.BrokerSecurity.node(brokerSettings);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), "", settings.configDir(), node,
                brokerSettings, DeliverSettings.from(settings), IntakeSettings.from(settings));
             ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, node.user(), node.password())) {
            int single = options.quick() ? 2_000 : 10_000;
            int batched = options.quick() ? 20_000 : 50_000;
            measure(factory, "bench.single", 500, 1);
            double perMessage = measure(factory, "bench.single", single, 1);
            report.add("broker", "persistent.commitEach.messagesPerSecond", BenchReport.round(perMessage),
                    "msg/s send+receive, 1 KB, url " + url);
            double perBatch = measure(factory, "bench.batch", batched, 100);
            report.add("broker", "persistent.commit100.messagesPerSecond", BenchReport.round(perBatch),
                    "msg/s send+receive, 1 KB, 100 per commit");
            // the same one-per-commit flow with the client's default consumer window (prefetch) instead of 0
            String windowed = url.replaceAll("[?&]consumerWindowSize=0", "");
            try (ActiveMQConnectionFactory prefetching = new ActiveMQConnectionFactory(windowed, node.user(), node.password())) {
                double w = measure(prefetching, "bench.window", single, 1);
                report.add("broker", "persistent.commitEach.defaultWindow.messagesPerSecond", BenchReport.round(w),
                        "msg/s send+receive, 1 KB, url " + windowed);
            }
        }
    }

    /** Sends {@code count} messages on one session while another receives them; returns messages per second. */
    private static double measure(ActiveMQConnectionFactory factory, String queueName, int count, int batch)
            throws Exception {
        byte[] body = new byte[1024];
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session consumerSession = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = consumerSession.createQueue(queueName);
            MessageConsumer consumer = consumerSession.createConsumer(queue);
            long t0 = System.nanoTime();
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                try {
                    int n = 0;
                    while (n < count) {
                        if (consumer.receive(10_000) == null) {
                            throw new IllegalStateException("the broker stopped delivering after " + n + " messages");
                        }
                        if (++n % batch == 0 || n == count) {
                            consumerSession.commit();
                        }
                    }
                    return n;
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Session producerSession = connection.createSession(batch > 1, batch > 1 ? Session.SESSION_TRANSACTED
                    : Session.AUTO_ACKNOWLEDGE)) {
                MessageProducer producer = producerSession.createProducer(queue);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 1; i <= count; i++) {
                    BytesMessage m = producerSession.createBytesMessage();
                    m.writeBytes(body);
                    producer.send(m);
                    if (batch > 1 && (i % batch == 0 || i == count)) {
                        producerSession.commit();
                    }
                }
            }
            received.get();
            return count / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
