package hk.tsw.gateway.intake.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18 item 8: the WSDL served at ?wsdl publishes the WS-SecurityPolicy the service enforces (UsernameToken
 * digest + Timestamp, or an X.509 asymmetric binding), attached to the binding. That nothing changed for clients is
 * shown by SoapSecurityTest and the client example tests, which run against the same service.
 */
@ExtendWith(SoapGateway.Closer.class)
class PublishedPolicyTest {

    @Test
    void the_served_wsdl_carries_the_security_policy_on_its_binding() throws Exception {
        SoapGateway soap = SoapGateway.get();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(soap.url + "?wsdl"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        String wsdl = r.body();
        String sp = "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702";
        assertTrue(wsdl.contains(sp), wsdl);
        assertTrue(wsdl.matches("(?s).*<wsp:Policy[^>]*wsu:Id=\"SubmissionSecurityPolicy\".*"), wsdl);
        assertTrue(wsdl.matches("(?s).*<wsdl:binding[^>]*>.*<wsp:PolicyReference URI=\"#SubmissionSecurityPolicy\".*"),
                wsdl);
        assertTrue(wsdl.matches("(?s).*<sp:UsernameToken[^>]*>\\s*<wsp:Policy>\\s*<sp:HashPassword/>.*"), wsdl);
        assertTrue(wsdl.contains("<sp:AsymmetricBinding>") && wsdl.contains("<sp:IncludeTimestamp/>")
                && wsdl.contains("<sp:X509Token"), wsdl);
    }
}
