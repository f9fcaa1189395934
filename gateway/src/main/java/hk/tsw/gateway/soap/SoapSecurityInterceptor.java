package hk.tsw.gateway.soap;

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
        } catch (SoapFault f) {
            LOG.warn("SOAP_REJECTED code={} remote={} reason={}", f.getFaultCode().getLocalPart(), remote(msg),
                    f.getMessage());
            throw f;
        }
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
