package hk.tsw.gateway.api.access;

import hk.tsw.gateway.security.ApiUser;
import hk.tsw.gateway.security.UserDirectory;
import java.util.Collection;
import java.util.Optional;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * The operator endpoints under {@code /observe}: {@code /observe/health/live} and {@code /observe/health/ready} answer
 * anyone (load balancers, supervisors) with the status only ({@code {"status":"UP"}} 200, or DOWN 503), whatever the
 * query asks; everything else there (every check's details, {@code /observe/metrics}, the other consoles) needs an
 * operator's bearer token (none or unknown: 401, another role: 403). Installed on the management server's router
 * ahead of Camel's own handlers, right after the server starts.
 */
public final class ObserveGuard {

    private final UserDirectory users;
    private final CamelContext camel;
    private final String base;

    private ObserveGuard(UserDirectory users, CamelContext camel, String base) {
        this.users = users;
        this.camel = camel;
        this.base = base;
    }

    /** Guards {@code base} (e.g. {@code /observe}) on the running management server; fails when there is none. */
    public static void install(CamelContext camel, UserDirectory users, String base) {
        ManagementHttpServer server = camel.hasService(ManagementHttpServer.class);
        if (server == null || server.getRouter() == null) {
            throw new IllegalStateException("no management HTTP server to guard (camel.management.enabled)");
        }
        ObserveGuard guard = new ObserveGuard(users, camel, base);
        Router router = server.getRouter();
        router.route(base + "/*").order(Integer.MIN_VALUE).blockingHandler(guard::handle, false);
        router.route(base).order(Integer.MIN_VALUE).blockingHandler(guard::handle, false);
    }

    private void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.equals(base + "/health/live") || path.equals(base + "/health/ready")) {
            boolean up = up(path.endsWith("/live") ? HealthCheckHelper.invokeLiveness(camel)
                    : HealthCheckHelper.invokeReadiness(camel));
            answer(rc, up ? 200 : 503, "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}");
            return;
        }
        String authorization = rc.request().getHeader("Authorization");
        Optional<ApiUser> user = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? users.byToken(authorization.substring(7).trim()) : Optional.empty();
        if (user.isEmpty()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"tsw-gateway\"");
            answer(rc, 401, "{\"error\":\"authentication required: Authorization: Bearer <operator API token>\"}");
        } else if (!user.get().operator()) {
            answer(rc, 403, "{\"error\":\"" + base + " details and metrics are for operators; " + base
                    + "/health/live and /health/ready are open\"}");
        } else {
            rc.next();
        }
    }

    private static boolean up(Collection<HealthCheck.Result> results) {
        return results.stream().noneMatch(r -> r.getState() == HealthCheck.State.DOWN);
    }

    private static void answer(RoutingContext rc, int status, String body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
