package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respond;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import hk.tsw.gateway.api.access.ApiAccess;
import hk.tsw.gateway.deliver.DeadLetterQueue;
import hk.tsw.gateway.security.ApiUser;
import hk.tsw.gateway.settings.Queues;
import hk.tsw.gateway.store.DeliveryStore;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The operator's dead letters: {@code GET /api/dead-letters} lists what {@code tsw.dead} holds (id, since when, the
 * queue it came from, the reason, the delivery it names), oldest first; {@code POST /api/dead-letters/{id}/redrive
 * ?comment=} moves one letter back to the queue it came from, exactly once ({@link DeadLetterQueue}: consume and send
 * in one JMS transaction), and makes the delivery it names PENDING again in the same step (its dead state would
 * otherwise stop the agency's consumer). Answers: 202 moved; 400 no comment; 404 no such letter (or moved already);
 * 409 a letter that names no queue to go back to (nothing moved); 503 the broker cannot be reached.
 */
public final class DeadLetterRoutes extends RouteBuilder {

    private static final int MAX_LISTED = 1000;

    private final DeadLetterQueue dead;
    private final DeliveryStore deliveries;

    public DeadLetterRoutes(DeadLetterQueue dead, DeliveryStore deliveries) {
        this.dead = dead;
        this.deliveries = deliveries;
    }

    @Override
    public void configure() {
        rest("/api/dead-letters").get().to("direct:api-dead-letters")
                .post("/{id}/redrive").to("direct:api-dead-letter-redrive");
        from("direct:api-dead-letters").routeId("api-dead-letters").process(this::list);
        from("direct:api-dead-letter-redrive").routeId("api-dead-letter-redrive").process(this::redrive);
    }

    private void list(Exchange e) throws Exception {
        int limit;
        try {
            limit = QueryParams.integer(e, "limit", 1, MAX_LISTED, 200);
        } catch (QueryParams.Bad bad) {
            respond(e, 400, Map.of("error", bad.getMessage()));
            return;
        }
        List<DeadLetterQueue.Letter> letters;
        try {
            letters = dead.list(limit);
        } catch (Exception broker) {
            respond(e, 503, Map.of("error", "the broker cannot be asked: " + broker.getMessage()));
            return;
        }
        respond(e, 200, Map.of("deadLetters", letters.stream().map(l -> row(l, originOf(l))).toList()));
    }

    private void redrive(Exchange e) throws Exception {
        String id = e.getIn().getHeader("id", String.class);
        String comment = e.getIn().getHeader("comment", String.class);
        if (comment == null || comment.isBlank() || comment.length() > 2000) {
            respond(e, 400, Map.of("error", "a comment (1 to 2000 characters) is required: why the letter is re-driven"));
            return;
        }
        if (!DeadLetterQueue.validId(id)) {
            respond(e, 404, Map.of("error", "no dead letter " + id));
            return;
        }
        ApiUser user = e.getProperty(ApiAccess.USER, ApiUser.class);
        String who = user == null ? "?" : user.id();
        Optional<DeadLetterQueue.Letter> moved;
        try {
            moved = dead.move(id, this::originOf, l -> {
                if (l.deliveryId() != null) {
                    deliveries.redriveOne(l.deliveryId(), who);
                }
            });
        } catch (IllegalStateException unknown) {
            respond(e, 409, Map.of("error", unknown.getMessage()));
            return;
        } catch (jakarta.jms.JMSException broker) {
            respond(e, 503, Map.of("error", "the broker cannot be reached: nothing was re-driven, try again later"));
            return;
        }
        if (moved.isEmpty()) {
            respond(e, 404, Map.of("error", "no dead letter " + id + " (re-driven already, or never there)"));
            return;
        }
        Map<String, Object> body = row(moved.get(), moved.get().origin());
        body.put("note", "moved back to " + moved.get().origin() + " once");
        respond(e, 202, body);
    }

    /** A letter's origin when it names none itself: the agency queue of the delivery it names. */
    private String originOf(DeadLetterQueue.Letter l) {
        if (l.origin() != null) {
            return l.origin();
        }
        if (l.deliveryId() == null) {
            return null;
        }
        try {
            return Queues.deliver(deliveries.get(l.deliveryId()).agency());
        } catch (IllegalArgumentException gone) {
            return null;
        }
    }

    private static Map<String, Object> row(DeadLetterQueue.Letter l, String origin) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", l.id());
        row.put("deadSince", l.deadSince() == null ? null : l.deadSince().toString());
        row.put("origin", origin);
        row.put("reason", l.reason());
        row.put("deliveryId", l.deliveryId());
        row.put("body", l.body());
        return row;
    }
}
