package hk.tsw.gateway.runtime;

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
 * would answer with exactly those headers (a cross-origin read of the operator's gateway, planted cookies). So headers
 * leave the gateway only from a fixed list of what its own routes set; everything else a request brought in stays in.
 * Incoming headers are filtered as Camel's HTTP components do by default.
 */
public final class ResponseHeaderPolicy extends HttpHeaderFilterStrategy {

    /** The only message headers written into a response (lower case); the routes set these and nothing else. */
    public static final Set<String> ANSWER_HEADERS = Set.of("content-type", "content-disposition", "content-language",
            "cache-control", "location", "retry-after", "allow", "www-authenticate", "x-tsw-sha256", "x-next-cursor");

    /** Whether a header may be written into an HTTP answer of the gateway. */
    public static boolean allowedInAnswer(String name) {
        return name != null && ANSWER_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !allowedInAnswer(headerName) || super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }
}
