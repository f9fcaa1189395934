package hk.tsw.gateway.runtime;

import java.sql.DriverManager;
import java.util.function.BooleanSupplier;

import hk.tsw.gateway.settings.ClusterSettings;
import hk.tsw.gateway.settings.StoreSettings;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.Singleton;
import hk.tsw.gateway.store.SingletonElector;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as one of several (docs/CLUSTER.md): its name in every log line, and the {@link SingletonElector} that
 * decides, by the store database's own lock, which node runs each singleton. The stages ask {@link #want} before
 * each step; the gauge {@code tsw_singleton_held{singleton,node}} shows 1 for what this node holds.
 */
final class ClusterNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final String name;
    private final SingletonElector elector;

    private ClusterNode(String name, SingletonElector elector) {
        this.name = name;
        this.elector = elector;
    }

    /** Names the node in the logs; the locks are held on a connection of their own, outside the store's pool. */
    static ClusterNode of(ClusterSettings cluster, StoreSettings db, MessageStore store) {
        RuntimeLogging.node(cluster.nodeName());
        LOG.info("This node is {}", cluster.nodeName());
        return new ClusterNode(cluster.nodeName(), new SingletonElector(store,
                () -> DriverManager.getConnection(db.url(), db.user(), db.password()), cluster.nodeName(),
                cluster.singletonRetryMs()));
    }

    BooleanSupplier want(Singleton s) {
        return elector.want(s);
    }

    SingletonElector elector() {
        return elector;
    }

    /** Takes what is free now (before the routes start), then keeps checking. */
    void elect() {
        elector.start();
    }

    void registerGauges(CamelContext camel) {
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters == null) {
            return;
        }
        for (Singleton s : elector.wanted()) {
            Gauge.builder("tsw.singleton.held", elector, e -> e.holds(s) ? 1 : 0).tag("singleton", s.name())
                    .tag("node", name).description("1 while this node holds the singleton (runs its work)")
                    .register(meters);
        }
    }

    @Override
    public void close() {
        elector.close();
    }
}
