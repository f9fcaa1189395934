package hk.tsw.gateway.runtime;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The broker link in {@code /observe/health} (check {@code tsw/broker}): DOWN while the broker is unreachable, i.e.
 * exactly while every channel refuses partners, with the reason. Readiness only: the gateway itself is fine and
 * reconnects by itself, a restart would not help.
 */
public final class BrokerHealth extends AbstractHealthCheck {

    private final BrokerLink broker;

    public BrokerHealth(BrokerLink broker) {
        super("tsw", "broker");
        this.broker = broker;
    }

    public void register(CamelContext camel) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        if (registry != null) {
            setCamelContext(camel);
            registry.register(this);
        }
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (broker.up()) {
            builder.up();
        } else {
            builder.message("the broker is unreachable: intake refuses partners (" + broker.why() + ")").down();
        }
    }
}
