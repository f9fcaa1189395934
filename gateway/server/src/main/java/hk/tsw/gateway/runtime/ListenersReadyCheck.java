package hk.tsw.gateway.runtime;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of the whole gateway ({@code tsw/listeners}): DOWN from the moment Camel runs until the SFTP, AS2 and
 * SOAP listeners have started and left-over work was re-queued, so {@code /observe/health} is not UP (and a load
 * balancer sends no partner here) before every door is open.
 */
final class ListenersReadyCheck extends ReadinessCheck {

    private volatile boolean ready;

    ListenersReadyCheck() {
        super("listeners");
    }

    void ready() {
        ready = true;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (ready) {
            builder.up();
        } else {
            builder.message("starting: SFTP, AS2 and SOAP listeners are not all open yet").down();
        }
    }
}
