package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respond;
import static hk.tsw.gateway.api.JsonAnswers.respondCompact;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /api/queues}: the messages in each of the gateway's broker queues ({@code tsw.received},
 * {@code tsw.deliver.<AGENCY>}, {@code tsw.dead}, ...), for operators and for the reliability suite's "nothing left
 * but the dead letters" check. With an external broker the gateway asks it through its management address; while the
 * broker cannot be reached the answer is 503.
 */
public final class QueueRoutes extends RouteBuilder {

    private final Supplier<Map<String, Long>> depths;

    /** @param depths the broker's queue depths (throws when the broker cannot be asked) */
    public QueueRoutes(Supplier<Map<String, Long>> depths) {
        this.depths = depths;
    }

    @Override
    public void configure() {
        rest("/api/queues").get().to("direct:api-queues");
        from("direct:api-queues").routeId("api-queues").process(this::queues);
    }

    private void queues(Exchange e) throws Exception {
        Map<String, Long> now;
        try {
            now = depths.get();
        } catch (RuntimeException broker) {
            respondCompact(e, 503, Map.of("error", String.valueOf(broker.getMessage())));
            return;
        }
        respond(e, 200, Map.of("queues", now));
    }
}
