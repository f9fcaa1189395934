package hk.tsw.gateway.runtime;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * The broker link in {@code /observe/health} (check {@code tsw/broker}): DOWN while the broker is unreachable, i.e.
 * exactly while every channel refuses partners, with the reason. Readiness only: the gateway itself is fine and
 * reconnects by itself, a restart would not help.
 */
public final class BrokerHealth extends ReadinessCheck {

    private final BrokerLink broker;

    public BrokerHealth(BrokerLink broker) {
        super("broker");
        this.broker = broker;
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
