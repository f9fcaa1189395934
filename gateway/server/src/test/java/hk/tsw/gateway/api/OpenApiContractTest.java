package hk.tsw.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.testsupport.RunningGateway;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.apache.camel.spi.RestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/openapi.yaml} is the API's contract: an independent OpenAPI 3 parser (swagger-parser) reads it without a
 * single message, and every REST operation the running gateway serves (Camel's REST registry) is described in it
 * with its method — a route added later without its description fails here.
 */
class OpenApiContractTest {

    static final Path SPEC = TestEngine.REPO.resolve("docs/openapi.yaml");

    @TempDir
    Path dir;

    @Test
    void the_spec_parses_without_messages() throws Exception {
        SwaggerParseResult r = parse();
        assertNotNull(r.getOpenAPI(), "not an OpenAPI document: " + r.getMessages());
        assertEquals(List.of(), r.getMessages(), "docs/openapi.yaml");
        assertTrue(r.getOpenAPI().getOpenapi().startsWith("3."), r.getOpenAPI().getOpenapi());
    }

    @Test
    void every_rest_operation_served_is_described() throws Exception {
        OpenAPI spec = parse().getOpenAPI();
        Set<String> described = new TreeSet<>();
        spec.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(m -> described.add(m.name() + " " + path)));
        Set<String> served = new TreeSet<>();
        try (RunningGateway gw = new RunningGateway(dir, Map.of(), Map.of())) {
            for (RestRegistry.RestService s : gw.runtime.camel().getRestRegistry().listAllRestServices()) {
                String path = (s.getBasePath() + (s.getUriTemplate() == null ? "" : s.getUriTemplate()))
                        .replaceAll("/+", "/");
                served.add(s.getMethod().toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        assertFalse(served.isEmpty(), "the gateway serves no REST operation: the registry was not read");
        assertTrue(served.contains("GET /api/messages"), "the registry lists the message search: " + served);
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(described);
        assertEquals(Set.of(), missing, "served but not described in docs/openapi.yaml (described: " + described + ")");
    }

    /** Each /api operation's {@code x-tsw-roles} are exactly the roles the gate lets call it ({@code ApiRules}). */
    @Test
    void the_roles_described_are_the_roles_the_gate_lets_in() throws Exception {
        OpenAPI spec = parse().getOpenAPI();
        Map<String, String> described = new java.util.TreeMap<>();
        spec.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((m, op) -> {
            if (path.startsWith("/api/")) {
                Object roles = op.getExtensions() == null ? null : op.getExtensions().get("x-tsw-roles");
                described.put(m.name() + " " + path, String.valueOf(roles));
            }
        }));
        Map<String, String> gate = new java.util.TreeMap<>();
        for (hk.tsw.gateway.api.access.ApiRules.Rule r : hk.tsw.gateway.api.access.ApiRules.RULES) {
            gate.put(r.method() + " " + r.template(), r.roles().stream().map(Enum::name).toList().toString());
        }
        assertEquals(gate, described, "x-tsw-roles in docs/openapi.yaml against ApiRules");
        assertNotNull(spec.getComponents().getSecuritySchemes().get("bearerAuth"), "the bearer scheme is described");
    }

    private static SwaggerParseResult parse() throws Exception {
        ParseOptions o = new ParseOptions();
        o.setResolve(true);
        return new OpenAPIV3Parser().readContents(Files.readString(SPEC), null, o);
    }

}
