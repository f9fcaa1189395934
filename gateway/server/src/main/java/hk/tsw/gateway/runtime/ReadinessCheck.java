package hk.tsw.gateway.runtime;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A {@code tsw/*} check that says whether this node should take traffic, never whether it should be restarted
 * (readiness only: what it watches recovers by itself), registered with the Camel context's health registry.
 */
abstract class ReadinessCheck extends AbstractHealthCheck {

    ReadinessCheck(String id) {
        super("tsw", id);
    }

    public void register(CamelContext camel) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        if (registry != null) {
            setCamelContext(camel);
            registry.register(this);
        }
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }
}
