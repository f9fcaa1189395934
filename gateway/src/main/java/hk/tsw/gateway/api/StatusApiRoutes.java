package hk.tsw.gateway.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.store.DeliveryStore;
import hk.tsw.gateway.store.MessageQueries;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;

/**
 * The status REST API on the gateway's HTTP port (described in {@code docs/openapi.yaml}):
 * {@code GET /api/messages}, {@code GET /api/messages/{id}} (timeline, documents, deliveries) and
 * {@code POST /api/messages/{id}/redeliver} (re-drives the dead deliveries of that interchange, once).
 */
public final class StatusApiRoutes extends RouteBuilder {

    private final MessageQueries queries;
    private final DeliveryStore deliveries;
    private final ObjectMapper json = new ObjectMapper();

    public StatusApiRoutes(MessageQueries queries, DeliveryStore deliveries) {
        this.queries = queries;
        this.deliveries = deliveries;
    }

    @Override
    public void configure() {
        restConfiguration().component("platform-http");
        rest("/api/messages")
                .get().to("direct:api-search")
                .get("/{id}").to("direct:api-detail")
                .post("/{id}/redeliver").to("direct:api-redeliver");

        from("direct:api-search").routeId("api-search").process(this::search);
        from("direct:api-detail").routeId("api-detail").process(this::detail);
        from("direct:api-redeliver").routeId("api-redeliver").process(this::redeliver)
                .split(header("tswRedrive"))
                    .setHeader("tswAgency", simple("${body.split(':')[0]}"))
                    .setBody(simple("${body.split(':')[1]}"))
                    // InOnly: an HTTP exchange is InOut, and camel-jms would otherwise wait for a reply and give the
                    // message a time-to-live, after which the broker drops the re-drive (seen in CI)
                    .setExchangePattern(ExchangePattern.InOnly)
                    .toD("jms:queue:tsw.deliver.${header.tswAgency}")
                .end()
                .setBody(exchangeProperty("tswResponse"));
    }

    private void search(Exchange e) throws Exception {
        MessageQueries.Query q = new MessageQueries.Query(param(e, "partner"), param(e, "documentType"),
                param(e, "state"), param(e, "reference"), instant(param(e, "from")), instant(param(e, "to")),
                param(e, "limit") == null ? 100 : Integer.parseInt(param(e, "limit")));
        respond(e, 200, Map.of("messages", queries.search(q)));
    }

    private void detail(Exchange e) throws Exception {
        Long id = id(e);
        Map<String, Object> d = id == null ? null : queries.detail(id);
        if (d == null) {
            respond(e, 404, Map.of("error", "no message " + e.getIn().getHeader("id")));
        } else {
            respond(e, 200, d);
        }
    }

    private void redeliver(Exchange e) throws Exception {
        Long id = id(e);
        if (id == null || queries.detail(id) == null) {
            respond(e, 404, Map.of("error", "no message " + e.getIn().getHeader("id")));
            e.getIn().setHeader("tswRedrive", List.of());
            e.setProperty("tswResponse", e.getIn().getBody());
            return;
        }
        List<Long> ids = deliveries.redrive(id);
        List<String> targets = ids.stream().map(d -> deliveries.get(d).agency() + ":" + d).toList();
        e.getIn().setHeader("tswRedrive", targets);
        respond(e, ids.isEmpty() ? 409 : 202, Map.of("interchange", id, "redriven", targets,
                "note", ids.isEmpty() ? "nothing in the dead-letter queue for this message" : "re-driven once"));
        e.setProperty("tswResponse", e.getIn().getBody());
    }

    private void respond(Exchange e, int status, Object body) throws Exception {
        e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getIn().setBody(json.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    private static String param(Exchange e, String name) {
        String v = e.getIn().getHeader(name, String.class);
        return v == null || v.isBlank() ? null : v;
    }

    private static Instant instant(String v) {
        return v == null ? null : Instant.parse(v);
    }

    private static Long id(Exchange e) {
        try {
            return Long.parseLong(e.getIn().getHeader("id", String.class));
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
