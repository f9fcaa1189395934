package hk.tsw.gateway.intake.soap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import hk.tsw.gateway.intake.soap.contract.GatewayFaultCode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.apache.cxf.transport.http_undertow.CXFUndertowHttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP body cap in front of CXF (whose own total-size limits are not to be relied on in the versions served
 * here). A request whose Content-Length is over the cap never reaches CXF: its body is read and discarded, at most
 * {@code gateway.soap.max.discard.bytes} of it (so a client that writes its whole body before reading, as most SOAP
 * toolkits do, is still listening and gets the answer instead of a broken pipe), then it is answered HTTP 500 with a
 * {@code soap:Client} fault ({@code REQUEST_TOO_LARGE}) and the connection is closed; nothing of it is kept. Any other request gets Undertow's per-exchange entity limit, so
 * a chunked body is cut off as soon as it passes the cap while CXF streams it, never after buffering it whole.
 */
final class BodyCapHandler implements CXFUndertowHttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BodyCapHandler.class);

    private final long maxBytes;
    private final long discardBytes;
    private HttpHandler next;

    BodyCapHandler(long maxBytes, long discardBytes) {
        this.maxBytes = maxBytes;
        this.discardBytes = discardBytes;
    }

    @Override
    public void setNext(HttpHandler nextHandler) {
        this.next = nextHandler;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long length = exchange.getRequestContentLength();
        if (length > maxBytes) {
            if (exchange.isInIoThread()) {
                exchange.dispatch(this); // draining blocks: not on an I/O thread
                return;
            }
            LOG.warn("SOAP_REJECTED code={} remote={} reason=Content-Length {} over the cap of {} bytes",
                    GatewayFaultCode.REQUEST_TOO_LARGE.value(), exchange.getSourceAddress(), length, maxBytes);
            long drained = drain(exchange);
            exchange.setStatusCode(500);
            exchange.setPersistent(false);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/xml; charset=UTF-8");
            exchange.getResponseSender().send(fault(length), StandardCharsets.UTF_8);
            LOG.debug("drained {} bytes of an oversize request", drained);
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

    /** Reads and discards at most the discard limit of the body; a client that went away ends the reading. */
    private long drain(HttpServerExchange exchange) {
        exchange.startBlocking();
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try {
            InputStream in = exchange.getInputStream();
            while (read < discardBytes) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, discardBytes - read));
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (IOException gone) {
            LOG.debug("oversize request: client stopped sending after {} bytes: {}", read, gone.toString());
        }
        return read;
    }

    String fault(long length) {
        return Faults.envelope(GatewayFaultCode.REQUEST_TOO_LARGE, "the request is " + length
                + " bytes; the gateway accepts at most " + maxBytes);
    }
}
