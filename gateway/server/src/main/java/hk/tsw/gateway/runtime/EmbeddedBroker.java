package hk.tsw.gateway.runtime;

import hk.tsw.gateway.settings.Queues;
import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import hk.tsw.gateway.settings.DeliverSettings;
import hk.tsw.gateway.settings.BrokerSettings;
import hk.tsw.gateway.settings.GatewaySettings;
import hk.tsw.gateway.settings.IntakeSettings;

/**
 * The embedded Artemis broker of the default installation: persistent NIO journal under the data folder, in-VM
 * acceptor for the gateway and an optional loopback TCP acceptor. Every address has a dead-letter address and a
 * back-off (Artemis would otherwise drop a message after 10 attempts, retrying in a hot loop); the gateway itself
 * decides when a delivery is dead, this is the backstop.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();

    /**
     * As {@link #start(Path, String, Path, BrokerSecurity.Credentials, BrokerSettings, DeliverSettings, IntakeSettings)}
     * with every record read from {@code s} and the settings' node credentials (the CLI's {@code broker} command, the
     * bench, tests); the gateway passes the records it read once.
     */
    public static EmbeddedBroker start(Path dir, String tcpAcceptor, GatewaySettings s) throws Exception {
        BrokerSettings broker = BrokerSettings.from(s);
        return start(dir, tcpAcceptor, s.configDir(), BrokerSecurity.node(broker), broker, DeliverSettings.from(s),
                IntakeSettings.from(s), () -> { });
    }

    /** As below, without a listener for the broker's activation. */
    public static EmbeddedBroker start(Path dir, String tcpAcceptor, Path configDir, BrokerSecurity.Credentials node,
            BrokerSettings broker, DeliverSettings deliver, IntakeSettings intake) throws Exception {
        return start(dir, tcpAcceptor, configDir, node, broker, deliver, intake, () -> { });
    }

    /**
     * Starts the broker with security on ({@link BrokerSecurity}): {@code node} is the gateway's own account; the agencies
     * of {@code config/agencies/} with a broker password may send their decisions. A broker of a primary/backup pair
     * ({@link BrokerPair}) returns from here while it may still be waiting as the backup; {@code live} runs each time
     * it becomes the live broker (at once for a broker on its own).
     */
    public static EmbeddedBroker start(Path dir, String tcpAcceptor, Path configDir, BrokerSecurity.Credentials node,
            BrokerSettings broker, DeliverSettings deliver, IntakeSettings intake, Runnable live) throws Exception {
        Configuration c = new ConfigurationImpl();
        c.setName("tsw-embedded");
        c.setPersistenceEnabled(true);
        BrokerSecurity security = BrokerSecurity.configure(c, node, hk.tsw.gateway.deliver.AgencyRegistry
                .load(configDir.resolve("agencies")).all().stream().map(a -> a.code()).toList(), broker.agencyPasswords());
        c.setJournalDirectory(dir.resolve("journal").toString());
        c.setBindingsDirectory(dir.resolve("bindings").toString());
        c.setPagingDirectory(dir.resolve("paging").toString());
        c.setLargeMessagesDirectory(dir.resolve("large").toString());
        c.setJournalType(org.apache.activemq.artemis.core.server.JournalType.NIO);
        c.setJournalDatasync(true);
        c.setJournalBufferTimeout_NIO(100_000); // 100 us: group commit without a 3 ms wait per send
        // above this the broker blocks its producers; the gateway's DiskGuard pauses intake a little before it
        c.setMaxDiskUsage((int) Math.round(intake.diskMaxUsagePercent()));
        c.setDiskScanPeriod((int) intake.diskCheckMs());
        c.addAcceptorConfiguration("in-vm", "vm://0");
        if (tcpAcceptor != null && !tcpAcceptor.isBlank()) {
            BrokerPair.addAcceptor(c, tcpAcceptor, broker);
        }
        BrokerPair.configure(c, broker, node);
        AddressSettings all = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Queues.DEAD))
                .setExpiryAddress(SimpleString.of(Queues.EXPIRED))
                .setAutoCreateDeadLetterResources(false)
                .setRedeliveryDelay(deliver.redeliveryDelayMs())
                .setRedeliveryMultiplier(deliver.redeliveryMultiplier())
                .setMaxRedeliveryDelay(deliver.redeliveryMaxDelayMs())
                .setMaxDeliveryAttempts(deliver.maxAttempts() + 5);
        c.addAddressSetting("#", all);
        c.addAddressSetting(DELIVER_MATCH, deliverQueues(deliver));
        // the dead-letter and expiry addresses need queues, or the broker drops what it moves there
        for (String q : new String[]{Queues.DEAD, Queues.EXPIRED}) {
            c.addQueueConfiguration(org.apache.activemq.artemis.api.core.QueueConfiguration.of(q)
                    .setAddress(q).setRoutingType(org.apache.activemq.artemis.api.core.RoutingType.ANYCAST).setDurable(true));
        }
        c.addAddressSetting(Queues.DEAD, new AddressSettings().setMaxDeliveryAttempts(-1));
        EmbeddedBroker b = new EmbeddedBroker();
        b.server.setConfiguration(c);
        b.server.setSecurityManager(security);
        b.server.createActiveMQServer();
        b.server.getActiveMQServer().registerActivateCallback(new org.apache.activemq.artemis.core.server.ActivateCallback() {
            @Override
            public void activationComplete() {
                live.run();
            }
        });
        b.server.start();
        return b;
    }

    /** The agencies' queues ({@code tsw.deliver.<CODE>}), as an address-settings match. */
    static final String DELIVER_MATCH = Queues.PREFIX + "deliver.#";

    /**
     * The agencies' queues are exclusive: in the whole cluster one consumer at a time receives an agency's deliveries,
     * in receipt order (the others wait as standbys and take over when it goes). A batch given back (a rollback, a
     * consumer's node gone) goes back to the head of the queue at once, in its order: a redelivery delay would let the
     * next consumer send later deliveries first. Consumers take no messages ahead (a consumer window of 0): a killed
     * node's broker connection would otherwise give back what it had prefetched before its uncommitted batch, and the
     * next consumer would send those first (ExclusiveDeliveryQueueTest shows both). The gateway's own retries (recorded, sent again with a delivery
     * delay) are not affected, and the consumer waits {@code gateway.broker.recovery.ms} after a rollback, so this
     * is no hot loop. Everything else as for every address.
     */
    static AddressSettings deliverQueues(DeliverSettings deliver) {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Queues.DEAD))
                .setExpiryAddress(SimpleString.of(Queues.EXPIRED))
                .setAutoCreateDeadLetterResources(false)
                .setRedeliveryDelay(0)
                .setMaxDeliveryAttempts(deliver.maxAttempts() + 5)
                .setDefaultExclusiveQueue(true)
                .setDefaultConsumerWindowSize(0);
    }

    /**
     * Messages in each of the gateway's queues ({@code tsw.*}): waiting plus being delivered. What an operator checks
     * after an incident: only the dead-letter queue may hold anything for long.
     */
    public java.util.Map<String, Long> queueDepths() {
        java.util.Map<String, Long> depths = new java.util.TreeMap<>();
        try {
            for (var binding : server.getActiveMQServer().getPostOffice().getMatchingBindings(SimpleString.of(Queues.PREFIX + "#"))) {
                if (binding instanceof org.apache.activemq.artemis.core.postoffice.QueueBinding qb) {
                    depths.put(qb.getQueue().getName().toString(), qb.getQueue().getMessageCount());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the broker's queues: " + e.getMessage(), e);
        }
        return depths;
    }

    /** Moves the broker's disk limit at run time (an operator's decision during a disk incident). */
    public void maxDiskUsage(double percent) {
        var server = (org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl) this.server.getActiveMQServer();
        server.getConfiguration().setMaxDiskUsage((int) Math.round(percent));
        if (server.getMonitor() != null) {
            server.getMonitor().setMaxUsage(percent / 100.0);
            server.getMonitor().tick();
        }
    }

    /**
     * Fails the connections of the client {@code clientId} as the broker sees a client process killed (their sessions
     * roll back, their consumers go): what ExclusiveDeliveryQueueTest does to a node.
     */
    void failConnections(String clientId) {
        for (var c : server.getActiveMQServer().getRemotingService().getConnections()) {
            if (clientId.equals(c.getClientID())) {
                c.fail(new org.apache.activemq.artemis.api.core.ActiveMQException("test: client gone"));
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
