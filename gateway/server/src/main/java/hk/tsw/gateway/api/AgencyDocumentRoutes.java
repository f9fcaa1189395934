package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respond;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.store.AgencyDocuments;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /api/agencies/{code}/documents?before=&limit=}: the documents routed to an agency, newest first, each
 * with its message, sender, delivery state and the agency's latest decision ({@code null}: none yet); paged by
 * {@code nextBefore} (the answer's cursor, absent on the last page). An agency user reads its own code only (the gate:
 * 403 for another's), the operator any. The agency's console page lists the same.
 */
public final class AgencyDocumentRoutes extends RouteBuilder {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 200;

    private final AgencyDocuments documents;
    private final hk.tsw.gateway.deliver.AgencyRegistry agencies;

    public AgencyDocumentRoutes(AgencyDocuments documents, hk.tsw.gateway.deliver.AgencyRegistry agencies) {
        this.documents = documents;
        this.agencies = agencies;
    }

    @Override
    public void configure() {
        rest("/api/agencies").get("/{code}/documents").to("direct:api-agency-documents");
        from("direct:api-agency-documents").routeId("api-agency-documents").process(this::list);
    }

    private void list(Exchange e) throws Exception {
        String code = e.getIn().getHeader("code", String.class);
        if (code == null || !agencies.exists(code)) {
            respond(e, 404, Map.of("error", "unknown agency " + code));
            return;
        }
        Long before = number(e.getIn().getHeader("before", String.class));
        Long limit = number(e.getIn().getHeader("limit", String.class));
        if ((e.getIn().getHeader("before") != null && before == null)
                || (e.getIn().getHeader("limit") != null && (limit == null || limit < 1 || limit > MAX_LIMIT))) {
            respond(e, 400, Map.of("error", "before must be a document id, limit 1 to " + MAX_LIMIT));
            return;
        }
        int n = limit == null ? DEFAULT_LIMIT : limit.intValue();
        // one more than asked tells whether there is a next page
        List<AgencyDocuments.Row> rows = documents.list(code, before, n + 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agency", code);
        List<AgencyDocuments.Row> page = rows.subList(0, Math.min(n, rows.size()));
        body.put("documents", page);
        if (rows.size() > n) {
            body.put("nextBefore", page.get(page.size() - 1).documentId());
        }
        respond(e, 200, body);
    }

    private static Long number(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.valueOf(s.trim());
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
