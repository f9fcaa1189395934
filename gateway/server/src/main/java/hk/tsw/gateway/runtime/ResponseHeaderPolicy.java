package hk.tsw.gateway.runtime;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * The one rule for what a gateway HTTP answer may carry as headers, on every HTTP consumer Camel serves (the REST API
 * and the operator endpoints, set as the platform-http component's header filter strategy).
 *
 * <p>Camel turns every request query parameter and request header into a message header, and writes message headers
 * back as response headers: {@code GET /api/messages?Access-Control-Allow-Origin=https://evil.example&Set-Cookie=x}
 * would answer with exactly those headers (a cross-origin read of the operator's gateway, planted cookies). So a header
 * leaves the gateway only when it is on a fixed list of what the gateway's own routes set AND the request did not
 * bring a header or parameter of that name (the names the request brought are noted on the way in). Incoming headers
 * are otherwise filtered as Camel's HTTP components do by default.
 */
public final class ResponseHeaderPolicy extends HttpHeaderFilterStrategy {

    /** The only message headers written into a response (lower case); the routes set these and nothing else. */
    public static final Set<String> ANSWER_HEADERS = Set.of("content-type", "content-disposition", "retry-after",
            "x-tsw-sha256", "x-tsw-kind", "www-authenticate");

    private static final String BROUGHT_IN = "tswRequestHeaderNames";

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        if (exchange != null && headerName != null) {
            @SuppressWarnings("unchecked")
            Set<String> names = exchange.getProperty(BROUGHT_IN, Set.class);
            if (names == null) {
                names = new HashSet<>();
                exchange.setProperty(BROUGHT_IN, names);
            }
            names.add(headerName.toLowerCase(Locale.ROOT));
        }
        return super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        if (headerName == null || !ANSWER_HEADERS.contains(headerName.toLowerCase(Locale.ROOT))) {
            return true;
        }
        Set<?> broughtIn = exchange == null ? null : exchange.getProperty(BROUGHT_IN, Set.class);
        if (broughtIn != null && broughtIn.contains(headerName.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }
}
