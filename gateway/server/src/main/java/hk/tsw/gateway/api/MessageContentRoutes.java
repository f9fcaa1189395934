package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respondCompact;

import java.util.Map;
import java.util.Optional;

import hk.tsw.gateway.store.MessageContent;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The stored bytes of a message by API (the console's message page reads the same): {@code GET
 * /api/messages/{id}/raw} (the payload as received), {@code .../documents/{n}} (canonical document n, XML) and
 * {@code .../answers/{n}} (answer n sent to the partner: CONTRL, APERAK, CUSRES, WCO Response, MDN...; the list with
 * each {@code n} is in {@code GET /api/messages/{id}}, "answers"). Who may read: as {@code GET /api/messages/{id}}
 * ({@code ApiRules}); an {@code n} that does not exist answers 404. Each answer carries {@code X-TSW-Kind} and a
 * {@code Content-Disposition} file name made of safe characters only. A message whose payloads were archived answers
 * 410 with the date and how to restore it (or, purged, that they are gone).
 */
public final class MessageContentRoutes extends RouteBuilder {

    private final MessageContent content;

    public MessageContentRoutes(MessageContent content) {
        this.content = content;
    }

    @Override
    public void configure() {
        rest("/api/messages")
                .get("/{id}/raw").to("direct:api-message-raw")
                .get("/{id}/documents/{n}").to("direct:api-message-document")
                .get("/{id}/answers/{n}").to("direct:api-message-answer");
        from("direct:api-message-raw").routeId("api-message-raw")
                .process(e -> answer(e, () -> id(e) == null ? Optional.empty() : content.raw(id(e)), "no message"));
        from("direct:api-message-document").routeId("api-message-document")
                .process(e -> answer(e, () -> id(e) == null || n(e) == null ? Optional.empty() : content.document(id(e), n(e)),
                        "no such document of message"));
        from("direct:api-message-answer").routeId("api-message-answer")
                .process(e -> answer(e, () -> id(e) == null || n(e) == null ? Optional.empty() : content.answer(id(e), n(e)),
                        "no such answer to message"));
    }

    /** Serves the content, or 410 with when the message was archived (restore it) or purged. */
    private void answer(Exchange e, java.util.function.Supplier<Optional<MessageContent.Content>> read, String missing)
            throws Exception {
        Optional<MessageContent.Content> found;
        try {
            found = read.get();
        } catch (hk.tsw.gateway.store.MessageArchivedException archived) {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("error", archived.getMessage());
            body.put("archivedAt", archived.archivedAt().toString());
            if (archived.purged()) {
                body.put("purgedAt", archived.purgedAt().toString());
            } else {
                body.put("restore", "POST /api/messages/" + archived.id() + "/restore");
            }
            respondCompact(e, 410, body);
            return;
        }
        if (found.isEmpty()) {
            respondCompact(e, 404, Map.of("error", missing + " " + e.getIn().getHeader("id")));
            return;
        }
        MessageContent.Content c = found.get();
        e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        e.getIn().setHeader(Exchange.CONTENT_TYPE, c.mediaType());
        e.getIn().setHeader("X-TSW-Kind", c.kind());
        e.getIn().setHeader("Content-Disposition", "attachment; filename=\"" + c.fileName() + "\"");
        e.getIn().setBody(c.bytes());
    }

    static Long id(Exchange e) {
        try {
            return Long.parseLong(e.getIn().getHeader("id", String.class));
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static Integer n(Exchange e) {
        try {
            int n = Integer.parseInt(e.getIn().getHeader("n", String.class));
            return n >= 1 ? n : null;
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
