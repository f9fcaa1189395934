package hk.tsw.gateway.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.store.As2Store;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The AS2 evidence of a message on the REST API: {@code GET /api/messages/{id}/as2} lists its AS2 exchanges (MICs,
 * disposition, certificate fingerprints, times), {@code GET /api/as2/exchanges/{id}/mdn} and {@code .../raw} give
 * the MDN and the raw message exactly as stored (with their SHA-256 in {@code X-TSW-SHA256}).
 */
public final class As2EvidenceRoutes extends RouteBuilder {

    private final As2Store store;
    private final ObjectMapper json = new ObjectMapper();

    public As2EvidenceRoutes(As2Store store) {
        this.store = store;
    }

    @Override
    public void configure() {
        rest("/api/messages").get("/{id}/as2").to("direct:api-as2-evidence");
        rest("/api/as2/exchanges")
                .get("/{id}/mdn").to("direct:api-as2-mdn")
                .get("/{id}/raw").to("direct:api-as2-raw");
        from("direct:api-as2-evidence").routeId("api-as2-evidence").process(this::evidence);
        from("direct:api-as2-mdn").routeId("api-as2-mdn").process(e -> file(e, true));
        from("direct:api-as2-raw").routeId("api-as2-raw").process(e -> file(e, false));
    }

    private void evidence(Exchange e) throws Exception {
        Long id = id(e);
        List<As2Store.Exchange> found = id == null ? List.of() : store.forInterchange(id);
        e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        e.getIn().setBody(json.writerWithDefaultPrettyPrinter().writeValueAsString(
                Map.of("interchange", id == null ? -1 : id, "as2", found.stream().map(As2Store::describe).toList())));
    }

    private void file(Exchange e, boolean mdn) throws Exception {
        Long id = id(e);
        As2Store.Exchange x = id == null ? null : store.get(id).orElse(null);
        String sha = x == null ? null : mdn ? x.mdnSha256() : x.rawSha256();
        if (sha == null) {
            e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
            e.getIn().setBody(json.writeValueAsString(Map.of("error", "no " + (mdn ? "MDN" : "raw message")
                    + " stored for AS2 exchange " + e.getIn().getHeader("id"))));
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
