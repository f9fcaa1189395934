package hk.tsw.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final ObjectMapper json = new ObjectMapper();

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
            e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
            e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            e.getIn().setBody(json.writeValueAsString(Map.of("error", "percent=" + percent + ": "
                    + (ex instanceof NumberFormatException ? "not a number" : ex.getMessage()))));
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
        e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getIn().setBody(json.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }
}
