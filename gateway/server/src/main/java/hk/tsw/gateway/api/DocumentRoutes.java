package hk.tsw.gateway.api;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.catalogue.DocumentCatalog;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /api/documents}: the document catalogue ({@code config/documents/}), every entry with the field names of
 * {@code xsd/config/document.xsd}, absent fields left out. Read-only; the catalogue is loaded once at start-up.
 */
public final class DocumentRoutes extends RouteBuilder {

    private final DocumentCatalog catalogue;
    private final ObjectMapper json = new ObjectMapper();

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
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getMessage().setBody(json.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("documents", catalogue.entries())));
    }
}
