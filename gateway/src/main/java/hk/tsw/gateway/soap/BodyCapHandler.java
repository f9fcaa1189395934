package hk.tsw.gateway.soap;

import java.nio.charset.StandardCharsets;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.apache.cxf.transport.http_undertow.CXFUndertowHttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP body cap in front of CXF (whose own total-size limits are not to be relied on in the versions served
 * here). A request whose Content-Length is over the cap is answered at once with HTTP 413 and a SOAP fault, before a
 * byte of its body is read; any other request gets Undertow's per-exchange entity limit, so a chunked body is cut off
 * as soon as it passes the cap, while CXF streams it, never after buffering it whole.
 */
final class BodyCapHandler implements CXFUndertowHttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BodyCapHandler.class);

    private final long maxBytes;
    private HttpHandler next;

    BodyCapHandler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void setNext(HttpHandler nextHandler) {
        this.next = nextHandler;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long length = exchange.getRequestContentLength();
        if (length > maxBytes) {
            LOG.warn("SOAP_REJECTED code=TooLarge remote={} reason=Content-Length {} over the cap of {} bytes",
                    exchange.getSourceAddress(), length, maxBytes);
            exchange.setStatusCode(413);
            exchange.setPersistent(false);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/xml; charset=UTF-8");
            exchange.getResponseSender().send(fault("the request is " + length + " bytes; the gateway accepts at most "
                    + maxBytes), StandardCharsets.UTF_8);
            return;
        }
        exchange.setMaxEntitySize(maxBytes);
        if (length < 0) {
            // chunked: if the cap cuts the body off, the rest is never read, so the connection must close after the
            // fault or the client would wait forever to finish sending
            exchange.setPersistent(false);
        }
        next.handleRequest(exchange);
    }

    static String fault(String reason) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode xmlns:tsw=\"urn:hk:tsw:soap:submission:1\">tsw:RequestTooLarge</faultcode>"
                + "<faultstring>" + reason + "</faultstring></soap:Fault></soap:Body></soap:Envelope>";
    }
}
