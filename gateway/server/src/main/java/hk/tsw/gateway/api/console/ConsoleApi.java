package hk.tsw.gateway.api.console;

import java.util.Map;

import hk.tsw.gateway.api.access.ApiAccess;
import hk.tsw.gateway.security.ApiUser;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

/**
 * The console reads and acts through the API's own operations, as the signed-in user: each call runs the operation's
 * REST route itself, access gate included ({@link ApiAccess}: the same rules, the same 404 for another's message, the
 * same audit row for an action). So a page can never show more than the API would show that user.
 */
final class ConsoleApi {

    /** An operation's answer: status, media type and body (text or bytes). */
    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final CamelContext camel;
    private final ApiAccess access;

    ConsoleApi(CamelContext camel, ApiAccess access) {
        this.camel = camel;
        this.access = access;
    }

    /**
     * Calls {@code method path} (no query string: {@code params} become the request parameters) as {@code user}: the
     * operation's route {@code routeId} runs as for an HTTP request, its access gate included (the gate takes the user
     * from {@link ApiAccess#CONSOLE_USER} instead of a bearer token).
     */
    Answer call(ApiUser user, String method, String path, Map<String, String> params, String routeId) {
        return call(user, method, path, params, null, routeId);
    }

    /**
     * As {@link #call(ApiUser, String, String, Map, String)} with a request body ({@code request}, may be null; sent as
     * JSON when it starts with '{').
     */
    Answer call(ApiUser user, String method, String path, Map<String, String> params, String request, String routeId) {
        Exchange e = new DefaultExchange(camel);
        if (request != null) {
            e.getIn().setHeader(Exchange.CONTENT_TYPE, request.startsWith("{") ? "application/json" : "text/plain");
            e.getIn().setBody(request);
        }
        return run(e, user, method, path, params, routeId);
    }

    /** As {@link #call(ApiUser, String, String, Map, String, String)} with a request body of bytes (a file as it came). */
    Answer callWithBytes(ApiUser user, String method, String path, Map<String, String> params, byte[] request,
                         String routeId) {
        Exchange e = new DefaultExchange(camel);
        e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/octet-stream");
        e.getIn().setBody(request);
        return run(e, user, method, path, params, routeId);
    }

    private Answer run(Exchange e, ApiUser user, String method, String path, Map<String, String> params, String routeId) {
        e.getIn().setHeader(Exchange.HTTP_METHOD, method);
        e.getIn().setHeader(Exchange.HTTP_URI, path);
        e.getIn().setHeader(Exchange.HTTP_PATH, path);
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (p.getValue() != null && !p.getValue().isBlank()) {
                e.getIn().setHeader(p.getKey(), p.getValue().trim());
            }
        }
        e.setProperty(ApiAccess.CONSOLE_USER, user);
        org.apache.camel.Route route = camel.getRoute(routeId);
        if (route == null) {
            throw new IllegalStateException("no route " + routeId);
        }
        try {
            route.getConsumer().getProcessor().process(e);
        } catch (Exception ex) {
            e.setException(ex);
        }
        if (e.getException() != null) {
            return new Answer(500, "text/plain", new byte[0]);
        }
        Integer status = e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = e.getMessage().getBody(byte[].class);
        return new Answer(status == null ? 200 : status, e.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class),
                body == null ? new byte[0] : body);
    }

    /**
     * What the message search gate narrows this user to (asked of {@link ApiAccess}, not decided here): {@code partner}
     * and/or {@code agency}, empty for an operator. The dashboard's figures use the same narrowing.
     */
    Map<String, String> scope(ApiUser user) {
        Exchange e = new DefaultExchange(camel);
        e.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
        e.getIn().setHeader(Exchange.HTTP_URI, "/api/messages");
        access.authorize(e, user);
        Map<String, String> scope = new java.util.HashMap<>();
        if (!Boolean.TRUE.equals(e.getProperty(ApiAccess.DENIED))) {
            String partner = e.getIn().getHeader("partner", String.class);
            String agency = e.getIn().getHeader(ApiAccess.AGENCY_FILTER, String.class);
            if (partner != null) {
                scope.put("partner", partner);
            }
            if (agency != null) {
                scope.put("agency", agency);
            }
        } else {
            scope.put("partner", "\u0000none"); // the gate refused the search: show nothing
        }
        return scope;
    }
}
