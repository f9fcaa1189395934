package hk.tsw.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import hk.tsw.gateway.mapping.TestEngine;
import hk.tsw.gateway.routing.AgencyRegistry;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/openapi.yaml} is a valid OpenAPI document (read by swagger-parser, no messages) and describes every
 * REST operation the gateway's route builders declare, method and path: a route added later fails here until it is
 * described.
 */
class OpenApiContractTest {

    @Test
    void the_spec_is_valid_and_describes_every_rest_operation_camel_serves() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation(
                TestEngine.REPO.resolve("docs/openapi.yaml").toUri().toString(), null, options);
        assertEquals(List.of(), parsed.getMessages() == null ? List.of() : parsed.getMessages(), "parser messages");
        OpenAPI spec = parsed.getOpenAPI();
        Set<String> described = new TreeSet<>();
        for (Map.Entry<String, PathItem> p : spec.getPaths().entrySet()) {
            p.getValue().readOperationsMap().keySet().forEach(m -> described.add(m.name() + " " + p.getKey()));
        }

        List<RouteBuilder> builders = List.of(new StatusApiRoutes(null, null, null), new IntakeRoutes(null),
                new QueueRoutes(null), new As2EvidenceRoutes(null), new ValidateRoutes(null, null, null),
                new DecisionRoutes(null, AgencyRegistry.load(TestEngine.REPO.resolve("config/agencies")), null, null));
        Set<String> served = new TreeSet<>();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            for (RouteBuilder b : builders) {
                b.setCamelContext(camel);
                b.configure();
                for (RestDefinition rest : b.getRestCollection().getRests()) {
                    for (VerbDefinition verb : rest.getVerbs()) {
                        String path = rest.getPath() + (verb.getPath() == null ? "" : verb.getPath());
                        served.add(verb.asVerb().toUpperCase(Locale.ROOT) + " " + path);
                    }
                }
            }
        }
        assertTrue(served.size() >= 10, "the REST operations were found: " + served);
        List<String> missing = new ArrayList<>(served);
        missing.removeAll(described);
        assertEquals(List.of(), missing, "served but not in docs/openapi.yaml (described: " + described + ")");
    }
}
