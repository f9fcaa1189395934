package hk.tsw.gateway.intake.soap;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.namespace.QName;

import hk.tsw.gateway.partner.Partner;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.binding.soap.saaj.SAAJUtils;
import org.apache.cxf.helpers.CastUtils;
import org.apache.cxf.phase.Phase;
import org.apache.wss4j.common.principal.WSUsernameTokenPrincipalImpl;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Decides who is calling, from what WSS4J verified: a Timestamp is always required; a UsernameToken must use
 * PasswordDigest with a nonce and Created (so the replay cache applies) and belong to a partner allowed
 * {@code USERNAME_TOKEN}; a signature must cover the very Body and Timestamp of this message and be made with a
 * certificate from a partner allowed {@code X509_SIGNATURE}; a partner with {@code requireSignature} needs the
 * signature. The partner's id is put on the exchange ({@link #PARTNER}) for the service. Each refusal is a SOAP
 * fault with its own code, logged as {@code SOAP_REJECTED}.
 */
final class SoapAuthorizer extends AbstractSoapInterceptor {

    /** Exchange key of the authenticated partner's id. */
    static final String PARTNER = "tsw.soap.partner";
    static final String NS = "urn:hk:tsw:soap:submission:1";

    private static final Logger LOG = LoggerFactory.getLogger(SoapAuthorizer.class);

    private final SoapPartners partners;

    SoapAuthorizer(SoapPartners partners) {
        super(Phase.PRE_PROTOCOL);
        getAfter().add(SoapSecurityInterceptor.class.getName());
        this.partners = partners;
    }

    @Override
    public void handleMessage(SoapMessage msg) {
        List<WSSecurityEngineResult> results = new ArrayList<>();
        List<WSHandlerResult> handlerResults = CastUtils.cast((List<?>) msg.get(WSHandlerConstants.RECV_RESULTS));
        if (handlerResults != null) {
            handlerResults.forEach(r -> results.addAll(r.getResults()));
        }
        if (results.stream().noneMatch(r -> action(r) == WSConstants.TS)) {
            throw refuse(msg, SoapFaultCode.TIMESTAMP_REQUIRED, "a WS-Security header with a Timestamp is required", null);
        }
        Partner byToken = null;
        for (WSSecurityEngineResult r : results) {
            if (action(r) == WSConstants.UT) {
                byToken = userOf(msg, r);
            }
        }
        Partner bySignature = null;
        for (WSSecurityEngineResult r : results) {
            if (action(r) == WSConstants.SIGN) {
                bySignature = signerOf(msg, r);
            }
        }
        if (byToken == null && bySignature == null) {
            throw refuse(msg, SoapFaultCode.FAILED_AUTHENTICATION, "a UsernameToken (PasswordDigest) or an X.509 signature of the"
                    + " Body is required", null);
        }
        if (byToken != null && bySignature != null && !byToken.id().equals(bySignature.id())) {
            throw refuse(msg, SoapFaultCode.FAILED_AUTHENTICATION, "the UsernameToken and the signature name different partners",
                    byToken.id());
        }
        Partner partner = bySignature != null ? bySignature : byToken;
        if (bySignature == null && partner.soap().orElseThrow().requireSignature()) {
            throw refuse(msg, SoapFaultCode.SIGNATURE_REQUIRED, "partner " + partner.id() + " must sign the Body with its"
                    + " certificate (X.509 signature)", partner.id());
        }
        msg.getExchange().put(PARTNER, partner.id());
    }

    private Partner userOf(SoapMessage msg, WSSecurityEngineResult r) {
        WSUsernameTokenPrincipalImpl p = (WSUsernameTokenPrincipalImpl) r.get(WSSecurityEngineResult.TAG_PRINCIPAL);
        if (!WSConstants.PASSWORD_DIGEST.equals(p.getPasswordType()) || p.getNonce() == null
                || p.getCreatedTime() == null) {
            throw refuse(msg, SoapFaultCode.FAILED_AUTHENTICATION, "the UsernameToken must use PasswordDigest with a Nonce and"
                    + " Created", null);
        }
        Optional<Partner> partner = partners.byUser(p.getName());
        if (partner.isEmpty() || !partner.get().soap().orElseThrow().authentication()
                .contains(Partner.SoapAuthentication.USERNAME_TOKEN)) {
            throw refuse(msg, SoapFaultCode.FAILED_AUTHENTICATION, "the security token could not be authenticated", null);
        }
        return partner.get();
    }

    private Partner signerOf(SoapMessage msg, WSSecurityEngineResult r) {
        X509Certificate cert = (X509Certificate) r.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
        Optional<Partner> partner = cert == null ? Optional.empty() : partners.byCertificate(cert);
        if (partner.isEmpty() || !partner.get().soap().orElseThrow().authentication()
                .contains(Partner.SoapAuthentication.X509_SIGNATURE)) {
            throw refuse(msg, SoapFaultCode.FAILED_AUTHENTICATION, "the signing certificate is not a partner's SOAP certificate", null);
        }
        Element body;
        try {
            body = SAAJUtils.getBody(msg.getContent(jakarta.xml.soap.SOAPMessage.class));
        } catch (jakarta.xml.soap.SOAPException e) {
            throw refuse(msg, SoapFaultCode.INVALID_SECURITY, "the message has no readable Body", partner.get().id());
        }
        List<WSDataRef> refs = CastUtils.cast((List<?>) r.get(WSSecurityEngineResult.TAG_DATA_REF_URIS));
        // the very Body of this message (SAAJ wraps DOM nodes: compare the DOM nodes), not a look-alike elsewhere
        org.w3c.dom.Node bodyNode = org.apache.cxf.helpers.DOMUtils.getDomElement(body);
        boolean bodySigned = refs != null && refs.stream().anyMatch(d -> d.getProtectedElement() != null
                && org.apache.cxf.helpers.DOMUtils.getDomElement(d.getProtectedElement()).isSameNode(bodyNode));
        if (!bodySigned && refs != null) {
            LOG.debug("signed {} but the body is {}", refs.stream().map(d -> d.getProtectedElement()).toList(), bodyNode);
        }
        boolean timestampSigned = refs != null && refs.stream().anyMatch(d -> new QName(WSConstants.WSU_NS,
                "Timestamp").equals(d.getName()));
        if (!bodySigned || !timestampSigned) {
            throw refuse(msg, SoapFaultCode.SIGNATURE_REQUIRED, "the signature must cover this message's Body and Timestamp",
                    partner.get().id());
        }
        return partner.get();
    }

    private static int action(WSSecurityEngineResult r) {
        Object a = r.get(WSSecurityEngineResult.TAG_ACTION);
        return a instanceof Integer i ? i : -1;
    }

    private static SoapFault refuse(SoapMessage msg, SoapFaultCode code, String reason, String partner) {
        LOG.warn("SOAP_REJECTED code={} partner={} remote={} reason={}", code.qname().getLocalPart(), partner,
                SoapSecurityInterceptor.remote(msg), reason);
        return new SoapFault(reason, code.qname());
    }
}
