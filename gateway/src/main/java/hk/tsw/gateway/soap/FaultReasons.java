package hk.tsw.gateway.soap;

import javax.xml.stream.XMLStreamException;

import jakarta.servlet.http.HttpServletRequest;

import hk.tsw.gateway.soap.contract.GatewayFaultMessage;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the sender's faults say so: the service's own faults (bad document, unknown id) and requests the parser
 * refused (a DOCTYPE, a limit passed, a body cut off at the cap) are {@code soap:Client}, and for the latter the
 * parser's own reason replaces CXF's generic "Problems creating SAAJ object model" (HTTP 400, logged as
 * {@code SOAP_REJECTED}).
 */
final class FaultReasons extends AbstractPhaseInterceptor<Message> {

    private static final Logger LOG = LoggerFactory.getLogger(FaultReasons.class);

    FaultReasons() {
        super(Phase.PRE_LOGICAL);
    }

    @Override
    public void handleMessage(Message message) {
        if (!(message.getContent(Exception.class) instanceof Fault f)) {
            return;
        }
        if (f.getCause() instanceof GatewayFaultMessage) {
            f.setFaultCode(Fault.FAULT_CODE_CLIENT);
            return;
        }
        Throwable root = f;
        boolean unreadable = false;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            unreadable |= root instanceof XMLStreamException;
        }
        if (unreadable) {
            String reason = "the request is not acceptable XML: " + String.valueOf(root.getMessage())
                    .replaceAll("\\s+", " ").replaceFirst(" at \\[row,col.*$", "");
            Object request = message.getExchange().getInMessage() == null ? null
                    : message.getExchange().getInMessage().get(AbstractHTTPDestination.HTTP_REQUEST);
            LOG.warn("SOAP_REJECTED code=UnreadableRequest remote={} reason={}",
                    request instanceof HttpServletRequest r ? r.getRemoteAddr() : "?", reason);
            f.setMessage(reason);
            f.setFaultCode(Fault.FAULT_CODE_CLIENT);
            f.setStatusCode(400);
        }
    }
}
