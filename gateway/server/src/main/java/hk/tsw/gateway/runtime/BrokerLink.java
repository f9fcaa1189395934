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
import hk.tsw.gateway.settings.BrokerSettings;
import hk.tsw.gateway.settings.DeliverSettings;
import hk.tsw.gateway.settings.IntakeSettings;

/**
 * The gateway's side of the broker: the embedded broker when {@code gateway.broker.embedded}, the connection factory
 * Camel's JMS component uses ({@code gateway.broker.url}, cached), and whether the broker is reachable right now.
 *
 * <p>Reachability ({@link BrokerWatch}) comes from every connection: Artemis tells each when it fails and when it has
 * reconnected ({@code reconnectAttempts=-1} in the URL), and intake closes as soon as any of them reports a failure, so
 * the channels refuse partners at once during an outage instead of blocking. A connection with a blocking call in
 * flight (a send, a commit) only learns of a dead broker when the call times out ({@code callTimeout}); an idle one
 * sees the socket close at once. So one idle monitor connection is kept, with client threads of its own (the working
 * connections' failover, and every consumer's credit or send stuck behind it, occupy Artemis' shared client pool, in
 * which the monitor's failure handling would otherwise wait its turn) and, for a broker over TCP, its own pings
 * ({@code gateway.broker.monitor.ping.ms}, {@code gateway.broker.monitor.ttl.ms}): a broker that stops answering is
 * noticed within the TTL even when no socket close arrives. Without automatic reconnection in the URL, the monitor
 * connection is opened again every {@code gateway.broker.check.ms}. Camel's JMS consumers recover by themselves every
 * {@code gateway.broker.recovery.ms}.
 */
