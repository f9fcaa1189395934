package hk.tsw.gateway.intake.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import hk.tsw.gateway.intake.soap.contract.SubmissionPortType;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.apache.wss4j.dom.WSConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import hk.tsw.gateway.testsupport.WsseEnvelope;

/**
 * What independent SOAP toolkits ran into (issue 18): tokens WSS4J cannot read, an untrusted certificate, the
 * schema's request limits and refusals logged twice. Each refusal is a fault on HTTP 500 with a code of the one list
 * ({@link SoapFaultCode}), no Java text, and exactly one {@code SOAP_REJECTED} line; each has its control.
 */
@org.junit.jupiter.api.extension.ExtendWith(SoapGateway.Closer.class)
class SoapFaultsTest {

    static SoapGateway soap;
    private RejectionLog log;

    @BeforeAll
    static void start() throws Exception {
        soap = SoapGateway.get();
    }

    @BeforeEach
    void listen() {
        log = RejectionLog.attach();
    }

    @AfterEach
    void stopListening() {
        log.close();
    }

    private static String faultCode(String body) {
        return body.replaceAll("(?s).*<faultcode[^>]*>([^<]*)</faultcode>.*", "$1");
    }

    private static String withToken(String token, String body) throws Exception {
        return WsseEnvelope.envelope("demotrader", SoapGateway.DEMOTRADER_PASSWORD, WsseEnvelope.nonce(), Instant.now(),
                body).replace("</wsse:UsernameToken>", "</wsse:UsernameToken>" + token);
    }

    private static String signature(String keyInfo) {
        return "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"SIG-1\"><ds:SignedInfo>"
                + "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                + "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
                + "<ds:Reference URI=\"#TS-1\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2001/10/"
                + "xml-exc-c14n#\"/></ds:Transforms><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#"
                + "sha256\"/><ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue></ds:Reference>"
                + "</ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue><ds:KeyInfo>"
                + "<wsse:SecurityTokenReference>" + keyInfo + "</wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature>";
    }

    private void assertInvalidToken(String envelope) throws Exception {
        var response = soap.post(envelope.getBytes(StandardCharsets.UTF_8));
        assertEquals(500, response.statusCode(), response.body());
        assertEquals("wsse:InvalidSecurityToken", faultCode(response.body()), response.body());
        for (String javaText : List.of("Exception", "null name", "4-byte", "java.", "Illegal base64")) {
            assertFalse(response.body().contains(javaText), "no Java text: " + response.body());
        }
        assertEquals(List.of("InvalidSecurityToken"), log.codes(), "logged once as refused");
    }

    @Test
    void an_empty_x509_issuer_serial_is_an_invalid_security_token_logged_as_refused() throws Exception {
        // what zeep's Signature sends: an X509IssuerSerial left empty by xmlsec
        assertInvalidToken(withToken(signature("<ds:X509Data><ds:X509IssuerSerial/></ds:X509Data>"),
                "<tsw:GetResponsesRequest/>"));
        var control = soap.post(withToken("", "<tsw:GetResponsesRequest/>").getBytes(StandardCharsets.UTF_8));
        assertTrue(control.body().contains("GetResponsesResponse"), "control: without the token " + control.body());
    }

    @Test
    void a_binary_security_token_that_is_not_base64_is_an_invalid_security_token_logged_as_refused() throws Exception {
        String bst = "<wsse:BinarySecurityToken EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401"
                + "-wss-soap-message-security-1.0#Base64Binary\" ValueType=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-x509-token-profile-1.0#X509v3\" wsu:Id=\"X509-1\">%s</wsse:BinarySecurityToken>";
        String ref = "<wsse:Reference URI=\"#X509-1\" ValueType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401"
                + "-wss-x509-token-profile-1.0#X509v3\"/>";
        assertInvalidToken(withToken(bst.formatted("MIIB=A") + signature(ref), "<tsw:GetResponsesRequest/>"));
    }

