package hk.tsw.gateway.intake.soap;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.callback.CallbackHandler;

import hk.tsw.gateway.intake.soap.contract.SubmissionPortType;
import hk.tsw.gateway.intake.soap.contract.SubmissionService;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.dom.handler.WSHandlerConstants;

/**
 * Clients of the gateway's SOAP service for tests of any package: generated from the WSDL the running service
 * publishes, with CXF's own WS-Security out-interceptor (one copy: SoapGateway and the pipeline tests use it).
 */
public final class SoapClients {

    private SoapClients() {
    }

    /** A client sending a UsernameToken (PasswordDigest, nonce, created) and a Timestamp to {@code url}. */
    public static SubmissionPortType usernameToken(String url, String user, String password) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put(WSHandlerConstants.ACTION, WSHandlerConstants.TIMESTAMP + " " + WSHandlerConstants.USERNAME_TOKEN);
        p.put(WSHandlerConstants.USER, user);
        p.put(WSHandlerConstants.PASSWORD_TYPE, "PasswordDigest");
        p.put(WSHandlerConstants.PW_CALLBACK_REF, passwords(password));
        return withSecurity(url, p);
    }

    /** A client of {@code url} whose requests WSS4J secures as {@code props} say. */
    static SubmissionPortType withSecurity(String url, Map<String, Object> props) throws Exception {
        SubmissionPortType port = new SubmissionService(new URL(url + "?wsdl")).getSubmissionPort();
        ((jakarta.xml.ws.BindingProvider) port).getRequestContext()
                .put(jakarta.xml.ws.BindingProvider.ENDPOINT_ADDRESS_PROPERTY, url);
        ClientProxy.getClient(port).getOutInterceptors().add(new WSS4JOutInterceptor(props));
        return port;
    }

    static CallbackHandler passwords(String password) {
        return callbacks -> {
            for (var c : callbacks) {
                ((WSPasswordCallback) c).setPassword(password);
            }
        };
    }
}
