package hk.tsw.gateway.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The gateway's side of the broker: the embedded broker when {@code gateway.broker.embedded}, the connection factory
 * Camel's JMS component uses ({@code gateway.broker.url}, cached), and whether the broker is reachable right now.
 *
 * <p>Reachability comes from one monitor connection of the same factory: Artemis tells it when the connection fails
 * and when it has reconnected ({@code reconnectAttempts=-1} in the URL), so the channels can refuse partners at once
 * during an outage instead of blocking ({@code callFailoverTimeout} bounds a call already under way). Without
 * automatic reconnection in the URL, the monitor connection is opened again every {@code gateway.broker.check.ms}.
 * Camel's JMS consumers recover by themselves every {@code gateway.broker.recovery.ms}.
 */
public final class BrokerLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);

    private final EmbeddedBroker embedded;
    private final ActiveMQConnectionFactory factory;
    private final CachingConnectionFactory cached;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tsw-broker-check");
        t.setDaemon(true);
        return t;
    });
    private volatile ActiveMQConnection monitor;
    private volatile boolean up;

    private BrokerLink(EmbeddedBroker embedded, ActiveMQConnectionFactory factory) {
        this.embedded = embedded;
        this.factory = factory;
        this.cached = new CachingConnectionFactory((ConnectionFactory) factory) {
            @Override
            public void onException(JMSException e) {
                // Artemis reports a completed reconnection as an exception too: the connection is good, and dropping
                // it would strand its re-created sessions (and any message delivered to them) on the broker until
                // their connection TTL runs out
                if (!reconnected(e)) {
                    super.onException(e);
                }
            }
        };
        cached.setSessionCacheSize(20);
    }

    /** Starts the embedded broker if configured, connects, and fails if the broker cannot be reached now. */
    public static BrokerLink open(GatewaySettings s, Path data) throws Exception {
        EmbeddedBroker broker = s.getBoolean("gateway.broker.embedded")
                ? EmbeddedBroker.start(data.resolve("artemis"), s.get("gateway.broker.acceptor", ""), s) : null;
        BrokerLink link = new BrokerLink(broker, new ActiveMQConnectionFactory(s.get("gateway.broker.url")));
        try {
            link.connectMonitor();
            if (!link.up) {
                throw new IllegalStateException("the broker at " + s.get("gateway.broker.url") + " cannot be reached");
            }
            long check = s.getInt("gateway.broker.check.ms");
            link.checks.scheduleWithFixedDelay(link::connectMonitor, check, check, TimeUnit.MILLISECONDS);
            return link;
        } catch (Exception | Error e) {
            link.close();
            throw e;
        }
    }

    /** Camel's transacted JMS component over the cached factory; its consumers retry a lost connection. */
    public JmsComponent jmsComponent(GatewaySettings s) {
        JmsComponent jms = JmsComponent.jmsComponentTransacted(cached);
        jms.getConfiguration().setRecoveryInterval(s.getInt("gateway.broker.recovery.ms"));
        return jms;
    }

    /** Whether the broker is reachable (as far as the monitor connection knows). */
    /** The broker's own connection factory (not cached), for one-off work such as taking a dead letter out. */
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    /** Moves the embedded broker's disk limit at run time; an external broker's is its own operators' business. */
    public void maxDiskUsage(double percent) {
        if (embedded != null) {
            embedded.maxDiskUsage(percent);
        } else {
            LOG.warn("The disk limit changed to {}% for this gateway's intake only: the external broker keeps its own", percent);
        }
    }

    public boolean up() {
        return up;
    }

    /** Messages in each of the gateway's queues ({@code tsw.*}), from the embedded broker or by management query. */
    public Map<String, Long> queueDepths() {
        return embedded != null ? embedded.queueDepths() : BrokerQueueDepths.query(factory);
    }

    private synchronized void connectMonitor() {
        if (monitor != null) {
            return;
        }
        try {
            ActiveMQConnection c = (ActiveMQConnection) factory.createConnection();
            c.setFailoverListener(this::failover);
            c.setExceptionListener(this::lost);
            monitor = c;
            if (!up) {
                LOG.info("Broker connection up");
            }
            up = true;
        } catch (JMSException | RuntimeException e) {
            up = false;
            LOG.debug("broker still unreachable: {}", e.toString());
        }
    }

    private void failover(FailoverEventType event) {
        up = event == FailoverEventType.FAILOVER_COMPLETED;
        if (up) {
            LOG.info("Broker connection up again: intake open");
        } else {
            LOG.warn("Broker connection lost ({}): intake refuses partners until it is back", event);
        }
        if (event == FailoverEventType.FAILOVER_FAILED) {
            dropMonitor();
        }
    }

    private void lost(JMSException e) {
        if (reconnected(e)) {
            return;
        }
        up = false;
        LOG.warn("Broker connection failed ({}, {}): intake refuses partners until it is back", e.getErrorCode(),
                e.toString());
        dropMonitor();
    }

    private static boolean reconnected(JMSException e) {
        return ActiveMQConnection.EXCEPTION_FAILOVER.equals(e.getErrorCode());
    }

    private synchronized void dropMonitor() {
        ActiveMQConnection c = monitor;
        monitor = null;
        if (c != null) {
            // closing may wait on the remoting thread that called us: not on it
            checks.execute(() -> {
                try {
                    c.close();
                } catch (JMSException | RuntimeException ignored) {
                    // already broken
                }
            });
        }
    }

    @Override
    public void close() throws Exception {
        checks.shutdownNow();
        ActiveMQConnection c = monitor;
        if (c != null) {
            try {
                c.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("monitor connection close: {}", e.toString());
            }
        }
        cached.destroy();
        factory.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