    @Test
    void a_certificate_no_partner_holds_is_a_failed_authentication() throws Exception {
        Path dir = Files.createTempDirectory("tsw-untrusted");
        Path p12 = dir.resolve("stranger.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "stranger", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=stranger",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "test-only",
                "-keypass", "test-only").redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        SubmissionPortType stranger = soap.signingClient(p12, "stranger", "test-only", SoapGateway.SIGN_BODY_AND_TIMESTAMP);
        SOAPFaultException f = assertThrows(SOAPFaultException.class,
                () -> stranger.getResponses(new hk.tsw.gateway.intake.soap.contract.GetResponsesRequest()));
        assertEquals(SoapFaultCode.FAILED_AUTHENTICATION.qname(), f.getFault().getFaultCodeAsQName());
        assertEquals(WSConstants.WSSE_NS, f.getFault().getFaultCodeAsQName().getNamespaceURI());
        assertEquals(List.of("FailedAuthentication"), log.codes());
        var p12Signer = hk.tsw.gateway.testsupport.TestEngine.REPO.resolve("gateway/server/src/test/resources/soap/demosigner-soap.p12");
        assertTrue(soap.signingClient(p12Signer, "demosigner", "test-only", SoapGateway.SIGN_BODY_AND_TIMESTAMP)
                .getResponses(new hk.tsw.gateway.intake.soap.contract.GetResponsesRequest()) != null, "control: a partner's own");
    }

    @Test
    void the_schemas_request_limits_are_enforced_with_bad_request() throws Exception {
        for (String bad : List.of("<tsw:GetResponsesRequest><tsw:MaxCount>0</tsw:MaxCount></tsw:GetResponsesRequest>",
                "<tsw:GetResponsesRequest><tsw:MaxCount>500</tsw:MaxCount></tsw:GetResponsesRequest>",
                "<tsw:GetResponsesRequest><tsw:MaxCount>abc</tsw:MaxCount></tsw:GetResponsesRequest>",
                acknowledge(101))) {
            var response = soap.post(withToken("", bad).getBytes(StandardCharsets.UTF_8));
            assertEquals(500, response.statusCode(), response.body());
            assertEquals("soap:Client", faultCode(response.body()), response.body());
            assertTrue(response.body().matches("(?s).*<(\\w+:)?Code>BAD_REQUEST</(\\w+:)?Code>.*"), response.body());
        }
        assertEquals(4, log.codes().size(), "each refusal logged once " + log.codes());
        for (String good : List.of("<tsw:GetResponsesRequest><tsw:MaxCount>1</tsw:MaxCount></tsw:GetResponsesRequest>",
                "<tsw:GetResponsesRequest><tsw:MaxCount>100</tsw:MaxCount></tsw:GetResponsesRequest>")) {
            var response = soap.post(withToken("", good).getBytes(StandardCharsets.UTF_8));
            assertTrue(response.body().contains("GetResponsesResponse"), "control: " + good + " " + response.body());
        }
        var ack = soap.post(withToken("", acknowledge(100)).getBytes(StandardCharsets.UTF_8));
        assertTrue(ack.body().contains("<Acknowledged>0</Acknowledged>") || ack.body().contains("Acknowledged>0<"),
                "control: 100 ids of nothing " + ack.body());
    }

    @Test
    void a_depth_limit_refusal_is_logged_once() throws Exception {
        String nested = "<md:MetaData xmlns:md=\"urn:wco:datamodel:WCO:DocumentMetaData-DMS:2\">" + "<x>".repeat(70)
                + "</x>".repeat(70) + "</md:MetaData>";
        var response = soap.post(withToken("", WsseEnvelope.submitXml(nested)).getBytes(StandardCharsets.UTF_8));
        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("Maximum Element Depth limit (64) Exceeded"), response.body());
        assertEquals(List.of("BAD_REQUEST"), log.codes());
    }

    private static String acknowledge(int ids) {
        StringBuilder b = new StringBuilder("<tsw:AcknowledgeResponsesRequest>");
        for (int i = 0; i < ids; i++) {
            b.append("<tsw:ResponseId>").append(900_000_000L + i).append("</tsw:ResponseId>");
        }
        return b.append("</tsw:AcknowledgeResponsesRequest>").toString();
    }
}