public final class BrokerLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);

    private final EmbeddedBroker embedded;
    private final ActiveMQConnectionFactory factory;
    private final ActiveMQConnectionFactory monitorFactory;
    private final CachingConnectionFactory cached;
    private final BrokerWatch watch = new BrokerWatch();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tsw-broker-check");
        t.setDaemon(true);
        return t;
    });
    private volatile ActiveMQConnection monitor;
    /** Why the last attempt to open the monitor connection failed ("" before any failure). */
    private volatile String lastFailure = "";

    private BrokerLink(EmbeddedBroker embedded, ActiveMQConnectionFactory factory,
                       ActiveMQConnectionFactory monitorFactory) {
        this.embedded = embedded;
        this.factory = factory;
        this.monitorFactory = monitorFactory;
        this.cached = new CachingConnectionFactory((ConnectionFactory) factory) {
            @Override
            protected void prepareConnection(jakarta.jms.Connection con) throws JMSException {
                super.prepareConnection(con);
                if (con instanceof ActiveMQConnection c) {
                    watch.watch(c, "working", BrokerLink.this::afterFailover);
                }
            }

            @Override
            protected void closeConnection(jakarta.jms.Connection con) {
                if (con instanceof ActiveMQConnection c) {
                    watch.forget(c);
                }
                super.closeConnection(con);
            }

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

    /**
     * After the working connection failed over (to a pair's other broker, or back to a restarted one), its cached
     * sessions are closed and opened afresh. Artemis re-creates every session and consumer on the new broker and, for
     * consumers with {@code consumerWindowSize=0}, asks it for a message at once (ARTEMIS-1315); a consumer that was
     * sitting idle in Spring's session cache then holds that message in its buffer, unread and unacknowledged, for as
     * long as the connection lives (seen in {@code BrokerPairFailoverIT}: one received id stuck "in delivery" after a
     * failback). Closing the connection on purpose, now that it works, makes the broker close those consumers and put
     * their messages back; transactions open at that moment roll back and are redelivered (every stage is idempotent),
     * and Camel's consumers recover on a new connection within {@code gateway.broker.recovery.ms}.
     */
    private void afterFailover() {
        checks.execute(() -> {
            LOG.info("Broker connection failed over: its cached sessions are closed and opened afresh");
            cached.resetConnection();
        });
    }

    /**
     * Starts the embedded broker if configured, connects, and fails if the broker cannot be reached now. The link runs
     * on {@code b}; an embedded broker also on {@code deliver} (redelivery) and {@code intake} (disk limit), with the
     * agencies of {@code configDir}.
     */
    public static BrokerLink open(Path configDir, BrokerSettings b, DeliverSettings deliver, IntakeSettings intake,
            Path data) throws Exception {
        BrokerSecurity.Credentials node = BrokerSecurity.node(b);
        if (b.embedded() && BrokerPair.paired(b)) {
            throw new IllegalStateException("gateway.broker.ha.role is " + b.haRole() + " but the broker is embedded:"
                    + " a primary/backup pair is run by tsw-gateway.jar broker, and the nodes use gateway.broker.embedded=false");
        }
        EmbeddedBroker broker = b.embedded()
                ? EmbeddedBroker.start(data.resolve("artemis"), b.acceptor(), configDir, node, b, deliver, intake)
                : null;
        String url = b.url();
        ActiveMQConnectionFactory monitor = monitorFactory(url, b);
        monitor.setUser(node.user());
        monitor.setPassword(node.password());
        BrokerLink link = new BrokerLink(broker, new ActiveMQConnectionFactory(url, node.user(), node.password()), monitor);
        try {
            link.awaitReachable(b, BrokerTexts.shown(url));
            long check = b.checkMs();
            link.checks.scheduleWithFixedDelay(link::connectMonitor, check, check, TimeUnit.MILLISECONDS);
            return link;
        } catch (Exception | Error e) {
            link.close();
            throw e;
        }
    }

    /**
     * The monitor's own factory: its own client threads, and (over TCP) pings every {@code gateway.broker.monitor.ping.ms}
     * with a failure when nothing arrived for {@code gateway.broker.monitor.ttl.ms}. In-VM connections cannot silently
     * die and keep Artemis' defaults.
     */
    private static ActiveMQConnectionFactory monitorFactory(String url, BrokerSettings b) {
        ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(url);
        f.setUseGlobalPools(false);
        f.setThreadPoolMaxSize(4);
        f.setScheduledThreadPoolMaxSize(2);
        if (!url.startsWith("vm:")) {
            f.setClientFailureCheckPeriod(b.monitorPingMs());
            f.setConnectionTTL(b.monitorTtlMs());
        }
        return f;
    }

    /** Camel's transacted JMS component over the cached factory; its consumers retry a lost connection. */
    public JmsComponent jmsComponent(BrokerSettings b) {
        JmsComponent jms = JmsComponent.jmsComponentTransacted(cached);
        jms.getConfiguration().setRecoveryInterval(b.recoveryMs());
        return jms;
    }

    /** The cached factory Camel's JMS component uses (one shared, watched connection; cached sessions), also for
     * sends in transactions of the caller's own. */
    public ConnectionFactory cachedConnectionFactory() {
        return cached;
    }

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

    /** Whether the broker is reachable: the monitor is connected and no connection reports a failure. */
    public boolean up() {
        return watch.up();
    }

    /** Why the broker counts as unreachable (empty while it is reachable), for health and logs. */
    public String why() {
        return watch.why();
    }

    /** Messages in each of the gateway's queues ({@code tsw.*}), from the embedded broker or by management query. */
    public Map<String, Long> queueDepths() {
        return embedded != null ? embedded.queueDepths() : BrokerQueueDepths.query(factory);
    }

    /**
     * A starting node's first connection: tried every {@code checkMs} for {@code startWaitMs} (the pair may be failing
     * over, or the broker start after the node), saying once why it waits; then the start fails with the last reason.
     */
    private void awaitReachable(BrokerSettings b, String url) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(b.startWaitMs());
        connectMonitor();
        boolean said = false;
        while (!up()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("the broker at " + url + " cannot be reached within "
                        + b.startWaitMs() + " ms (gateway.broker.start.wait.ms): " + lastFailure);
            }
            if (!said) {
                LOG.warn("The broker at {} cannot be reached yet ({}): trying again every {} ms for up to {} ms", url,
                        lastFailure, b.checkMs(), b.startWaitMs());
                said = true;
            }
            Thread.sleep(b.checkMs());
            connectMonitor();
        }
        if (said) {
            LOG.info("The broker at {} is reachable", url);
        }
    }

    private synchronized void connectMonitor() {
        if (monitor != null) {
            return;
        }
        try {
            ActiveMQConnection c = (ActiveMQConnection) monitorFactory.createConnection();
            c.setFailoverListener(event -> failover(c, event));
            c.setExceptionListener(e -> lost(c, e));
            monitor = c;
            watch.monitorConnected(true);
        } catch (JMSException | RuntimeException e) {
            watch.monitorConnected(false);
            lastFailure = BrokerTexts.withCauses(e);
            LOG.debug("broker still unreachable: {}", e.toString());
        }
    }

    private void failover(ActiveMQConnection c, FailoverEventType event) {
        watch.event(c, "monitor", event);
        if (event == FailoverEventType.FAILOVER_FAILED) {
            dropMonitor(c);
        }
    }

    private void lost(ActiveMQConnection c, JMSException e) {
        if (reconnected(e)) {
            return;
        }
        LOG.warn("Broker monitor connection failed ({}, {})", e.getErrorCode(), e.toString());
        dropMonitor(c);
    }

    private static boolean reconnected(JMSException e) {
        return ActiveMQConnection.EXCEPTION_FAILOVER.equals(e.getErrorCode());
    }

    /** Drops monitor {@code failed}; a late report about a monitor already replaced leaves its successor alone. */
    private synchronized void dropMonitor(ActiveMQConnection failed) {
        ActiveMQConnection c = monitor;
        if (c != failed) {
            watch.forget(failed);
            return;
        }
        monitor = null;
        watch.monitorConnected(false);
        if (c != null) {
            watch.forget(c);
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
        monitorFactory.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
