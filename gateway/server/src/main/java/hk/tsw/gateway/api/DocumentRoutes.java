package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respond;

import java.util.Map;

import hk.tsw.gateway.catalogue.DocumentCatalog;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /api/documents}: the document catalogue ({@code config/documents/}), every entry with the field names of
 * {@code xsd/config/document.xsd}, absent fields left out. Read-only; the catalogue is loaded once at start-up.
 */
public final class DocumentRoutes extends RouteBuilder {

    private final DocumentCatalog catalogue;

    public DocumentRoutes(DocumentCatalog catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void configure() {
        restConfiguration().component("platform-http");
        rest("/api/documents").get().to("direct:api-documents");
        from("direct:api-documents").routeId("api-documents").process(this::documents);
    }

    private void documents(Exchange e) throws Exception {
        respond(e, 200, Map.of("documents", catalogue.entries()));
    }
}
