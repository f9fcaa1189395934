package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respond;
import static hk.tsw.gateway.api.JsonAnswers.respondCompact;

import java.util.LinkedHashMap;
import java.util.Map;

import hk.tsw.gateway.intake.DiskGuard;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /api/intake}: whether intake is open or paused by the data disk's limit, with the figures.
 * {@code PUT /api/intake/disk-limit?percent=N}: an operator moves the disk limit at run time (the broker's
 * {@code max-disk-usage}; intake pauses its headroom below it) — e.g. raises it for an hour while space is freed.
 * The change is logged and lasts until the next start, which takes {@code gateway.disk.max.usage.percent} again.
 */
public final class IntakeRoutes extends RouteBuilder {

    private final DiskGuard disk;

    public IntakeRoutes(DiskGuard disk) {
        this.disk = disk;
    }

    @Override
    public void configure() {
        rest("/api/intake").get().to("direct:api-intake")
                .put("/disk-limit").to("direct:api-intake-disk-limit");
        from("direct:api-intake").routeId("api-intake").process(e -> answer(e, 200, disk.status()));
        from("direct:api-intake-disk-limit").routeId("api-intake-disk-limit").process(this::setLimit);
    }

    private void setLimit(Exchange e) throws Exception {
        String percent = e.getIn().getHeader("percent", String.class);
        try {
            answer(e, 200, disk.setLimit(Double.parseDouble(percent == null ? "" : percent)));
        } catch (IllegalArgumentException ex) {
            respondCompact(e, 400, Map.of("error", "percent=" + percent + ": "
                    + (ex instanceof NumberFormatException ? "not a number" : ex.getMessage())));
        }
    }

    private void answer(Exchange e, int status, DiskGuard.Status s) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intake", s.paused() ? "PAUSED" : "OPEN");
        body.put("disk", s.disk());
        body.put("usedPercent", Math.round(s.usedPercent() * 10) / 10.0);
        body.put("intakeLimitPercent", s.intakeLimitPercent());
        body.put("brokerLimitPercent", s.brokerLimitPercent());
        body.put("usableMiB", s.usableBytes() / (1024 * 1024));
        respond(e, status, body);
    }
}
