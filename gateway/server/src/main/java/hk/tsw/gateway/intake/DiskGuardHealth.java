package hk.tsw.gateway.intake;

import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The disk guard in {@code /observe/health} (check {@code tsw/intake}: DOWN while intake is paused, with the figures)
 * and in the metrics ({@code tsw_data_disk_used_percent}, {@code tsw_intake_paused}).
 */
public final class DiskGuardHealth extends AbstractHealthCheck {

    private final DiskGuard disk;

    public DiskGuardHealth(DiskGuard disk) {
        super("tsw", "intake");
        this.disk = disk;
    }

    public void register(CamelContext camel) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        if (registry != null) {
            setCamelContext(camel);
            registry.register(this);
        }
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            Gauge.builder("tsw.data.disk.used.percent", disk, d -> d.status().usedPercent())
                    .description("how full the data folder's disk is").register(meters);
            Gauge.builder("tsw.intake.paused", disk, d -> d.status().paused() ? 1 : 0)
                    .description("1 while intake is paused by the disk limit").register(meters);
        }
    }

    /** Paused intake means "send elsewhere" (readiness), never "restart me" (liveness). */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        DiskGuard.Status s = disk.status();
        builder.detail("usedPercent", Math.round(s.usedPercent() * 10) / 10.0);
        builder.detail("intakeLimitPercent", s.intakeLimitPercent());
        builder.detail("brokerLimitPercent", s.brokerLimitPercent());
        if (disk.stopping()) {
            builder.message("intake closed: the node is stopping").down();
        } else if (s.paused()) {
            builder.message("intake paused: the data disk is above its limit").down();
        } else {
            builder.up();
        }
    }
}
