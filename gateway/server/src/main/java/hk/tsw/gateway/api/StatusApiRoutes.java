package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respond;

import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.deliver.DeadLetters;
import hk.tsw.gateway.store.DeliveryStore;
import hk.tsw.gateway.store.MessageQueries;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The status REST API on the gateway's HTTP port (described in {@code docs/openapi.yaml}):
 * {@code GET /api/messages}, {@code GET /api/messages/{id}} (timeline, documents, deliveries) and
 * {@code POST /api/messages/{id}/redeliver} (re-drives the dead deliveries of that interchange, once, and takes
 * their copies out of the dead-letter queue: see {@link DeadLetters}).
 */
public final class StatusApiRoutes extends RouteBuilder {

    private final MessageQueries queries;
    private final DeliveryStore deliveries;
    private final DeadLetters deadLetters;
    private static final int DEFAULT_LIMIT = 100;


    public StatusApiRoutes(MessageQueries queries, DeliveryStore deliveries, DeadLetters deadLetters) {
        this.queries = queries;
        this.deliveries = deliveries;
        this.deadLetters = deadLetters;
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
        from("direct:api-redeliver").routeId("api-redeliver").process(this::redeliver);
    }

    private void search(Exchange e) throws Exception {
        MessageQueries.Query q;
        try {
            q = new MessageQueries.Query(param(e, "partner"), param(e, "documentType"), param(e, "state"),
                    param(e, "reference"), QueryParams.instant(e, "from"), QueryParams.instant(e, "to"),
                    QueryParams.integer(e, "limit", 1, MessageQueries.MAX_LIMIT, DEFAULT_LIMIT),
                    QueryParams.cursor(e, "cursor"), param(e, hk.tsw.gateway.api.access.ApiAccess.AGENCY_FILTER));
        } catch (QueryParams.Bad bad) {
            respond(e, 400, bad.body());
            return;
        }
        List<Map<String, Object>> page = queries.search(q);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messages", page);
        if (page.size() == q.limit()) {
            // a full page: the next one starts below its last (smallest) id
            answer.put("nextCursor", String.valueOf(page.get(page.size() - 1).get("id")));
        }
        respond(e, 200, answer);
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
            return;
        }
        List<Long> ids = deliveries.redrive(id);
        List<String> targets = new ArrayList<>();
        int removed = 0;
        for (long d : ids) {
            String agency = deliveries.get(d).agency();
            removed += deadLetters.redrive(agency, d);
            targets.add(agency + ":" + d);
        }
        respond(e, ids.isEmpty() ? 409 : 202, Map.of("interchange", id, "redriven", targets,
                "removedFromDeadLetters", removed,
                "note", ids.isEmpty() ? "nothing in the dead-letter queue for this message" : "re-driven once"));
    }

    private static String param(Exchange e, String name) {
        String v = e.getIn().getHeader(name, String.class);
        return v == null || v.isBlank() ? null : v;
    }

    private static Long id(Exchange e) {
        try {
            return Long.parseLong(e.getIn().getHeader("id", String.class));
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
