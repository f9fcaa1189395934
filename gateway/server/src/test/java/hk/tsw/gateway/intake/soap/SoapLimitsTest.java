package hk.tsw.gateway.intake.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import hk.tsw.gateway.testsupport.WsseEnvelope;

/**
 * Hostile XML against the SOAP endpoint over raw HTTP, each with a valid UsernameToken so that only the attack can
 * be the reason for the refusal: external entities, entity expansion, an oversize body (by Content-Length and
 * chunked) and nesting deeper than the limit. Each gets a fault on HTTP 500 and nothing is stored or forwarded; each
 * control shows the same request without the attack passes the same door.
 */
@org.junit.jupiter.api.extension.ExtendWith(SoapGateway.Closer.class)
class SoapLimitsTest {

    static SoapGateway soap;

    @BeforeAll
    static void start() throws Exception {
        soap = SoapGateway.get();
    }

    private static byte[] signedIn(String prolog, String body) throws Exception {
        return WsseEnvelope.envelope(prolog, "demotrader", SoapGateway.DEMOTRADER_PASSWORD, WsseEnvelope.nonce(),
                Instant.now(), body).getBytes(StandardCharsets.UTF_8);
    }

    private static String declaration(String reference) throws Exception {
        return SoapSubmissionTest.withReference(SoapSubmissionTest.sample("TT_IM017a.xml"), reference);
    }

    @Test
    void an_external_entity_is_refused_and_never_read() throws Exception {
        SoapGateway.Forwarded before = soap.forwarded();
        var response = soap.post(signedIn("<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                WsseEnvelope.submitXml(declaration("LIM-XXE-1").replace("LIM-XXE-1", "&xxe;"))));
        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("<faultcode>soap:Client</faultcode>"), response.body());
        assertTrue(response.body().contains("the request is not acceptable XML: Received event DTD"), response.body());
        assertFalse(response.body().contains("root:"), "the file was not read");
        assertEquals(before, soap.forwarded());
    }

    @Test
    void entity_expansion_is_refused() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE soap:Envelope [<!ENTITY a0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        SoapGateway.Forwarded before = soap.forwarded();
        var response = soap.post(signedIn(dtd.toString(),
                WsseEnvelope.submitXml(declaration("LIM-LOL-1").replace("LIM-LOL-1", "&a10;"))));
        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("the request is not acceptable XML: Received event DTD"), response.body());
        assertEquals(before, soap.forwarded());
    }

    @Test
    void a_body_over_the_cap_gets_a_fault_on_http_500_once_its_body_is_discarded() throws Exception {
        String filler = "<!--" + "x".repeat((int) SoapGateway.BODY_CAP) + "-->";
        SoapGateway.Forwarded before = soap.forwarded();
        var response = soap.post(signedIn("", WsseEnvelope.submitXml(declaration("LIM-BIG-1") + filler)));
        assertEquals(500, response.statusCode(), "WS-I Basic Profile: faults on HTTP 500");
        assertTrue(response.body().contains("<tsw:Code>REQUEST_TOO_LARGE</tsw:Code>") && response.body().contains("at most "
                + SoapGateway.BODY_CAP), response.body());
        byte[] chunked = signedIn("", WsseEnvelope.submitXml(declaration("LIM-BIG-2") + filler));
        try {
            var streamed = soap.post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)));
            assertEquals(500, streamed.statusCode(), "chunked, no Content-Length: cut off at the cap, a fault on HTTP 500");
            assertTrue(streamed.body().contains("Unexpected end of input"), streamed.body());
        } catch (java.io.IOException closed) {
            // the server closed the connection at the cap while the client was still sending: refused as well
        }
        assertEquals(before, soap.forwarded());
        var control = soap.post(signedIn("", WsseEnvelope.submitXml(declaration("LIM-BIG-3")
                + "<!--" + "x".repeat(500_000) + "-->")));
        assertTrue(control.body().contains("<State>RECEIVED</State>"), "control: under the cap " + control.body());
    }

    @Test
    void nesting_deeper_than_the_limit_is_refused() throws Exception {
        SoapGateway.Forwarded before = soap.forwarded();
        var response = soap.post(signedIn("", WsseEnvelope.submitXml(nested(70))));
        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("Maximum Element Depth limit (64) Exceeded"), response.body());
        assertEquals(before, soap.forwarded());
        var control = soap.post(signedIn("", WsseEnvelope.submitXml(nested(50))));
        assertTrue(control.body().contains("INVALID_DOCUMENT"), "control: 50 levels pass the door and reach the"
                + " document checks " + control.body());
    }

    @Test
    void more_elements_than_the_total_limit_are_refused_while_reading() throws Exception {
        // each sibling is fine for the per-element limits (children per element: 50,000); only the total is passed
        String many = "<md:MetaData xmlns:md=\"urn:wco:datamodel:WCO:DocumentMetaData-DMS:2\">"
                + "<x/>".repeat(SoapGateway.MAX_ELEMENTS + 10) + "</md:MetaData>";
        SoapGateway.Forwarded before = soap.forwarded();
        var response = soap.post(signedIn("", WsseEnvelope.submitXml(many)));
        assertEquals(500, response.statusCode(), response.body());
        assertTrue(response.body().contains("Maximum Element Count limit (" + SoapGateway.MAX_ELEMENTS + ") Exceeded"),
                response.body());
        assertEquals(before, soap.forwarded());
        var control = soap.post(signedIn("", WsseEnvelope.submitXml(many.replace("<x/>".repeat(100), ""))));
        assertTrue(control.body().contains("INVALID_DOCUMENT"), "control: under the total it reaches the document"
                + " checks " + control.body());
    }

    /** A DEC-DMS root with {@code depth} nested elements inside (the envelope adds 4 levels above). */
    private static String nested(int depth) {
        return "<md:MetaData xmlns:md=\"urn:wco:datamodel:WCO:DocumentMetaData-DMS:2\">" + "<x>".repeat(depth)
                + "</x>".repeat(depth) + "</md:MetaData>";
    }
}
