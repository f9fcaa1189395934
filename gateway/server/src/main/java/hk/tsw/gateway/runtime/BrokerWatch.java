package hk.tsw.gateway.runtime;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the broker is reachable, as every connection of the gateway sees it: the monitor connection and each
 * working connection (the one Camel's producers and consumers share) report their failures here. The broker counts
 * as up only while the monitor is connected and no watched connection has a failure it has not recovered from, so
 * intake closes as soon as ANY connection notices the loss, whichever notices first (an idle connection sees the
 * socket close at once; a connection with a blocking call in flight may only notice when that call times out).
 *
 * <p>Artemis hands failover events and connection exceptions to the listeners on threads of their own, so an event of
 * a connection can arrive AFTER the gateway dropped that connection because of the same failure (the monitor's
 * exception listener, or the session cache's, closed it first). Such a late event says nothing about the broker any
 * more and is ignored: recorded, its FAILURE_DETECTED would be waiting for a recovery that a closed connection never
 * reports, and intake (the SFTP poller with it) would stay closed for good.
 */
final class BrokerWatch {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);

    /** Watched connections that reported a failure and have not reconnected yet, with the event that said so. */
    private final Map<Object, String> failing = new HashMap<>();
    /** Connections dropped on purpose: their late events are ignored (weak: a closed connection is not kept alive). */
    private final Set<Object> dropped = Collections.newSetFromMap(new WeakHashMap<>());
    private volatile boolean monitorConnected;

    synchronized boolean up() {
        return monitorConnected && failing.isEmpty();
    }

    /** Why the broker counts as down, for health and logs; empty while it is up. */
    synchronized String why() {
        if (!monitorConnected) {
            return "the monitor connection cannot reach the broker";
        }
        return failing.isEmpty() ? "" : "connection failure reported: " + String.join(", ", failing.values());
    }

    synchronized void monitorConnected(boolean connected) {
        boolean wasUp = up();
        monitorConnected = connected;
        logChange(wasUp, connected ? "monitor connected" : "monitor connection lost");
    }

    /** Listens to the connection's failover events (Artemis calls them on the connection's own thread). */
    void watch(ActiveMQConnection c, String name) {
        watch(c, name, () -> { });
    }

    /** As {@link #watch(ActiveMQConnection, String)}; {@code completed} runs after each completed failover of {@code c}. */
    void watch(ActiveMQConnection c, String name, Runnable completed) {
        try {
            c.setFailoverListener(event -> {
                event(c, name, event);
                if (event == FailoverEventType.FAILOVER_COMPLETED) {
                    completed.run();
                }
            });
        } catch (jakarta.jms.JMSException e) {
            LOG.debug("cannot watch the {} connection: {}", name, e.toString());
        }
    }

    /**
     * The connection is closed on purpose (or replaced): its past failure, and any event of it still on its way, say
     * nothing about the broker any more.
     */
    synchronized void forget(Object c) {
        boolean wasUp = up();
        dropped.add(c);
        if (failing.remove(c) != null) {
            logChange(wasUp, "a failed connection was dropped");
        }
    }

    /** A failover event of connection {@code c} (the connection itself, told apart by identity). */
    synchronized void event(Object c, String name, FailoverEventType event) {
        if (dropped.contains(c)) {
            LOG.info("The {} connection reported {} after it was dropped: ignored (it says nothing about the broker now)",
                    name, event);
            return;
        }
        boolean wasUp = up();
        if (event == FailoverEventType.FAILURE_DETECTED) {
            failing.put(c, name + " " + event);
        } else {
            // FAILOVER_COMPLETED: reconnected; FAILOVER_FAILED: the connection is dead and will be replaced
            failing.remove(c);
        }
        logChange(wasUp, name + " connection " + event);
    }

    private void logChange(boolean wasUp, String what) {
        boolean nowUp = up();
        if (wasUp && !nowUp) {
            LOG.warn("Broker unreachable ({}): intake refuses partners until it is back", what);
        } else if (!wasUp && nowUp) {
            LOG.info("Broker reachable ({}): intake open", what);
        }
    }
}
