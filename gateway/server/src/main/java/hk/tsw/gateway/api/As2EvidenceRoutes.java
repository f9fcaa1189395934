package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respond;
import static hk.tsw.gateway.api.JsonAnswers.respondCompact;

import hk.tsw.gateway.store.MdnState;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.store.As2Store;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The AS2 evidence of a message on the REST API: {@code GET /api/messages/{id}/as2} lists its AS2 exchanges (MICs,
 * disposition, certificate fingerprints, times), {@code GET /api/as2/exchanges/{id}/mdn} and {@code .../raw} give
 * the MDN and the raw message exactly as stored (with their SHA-256 in {@code X-TSW-SHA256}); an operator queues an
 * asynchronous MDN that was given up ({@code AS2_MDN_FAILED}) again with {@code POST /api/as2/exchanges/{id}/mdn/resend}:
 * the same MDN under the same Message-ID, attempts counted from zero, the resend on the message's timeline.
 */
public final class As2EvidenceRoutes extends RouteBuilder {

    private final As2Store store;

    public As2EvidenceRoutes(As2Store store) {
        this.store = store;
    }

    @Override
    public void configure() {
        rest("/api/messages").get("/{id}/as2").to("direct:api-as2-evidence");
        rest("/api/as2/exchanges")
                .get("/{id}/mdn").to("direct:api-as2-mdn")
                .get("/{id}/raw").to("direct:api-as2-raw")
                .post("/{id}/mdn/resend").to("direct:api-as2-mdn-resend");
        from("direct:api-as2-evidence").routeId("api-as2-evidence").process(this::evidence);
        from("direct:api-as2-mdn").routeId("api-as2-mdn").process(e -> file(e, true));
        from("direct:api-as2-raw").routeId("api-as2-raw").process(e -> file(e, false));
        from("direct:api-as2-mdn-resend").routeId("api-as2-mdn-resend").process(this::resendMdn);
    }

    private void resendMdn(Exchange e) throws Exception {
        Long id = id(e);
        As2Store.Exchange x = id == null ? null : store.get(id).orElse(null);
        boolean queued = x != null && store.resendMdn(id, "operator resend: asynchronous MDN queued again");
        if (!queued) {
            respondCompact(e, x == null ? 404 : 409, Map.of("error", x == null
                    ? "no AS2 exchange " + e.getIn().getHeader("id")
                    : "AS2 exchange " + id + " has no asynchronous MDN to send again"));
            return;
        }
        if (x.interchangeId() != null) {
            store.event(x.interchangeId(), "AS2_MDN_RESEND", "operator: asynchronous MDN of AS2 exchange " + id
                    + " queued again (was " + x.mdnState() + ")");
        }
        respondCompact(e, 202, Map.of("exchange", id, "mdnState", MdnState.PENDING.name()));
    }

    private void evidence(Exchange e) throws Exception {
        Long id = id(e);
        List<As2Store.Exchange> found = id == null ? List.of() : store.forInterchange(id);
        respond(e, 200,
                Map.of("interchange", id == null ? -1 : id, "as2", found.stream().map(As2Store::describe).toList()));
    }

    private void file(Exchange e, boolean mdn) throws Exception {
        Long id = id(e);
        As2Store.Exchange x = id == null ? null : store.get(id).orElse(null);
        String sha = x == null ? null : mdn ? x.mdnSha256() : x.rawSha256();
        if (sha == null) {
            respondCompact(e, 404, Map.of("error", "no " + (mdn ? "MDN" : "raw message")
                    + " stored for AS2 exchange " + e.getIn().getHeader("id")));
            return;
        }
        e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        e.getIn().setHeader(Exchange.CONTENT_TYPE, "message/rfc822");
        e.getIn().setHeader("X-TSW-SHA256", sha);
        e.getIn().setHeader("Content-Disposition", "attachment; filename=\"as2-" + id + (mdn ? "-mdn" : "-raw") + ".eml\"");
        e.getIn().setBody(store.read(sha));
    }

    private static Long id(Exchange e) {
        try {
            return Long.parseLong(e.getIn().getHeader("id", String.class));
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
