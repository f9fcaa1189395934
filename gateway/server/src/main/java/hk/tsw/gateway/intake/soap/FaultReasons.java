package hk.tsw.gateway.intake.soap;

import javax.xml.stream.XMLStreamException;

import jakarta.servlet.http.HttpServletRequest;

import hk.tsw.gateway.intake.soap.contract.GatewayFaultCode;
import hk.tsw.gateway.intake.soap.contract.GatewayFaultMessage;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last word on every fault the service sends: HTTP 500 (WS-I Basic Profile), and only a code of
 * {@link SoapFaultCode}. The service's own faults are {@code soap:Client}; requests the parser refused (a DOCTYPE, a
 * limit passed, a body cut off at the cap) or JAXB could not read against the schema become {@code soap:Client}
 * with a GatewayFault {@code BAD_REQUEST} (or {@code REQUEST_TOO_LARGE}) and the parser's own reason instead of CXF's
 * generic one, logged once as {@code SOAP_REJECTED}. Anything else is the gateway's failure: {@code soap:Server},
 * logged with its cause, with no Java text to the partner.
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
        f.setStatusCode(500);
        if (f.getCause() instanceof GatewayFaultMessage) {
            f.setFaultCode(Fault.FAULT_CODE_CLIENT);
            return;
        }
        Throwable root = f;
        boolean unreadable = false;
        boolean tooLarge = false;
        boolean unmarshal = false;
        for (Throwable c = f; c != null; c = c.getCause() == c ? null : c.getCause()) {
            root = c;
            unreadable |= c instanceof XMLStreamException;
            tooLarge |= String.valueOf(c.getMessage()).contains("request was larger than");
            unmarshal |= c instanceof jakarta.xml.bind.UnmarshalException
                    || String.valueOf(c.getMessage()).startsWith("Unmarshalling Error");
        }
        if (tooLarge) {
            reject(message, f, GatewayFaultCode.REQUEST_TOO_LARGE, "the request is larger than the gateway accepts");
        } else if (unreadable) {
            reject(message, f, GatewayFaultCode.BAD_REQUEST, "the request is not acceptable XML: "
                    + String.valueOf(root.getMessage()).replaceAll("\\s+", " ").replaceFirst(" at \\[row,col.*$", ""));
        } else if (unmarshal) {
            reject(message, f, GatewayFaultCode.BAD_REQUEST, "the request does not match the service's schema: "
                    + String.valueOf(f.getMessage()).replaceFirst("^Unmarshalling Error: ", "").replaceAll("\\s+", " "));
        } else if (SoapFaultCode.of(f.getFaultCode()).isEmpty() || f.getFaultCode().equals(Fault.FAULT_CODE_SERVER)) {
            LOG.error("SOAP request failed in the gateway: {}", f.getMessage(), f);
            f.setFaultCode(Fault.FAULT_CODE_SERVER);
            f.setMessage("the gateway could not complete the request: send it again later (what it had stored is"
                    + " answered as a duplicate)");
        }
    }

    private static void reject(Message message, Fault f, GatewayFaultCode code, String reason) {
        Object request = message.getExchange().getInMessage() == null ? null
                : message.getExchange().getInMessage().get(AbstractHTTPDestination.HTTP_REQUEST);
        LOG.warn("SOAP_REJECTED code={} remote={} reason={}", code.value(),
                request instanceof HttpServletRequest r ? r.getRemoteAddr() : "?", reason);
        Faults.asClientFault(f, code, reason);
    }
}
