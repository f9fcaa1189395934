package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.junit.jupiter.api.Test;

/**
 * Whether intake is open, as the watch of the broker connections says. Artemis hands a connection's failover events
 * and its exceptions to the listeners on threads of their own, so an event can reach the watch after the gateway
 * dropped that connection for the same failure: the race that left intake closed for good in a CI run of
 * BrokerPairFailoverIT and ClusterIT (the SFTP poller's node refused every upload, and took no file, after a failover).
 */
class BrokerWatchTest {

    @Test
    void a_failure_closes_intake_until_the_connection_recovers() {
        BrokerWatch watch = connected();
        Object working = new Object();
        watch.event(working, "working", FailoverEventType.FAILURE_DETECTED);
        assertFalse(watch.up());
        assertEquals("connection failure reported: working FAILURE_DETECTED", watch.why());
        watch.event(working, "working", FailoverEventType.FAILOVER_COMPLETED);
        assertTrue(watch.up());
        assertEquals("", watch.why());
    }

    @Test
    void a_failed_connection_dropped_on_purpose_no_longer_holds_intake_closed() {
        BrokerWatch watch = connected();
        Object monitor = new Object();
        watch.event(monitor, "monitor", FailoverEventType.FAILURE_DETECTED);
        assertFalse(watch.up());
        watch.forget(monitor);
        assertTrue(watch.up());
    }

    @Test
    void a_failure_event_that_arrives_after_its_connection_was_dropped_is_ignored() {
        BrokerWatch watch = connected();
        Object monitor = new Object();
        watch.forget(monitor); // the exception listener's thread dropped it first
        watch.event(monitor, "monitor", FailoverEventType.FAILURE_DETECTED); // the failover listener's, late
        assertTrue(watch.up(), "intake stays open: " + watch.why());
        Object replacement = new Object();
        watch.event(replacement, "monitor", FailoverEventType.FAILURE_DETECTED);
        assertFalse(watch.up(), "the new connection's failure still counts");
    }

    @Test
    void intake_is_closed_while_the_monitor_is_not_connected() {
        BrokerWatch watch = new BrokerWatch();
        assertFalse(watch.up());
        assertEquals("the monitor connection cannot reach the broker", watch.why());
        watch.monitorConnected(true);
        assertTrue(watch.up());
    }

    private static BrokerWatch connected() {
        BrokerWatch watch = new BrokerWatch();
        watch.monitorConnected(true);
        return watch;
    }
}
