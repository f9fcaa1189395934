package hk.tsw.gateway.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.api.access.ApiAccess;
import hk.tsw.gateway.intake.ReceivedQueue;
import hk.tsw.gateway.security.ApiUser;
import hk.tsw.gateway.store.FileNames;
import hk.tsw.gateway.store.Replays;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /api/messages/{id}/replay?comment=}: the operator's replay of a message from its stored raw payload
 * ({@link Replays}: a new interchange linked to the first, duplicate detection bypassed by the operator's decision,
 * new documents and deliveries with new idempotency keys). The partner is first sent a note
 * ({@code <reference>.replay-<new id>.txt}) saying that what follows answers a replay by the operator, then the new
 * interchange is processed as any other: its CONTRL / APERAK / CUSRES and its deliveries to the agencies go out again.
 * The comment is mandatory (400 without); 404 for no such message; 503 while the broker is unreachable (nothing done).
 */
public final class ReplayRoutes extends RouteBuilder {

    private final Replays replays;
    private final ReceivedQueue translate;
    private final PartnerReplies replies;

    public ReplayRoutes(Replays replays, ReceivedQueue translate, PartnerReplies replies) {
        this.replays = replays;
        this.translate = translate;
        this.replies = replies;
    }

    @Override
    public void configure() {
        rest("/api/messages").post("/{id}/replay").to("direct:api-replay");
        from("direct:api-replay").routeId("api-replay").process(this::replay);
    }

    private void replay(Exchange e) throws Exception {
        Long id = id(e);
        String comment = e.getIn().getHeader("comment", String.class);
        if (comment == null || comment.isBlank() || comment.length() > 2000) {
            JsonAnswers.respond(e, 400, Map.of("error",
                    "a comment (1 to 2000 characters) is required: why the message is replayed"));
            return;
        }
        try {
            translate.checkOpen();
        } catch (ReceivedQueue.BrokerUnavailableException ex) {
            JsonAnswers.respond(e, 503, Map.of("error",
                    "the broker is unreachable: nothing was replayed, try again later"));
            return;
        }
        ApiUser user = e.getProperty(ApiAccess.USER, ApiUser.class);
        Optional<Replays.Replay> done = id == null ? Optional.empty()
                : replays.replay(id, user == null ? "?" : user.id(), comment.trim());
        if (done.isEmpty()) {
            JsonAnswers.respond(e, 404, Map.of("error", "no message " + e.getIn().getHeader("id")));
            return;
        }
        Replays.Replay r = done.get();
        String label = r.reference() != null ? r.reference() : r.fileName() != null ? r.fileName() : "message-" + r.replayOf();
        replies.send(r.partner(), r.id(), "replay", FileNames.safe(label) + ".replay-" + r.id() + ".txt",
                ("Interchange " + label + " (gateway message " + r.replayOf() + ") is processed again by the gateway"
                        + " operator as gateway message " + r.id() + ": a replay, not a new submission of yours.\n"
                        + "The acknowledgements that follow for " + label + " answer this replay; the agencies receive"
                        + " its documents again.\n").getBytes(StandardCharsets.UTF_8));
        translate.accept(r.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replayId", r.id());
        body.put("replayOf", r.replayOf());
        body.put("note", "processing; GET /api/messages/" + r.id() + " for its timeline");
        JsonAnswers.respond(e, 202, body);
    }

    private static Long id(Exchange e) {
        try {
            return Long.parseLong(e.getIn().getHeader("id", String.class));
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
