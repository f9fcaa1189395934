package hk.tsw.gateway.intake.soap;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WSS4J's check of the WS-Security header (digest passwords, signatures, Timestamp freshness: 300 s old at most,
 * 60 s ahead), configured to accept whichever of the allowed tokens a partner sends (the policy per partner is
 * {@link SoapAuthorizer}'s), with the nonce and timestamp replay caches always on. Every refusal is logged as a
 * findable {@code SOAP_REJECTED} line before the fault goes back; nothing of the request is stored.
 */
final class SoapSecurityInterceptor extends WSS4JInInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(SoapSecurityInterceptor.class);

    SoapSecurityInterceptor() {
        super(true);
    }

    @Override
    public void handleMessage(SoapMessage msg) throws Fault {
        try {
            super.handleMessage(msg);
        } catch (RuntimeException e) {
            if (causedBy(e, javax.xml.stream.XMLStreamException.class)) {
                throw e; // not a security refusal: FaultReasons answers and logs it, once
            }
            SoapFault refusal = refusal(e);
            LOG.warn("SOAP_REJECTED code={} remote={} reason={}", refusal.getFaultCode().getLocalPart(), remote(msg),
                    e instanceof Fault ? e.getMessage() : e.toString());
            throw refusal;
        }
    }

    /**
     * WSS4J's own refusals keep their WS-Security code. Its crashes on tokens it cannot read (an empty
     * X509IssuerSerial: a NullPointerException in Merlin; a BinarySecurityToken that is not base64: an
     * IllegalArgumentException) are the sender's error, {@code wsse:InvalidSecurityToken}, without the Java text.
     * Failures WSS4J gives no code of its own (an untrusted certificate) are authentication failures.
     */
    private static SoapFault refusal(RuntimeException e) {
        if (e instanceof SoapFault sf) {
            // re-issued under the listed code, so the prefix on the wire is the documented one (not ns1:)
            var code = SoapFaultCode.of(sf.getFaultCode()).filter(c -> c != SoapFaultCode.CLIENT && c != SoapFaultCode.SERVER);
            if (code.isPresent()) {
                return new SoapFault(sf.getMessage(), code.get().qname());
            }
        }
        if (!(e instanceof Fault) || causedBy(e, NullPointerException.class)
                || causedBy(e, IllegalArgumentException.class)) {
            return new SoapFault(INVALID_TOKEN, SoapFaultCode.INVALID_SECURITY_TOKEN.qname());
        }
        return new SoapFault(AUTHENTICATION_FAILED, SoapFaultCode.FAILED_AUTHENTICATION.qname());
    }

    static final String AUTHENTICATION_FAILED = "The security token could not be authenticated or authorized";
    static final String INVALID_TOKEN = "An invalid security token was provided: a token or a key reference in the"
            + " WS-Security header cannot be read (for instance an empty X509IssuerSerial, or a BinarySecurityToken"
            + " that is not base64)";

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected boolean isNonceCacheRequired(List<Integer> actions, SoapMessage msg) {
        return true;
    }

    @Override
    protected boolean isTimestampCacheRequired(List<Integer> actions, SoapMessage msg) {
        return true;
    }

    static String remote(SoapMessage msg) {
        Object request = msg.get(AbstractHTTPDestination.HTTP_REQUEST);
        return request instanceof HttpServletRequest r ? r.getRemoteAddr() : "?";
    }
}
