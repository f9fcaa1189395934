package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respond;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import hk.tsw.gateway.store.MessageArchive;
import hk.tsw.gateway.store.MessageArchivedException;
import hk.tsw.gateway.store.Retention;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /api/messages/{id}/restore} (operators; audit action RESTORE): puts an archived message's payloads back
 * from its archive, each checked against the SHA-256 recorded when it was archived ({@link Retention#restore}); the
 * message's raw, documents and answers are then served again. 200 with what was restored (or that it was online
 * already); 404 for no such message; 410 when the archive was purged after the legal retention period; 500 naming the
 * archive when it is missing or its bytes differ (nothing is marked online then).
 */
public final class RestoreRoutes extends RouteBuilder {

    private final Retention retention;

    public RestoreRoutes(Retention retention) {
        this.retention = retention;
    }

    @Override
    public void configure() {
        rest("/api/messages").post("/{id}/restore").to("direct:api-restore");
        from("direct:api-restore").routeId("api-restore").process(this::restore);
    }

    private void restore(Exchange e) throws Exception {
        Long id = MessageContentRoutes.id(e);
        Optional<Retention.Restored> done;
        try {
            done = id == null ? Optional.empty() : retention.restore(id);
        } catch (MessageArchivedException gone) {
            respond(e, 410, Map.of("error", gone.getMessage()));
            return;
        } catch (MessageArchive.ArchiveException bad) {
            respond(e, 500, Map.of("error", "not restored: " + bad.getMessage()));
            return;
        }
        if (done.isEmpty()) {
            respond(e, 404, Map.of("error", "no message " + e.getIn().getHeader("id")));
            return;
        }
        Retention.Restored r = done.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        body.put("restored", !r.wasOnline());
        if (!r.wasOnline()) {
            body.put("archive", r.archiveName());
            body.put("archivedAt", r.archivedAt().toString());
            body.put("payloadsWritten", r.payloads());
        } else {
            body.put("note", "the message's payloads are online; nothing to restore");
        }
        respond(e, 200, body);
    }
}
