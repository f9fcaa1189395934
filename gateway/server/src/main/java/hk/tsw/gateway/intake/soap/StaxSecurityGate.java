package hk.tsw.gateway.intake.soap;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.apache.cxf.transport.http_undertow.CXFUndertowHttpHandler;

/**
 * Holds a SOAP request (and a {@code ?wsdl} GET) until WSS4J's StAX side has been initialised
 * ({@link StaxSecurityInit}): CXF reaches for it at the first request, and must find it done, not start it under the
 * wrong SAX parser. Once done, a request passes with one volatile read. Waiting blocks, so not on an I/O thread.
 */
final class StaxSecurityGate implements CXFUndertowHttpHandler {

    private final StaxSecurityInit init;
    private HttpHandler next;

    StaxSecurityGate(StaxSecurityInit init) {
        this.init = init;
    }

    @Override
    public void setNext(HttpHandler nextHandler) {
        this.next = nextHandler;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!init.done()) {
            if (exchange.isInIoThread()) {
                exchange.dispatch(this);
                return;
            }
            init.await();
        }
        next.handleRequest(exchange);
    }
}
