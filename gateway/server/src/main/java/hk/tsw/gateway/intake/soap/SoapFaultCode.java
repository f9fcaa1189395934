package hk.tsw.gateway.intake.soap;

import java.util.Arrays;
import java.util.Optional;

import javax.xml.namespace.QName;

import org.apache.cxf.interceptor.Fault;
import org.apache.wss4j.dom.WSConstants;

/**
 * The one list of SOAP fault codes the service may send (the {@code FaultCode} enumeration of
 * {@code xsd/soap/submission.xsd}, also listed in the README and {@code docs/soap-faults.md}). {@link FaultReasons}
 * sends nothing else: a code not in this list goes out as {@code soap:Server} without the Java text behind it.
 */
enum SoapFaultCode {
    CLIENT(SoapNs.SOAP11, "Client", "soap"),
    SERVER(SoapNs.SOAP11, "Server", "soap"),
    FAILED_AUTHENTICATION(WSConstants.WSSE_NS, "FailedAuthentication", "wsse"),
    INVALID_SECURITY_TOKEN(WSConstants.WSSE_NS, "InvalidSecurityToken", "wsse"),
    INVALID_SECURITY(WSConstants.WSSE_NS, "InvalidSecurity", "wsse"),
    FAILED_CHECK(WSConstants.WSSE_NS, "FailedCheck", "wsse"),
    UNSUPPORTED_SECURITY_TOKEN(WSConstants.WSSE_NS, "UnsupportedSecurityToken", "wsse"),
    UNSUPPORTED_ALGORITHM(WSConstants.WSSE_NS, "UnsupportedAlgorithm", "wsse"),
    SECURITY_TOKEN_UNAVAILABLE(WSConstants.WSSE_NS, "SecurityTokenUnavailable", "wsse"),
    MESSAGE_EXPIRED(WSConstants.WSU_NS, "MessageExpired", "wsu"),
    TIMESTAMP_REQUIRED(SoapAuthorizer.NS, "TimestampRequired", "tsw"),
    SIGNATURE_REQUIRED(SoapAuthorizer.NS, "SignatureRequired", "tsw");

    private final QName qname;

    SoapFaultCode(String ns, String local, String prefix) {
        this.qname = new QName(ns, local, prefix);
    }

    QName qname() {
        return qname;
    }

    /** As written in the schema, the README and on the wire: {@code prefix:LocalName}. */
    String prefixed() {
        return qname.getPrefix() + ":" + qname.getLocalPart();
    }

    /** The code of a fault CXF is about to send (CXF's own client/server codes included), if it is in the list. */
    static Optional<SoapFaultCode> of(QName code) {
        if (Fault.FAULT_CODE_CLIENT.equals(code)) {
            return Optional.of(CLIENT);
        }
        if (Fault.FAULT_CODE_SERVER.equals(code)) {
            return Optional.of(SERVER);
        }
        // WSS4J puts MessageExpired in the wsse namespace where the README has always promised wsu: the WS-Security
        // codes are matched by name and go out as listed here
        boolean security = WSConstants.WSSE_NS.equals(code.getNamespaceURI())
                || WSConstants.WSU_NS.equals(code.getNamespaceURI());
        return Arrays.stream(values()).filter(c -> c.qname.getLocalPart().equals(code.getLocalPart())
                && (c.qname.getNamespaceURI().equals(code.getNamespaceURI()) || security && c.security())).findFirst();
    }

    private boolean security() {
        return WSConstants.WSSE_NS.equals(qname.getNamespaceURI()) || WSConstants.WSU_NS.equals(qname.getNamespaceURI());
    }

    private static final class SoapNs {
        static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    }
}
