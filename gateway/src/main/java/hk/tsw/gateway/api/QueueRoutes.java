package hk.tsw.gateway.api;

import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /api/queues}: the messages in each of the gateway's broker queues ({@code tsw.received},
 * {@code tsw.deliver.<AGENCY>}, {@code tsw.dead}, ...), for operators and for the reliability suite's "nothing left
 * but the dead letters" check. With an external broker the answer is 501: ask that broker's console.
 */
public final class QueueRoutes extends RouteBuilder {

    private final Supplier<Map<String, Long>> depths;
    private final ObjectMapper json = new ObjectMapper();

    /** @param depths the embedded broker's queue depths, or null with an external broker */
    public QueueRoutes(Supplier<Map<String, Long>> depths) {
        this.depths = depths;
    }

    @Override
    public void configure() {
        rest("/api/queues").get().to("direct:api-queues");
        from("direct:api-queues").routeId("api-queues").process(this::queues);
    }

    private void queues(Exchange e) throws Exception {
        e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (depths == null) {
            e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 501);
            e.getIn().setBody(json.writeValueAsString(Map.of("error", "external broker: see its own console")));
            return;
        }
        e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        e.getIn().setBody(json.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("queues", depths.get())));
    }
}
