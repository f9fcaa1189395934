package hk.tsw.gateway.runtime;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import hk.tsw.gateway.api.CertificateInventory;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.intake.DiskGuard;
import hk.tsw.gateway.intake.DiskGuardHealth;
import hk.tsw.gateway.store.DashboardQueries;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.TrafficTotals;
import org.apache.camel.CamelContext;

/**
 * What an operator and a load balancer watch of a running node, registered once Camel has started: the {@code tsw_*}
 * metrics (traffic, singletons held, retention, certificate expiry) and the readiness checks (listeners open, disk,
 * broker, database, mapping compilation; {@code /observe/health/ready}, docs/OPERATIONS.md).
 */
final class Observability {

    /** What is watched. */
    record Parts(MessageStore store, AgencyRegistry agencies, ClusterNode node, RetentionJob retention,
                 CertificateInventory certificates, DiskGuard disk, BrokerLink broker, DataSource db,
                 long databaseHealthTimeoutMs, MappingsCompile mappings) {
    }

    private Observability() {
    }

    /**
     * Registers the metrics and health checks on {@code camel}; what must be closed at stop is added to
     * {@code resources}. Returns the listeners' check, to be told when every channel is open.
     */
    static ListenersReadyCheck register(CamelContext camel, List<AutoCloseable> resources, Parts p) throws Exception {
        TrafficMetrics traffic = new TrafficMetrics(new TrafficTotals(p.store()), new DashboardQueries(p.store()),
                p.agencies(), Clock.systemUTC());
        resources.add(traffic);
        traffic.start(camel);
        p.node().registerGauges(camel);
        p.retention().registerMeters(camel);
        p.certificates().registerGauges(camel);
        // not ready until every listener is open (registered at once: the HTTP server is already answering)
        ListenersReadyCheck listeners = new ListenersReadyCheck();
        listeners.register(camel);
        new DiskGuardHealth(p.disk()).register(camel);
        new BrokerHealth(p.broker()).register(camel);
        DatabaseHealth database = new DatabaseHealth(p.db(), p.databaseHealthTimeoutMs());
        resources.add(database);
        database.register(camel);
        p.mappings().register(camel);
        return listeners;
    }
}
