package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respond;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.api.access.ApiAccess;
import hk.tsw.gateway.security.ApiUser;
import hk.tsw.gateway.store.ConfigGenerations;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /api/config/reload?comment=}: the operator reloads the partners and users (and their secrets) without a
 * restart; the answer gives the new configuration generation and what changed, or 422 with the file and the error when
 * the configuration is refused (the running one stays). The comment is mandatory (400 without); the action is in the
 * audit log. {@code GET /api/config}: the generation, digest and last error of this node and of every node, and the
 * latest generation recorded (docs/OPERATIONS.md).
 */
public final class ConfigRoutes extends RouteBuilder {

    private final ConfigReloads reloads;

    public ConfigRoutes(ConfigReloads reloads) {
        this.reloads = reloads;
    }

    @Override
    public void configure() {
        rest("/api/config").get().to("direct:api-config")
                .post("/reload").to("direct:api-config-reload");
        from("direct:api-config").routeId("api-config").process(this::status);
        from("direct:api-config-reload").routeId("api-config-reload").process(this::reload);
    }

    private void reload(Exchange e) throws Exception {
        String comment = e.getIn().getHeader("comment", String.class);
        if (comment == null || comment.isBlank() || comment.length() > 2000) {
            respond(e, 400, Map.of("error", "a comment (1 to 2000 characters) is required: why the configuration is"
                    + " reloaded"));
            return;
        }
        ApiUser user = e.getProperty(ApiAccess.USER, ApiUser.class);
        try {
            ConfigReloads.Reloaded r = reloads.reload(user == null ? "?" : user.id(), comment.trim());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("generation", r.generation());
            body.put("digest", r.digest());
            body.put("changes", r.changes());
            body.put("notes", r.notes());
            respond(e, 200, body);
        } catch (ConfigReloads.Refused refused) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", refused.getMessage());
            body.put("generation", reloads.status().generation());
            body.put("note", refused.applied() ? "this node runs the new configuration; the other nodes do not yet"
                    : "the running configuration stays");
            respond(e, refused.applied() ? 503 : 422, body);
        }
    }

    private void status(Exchange e) throws Exception {
        ConfigReloads.Status s = reloads.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", s.node());
        body.put("generation", s.generation());
        body.put("digest", s.digest());
        body.put("lastError", s.lastError());
        body.put("latest", s.latest().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("generation", g.generation());
            m.put("requestedBy", g.requestedBy());
            m.put("requestedAt", String.valueOf(g.requestedAt()));
            m.put("node", g.node());
            m.put("digest", g.digest());
            m.put("comment", g.comment());
            return m;
        }).orElse(null));
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (ConfigGenerations.NodeState n : s.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", n.node());
            m.put("generation", n.generation());
            m.put("digest", n.digest());
            m.put("loadedAt", String.valueOf(n.loadedAt()));
            m.put("lastError", n.lastError());
            m.put("errorAt", n.errorAt() == null ? null : n.errorAt().toString());
            nodes.add(m);
        }
        body.put("nodes", nodes);
        respond(e, 200, body);
    }
}
