package hk.tsw.gateway.intake.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.intake.soap.contract.GatewayFaultMessage;
import hk.tsw.gateway.intake.soap.contract.SubmissionPortType;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import hk.tsw.gateway.testsupport.WsseEnvelope;

/**
 * WS-Security of the SOAP service against the real server: each refusal is a SOAP fault with its own code and
 * reason, and nothing is stored, queued or forwarded. Each attack has its control: the same request done right
 * is accepted.
 */
@org.junit.jupiter.api.extension.ExtendWith(SoapGateway.Closer.class)
class SoapSecurityTest {

    static SoapGateway soap;

    @BeforeAll
    static void start() throws Exception {
        soap = SoapGateway.get();
    }

    private static String declaration(String reference) throws Exception {
        return SoapSubmissionTest.withReference(SoapSubmissionTest.sample("TT_IM017a.xml"), reference);
    }

    private static String faultCode(String body) {
        return body.replaceAll("(?s).*<faultcode[^>]*>([^<]*)</faultcode>.*", "$1");
    }

    @Test
    void a_wrong_password_is_refused_and_nothing_is_forwarded() throws Exception {
        SubmissionPortType wrong = soap.usernameClient("demotrader", "not-the-password");
        SoapGateway.Forwarded before = soap.forwarded();
        SOAPFaultException f = assertThrows(SOAPFaultException.class,
                () -> wrong.submitDocument(SoapSubmissionTest.xmlRequest(declaration("SEC-PWD-1"))));
        assertEquals("FailedAuthentication", f.getFault().getFaultCodeAsQName().getLocalPart());
        assertEquals("The security token could not be authenticated or authorized", f.getFault().getFaultString());
        assertEquals(before, soap.forwarded());
        SubmissionPortType right = soap.usernameClient("demotrader", SoapGateway.DEMOTRADER_PASSWORD);
        assertEquals("RECEIVED", right.submitDocument(SoapSubmissionTest.xmlRequest(declaration("SEC-PWD-1")))
                .getState(), "control: the right password");
    }

    @Test
    void a_password_in_plain_text_is_refused_even_when_it_is_right() throws Exception {
        String digest = WsseEnvelope.envelope("demotrader", SoapGateway.DEMOTRADER_PASSWORD, WsseEnvelope.nonce(),
                Instant.now(), "<tsw:GetResponsesRequest/>");
        String plain = digest.replace("#PasswordDigest", "#PasswordText")
                .replaceFirst("(<wsse:Password [^>]*>)[^<]*<", "$1" + SoapGateway.DEMOTRADER_PASSWORD + "<");
        var response = soap.post(plain.getBytes(StandardCharsets.UTF_8));
        assertEquals("wsse:FailedAuthentication", faultCode(response.body()), response.body());
        assertTrue(response.body().contains("PasswordDigest"), response.body());
        assertTrue(soap.post(WsseEnvelope.envelope("demotrader", SoapGateway.DEMOTRADER_PASSWORD, WsseEnvelope.nonce(),
                Instant.now(), "<tsw:GetResponsesRequest/>").getBytes(StandardCharsets.UTF_8)).body()
                .contains("GetResponsesResponse"), "control: the same request with the digest");
    }

    @Test
    void a_replayed_nonce_is_refused_and_nothing_is_forwarded_again() throws Exception {
        byte[] envelope = WsseEnvelope.envelope("demotrader", SoapGateway.DEMOTRADER_PASSWORD, WsseEnvelope.nonce(),
                Instant.now(), WsseEnvelope.submitXml(declaration("SEC-REPLAY-1"))).getBytes(StandardCharsets.UTF_8);
        var first = soap.post(envelope);
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("<State>RECEIVED</State>"), "control: the first use of the nonce");
        SoapGateway.Forwarded before = soap.forwarded();
        var replay = soap.post(envelope);
        assertEquals(500, replay.statusCode());
        assertEquals("wsse:InvalidSecurity", faultCode(replay.body()), replay.body());
        assertTrue(replay.body().contains("A replay attack has been detected"), replay.body());
        assertEquals(before, soap.forwarded(), "the replay was neither stored nor forwarded");
    }

    @Test
    void a_timestamp_older_than_five_minutes_is_refused() throws Exception {
        Instant stale = Instant.now().minusSeconds(301);
        SoapGateway.Forwarded before = soap.forwarded();
        var response = soap.post(WsseEnvelope.envelope("demotrader", SoapGateway.DEMOTRADER_PASSWORD,
                WsseEnvelope.nonce(), stale, WsseEnvelope.submitXml(declaration("SEC-STALE-1")))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("wsu:MessageExpired", faultCode(response.body()), response.body());
        assertEquals(before, soap.forwarded());
        var fresh = soap.post(WsseEnvelope.envelope("demotrader", SoapGateway.DEMOTRADER_PASSWORD,
                WsseEnvelope.nonce(), Instant.now().minusSeconds(240), WsseEnvelope.submitXml(declaration("SEC-STALE-1")))
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(fresh.body().contains("<State>RECEIVED</State>"), "control: four minutes old is fine " + fresh.body());
    }

    @Test
    void a_request_without_a_signed_body_is_refused_where_the_partner_must_sign() throws Exception {
        String xml = declaration("SEC-SIGN-1").replace("GB603202734852", "GB999999999999");
        SoapGateway.Forwarded before = soap.forwarded();
        SubmissionPortType unsigned = soap.usernameClient("demosigner", SoapGateway.DEMOSIGNER_PASSWORD);
        SOAPFaultException f = assertThrows(SOAPFaultException.class,
                () -> unsigned.submitDocument(SoapSubmissionTest.xmlRequest(xml)));
        assertEquals("SignatureRequired", f.getFault().getFaultCodeAsQName().getLocalPart());
        var p12 = TestEngine.REPO.resolve("gateway/server/src/test/resources/soap/demosigner-soap.p12");
        SubmissionPortType timestampOnly = soap.signingClient(p12, "demosigner", "test-only",
                "{}{" + WsseEnvelope.WSU + "}Timestamp");
        f = assertThrows(SOAPFaultException.class, () -> timestampOnly.submitDocument(SoapSubmissionTest.xmlRequest(xml)));
        assertEquals("SignatureRequired", f.getFault().getFaultCodeAsQName().getLocalPart(), "a signature not over the Body");
        assertEquals(before, soap.forwarded());
        SubmissionPortType signed = soap.signingClient(p12, "demosigner", "test-only", SoapGateway.SIGN_BODY_AND_TIMESTAMP);
        assertEquals("RECEIVED", signed.submitDocument(SoapSubmissionTest.xmlRequest(xml)).getState(),
                "control: signed with its certificate");
    }

    @Test
    void a_partner_declaring_another_partners_declarant_is_refused_and_the_rejection_recorded() throws Exception {
        String theirs = SoapSubmissionTest.withReference(SoapSubmissionTest.sample("hk-import-zh.xml"), "SEC-OTHER-1");
        SubmissionPortType trader = soap.usernameClient("demotrader", SoapGateway.DEMOTRADER_PASSWORD);
        SoapGateway.Forwarded before = soap.forwarded();
        GatewayFaultMessage f = assertThrows(GatewayFaultMessage.class,
                () -> trader.submitDocument(SoapSubmissionTest.xmlRequest(theirs)));
        assertEquals("NOT_SUBMITTER", f.getFaultInfo().getCode().value());
        assertTrue(f.getFaultInfo().getError().get(0).getMessage().contains("submitter 'HK30000009' is not a"
                + " declarant/submitter id of partner DEMOTRADER"), f.getFaultInfo().getError().get(0).getMessage());
        assertEquals(before, soap.forwarded());
        assertEquals("REJECTED", SoapSubmissionTest.status(trader, f.getFaultInfo().getMessageId()).getState());
        SubmissionPortType owner = soap.usernameClient("demofwd", SoapGateway.DEMOFWD_PASSWORD);
        assertEquals("RECEIVED", owner.submitDocument(SoapSubmissionTest.xmlRequest(theirs)).getState(),
                "control: its own declarant may lodge it");
    }

    @Test
    void an_edifact_interchange_from_another_partners_sender_id_is_refused() throws Exception {
        byte[] edi = java.nio.file.Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"),
                StandardCharsets.ISO_8859_1).replace("WH25031200017", "SECEDI1").getBytes(StandardCharsets.ISO_8859_1);
        var interchange = new hk.tsw.gateway.intake.soap.contract.Interchange();
        interchange.setValue(edi);
        interchange.setContentType(hk.tsw.gateway.intake.soap.contract.ContentType.APPLICATION_EDIFACT);
        var request = new hk.tsw.gateway.intake.soap.contract.SubmitDocumentRequest();
        request.setInterchange(interchange);
        SoapGateway.Forwarded before = soap.forwarded();
        GatewayFaultMessage f = assertThrows(GatewayFaultMessage.class,
                () -> soap.usernameClient("demotrader", SoapGateway.DEMOTRADER_PASSWORD).submitDocument(request));
        assertEquals("NOT_SUBMITTER", f.getFaultInfo().getCode().value());
        assertTrue(f.getFaultInfo().getError().get(0).getMessage().contains("[0085=23]"));
        assertEquals(before, soap.forwarded());
    }

    @Test
    void a_request_without_ws_security_or_without_a_timestamp_is_refused() throws Exception {
        String body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:tsw=\""
                + SoapAuthorizer.NS + "\"><soap:Body><tsw:GetResponsesRequest/></soap:Body></soap:Envelope>";
        var response = soap.post(body.getBytes(StandardCharsets.UTF_8));
        assertEquals("tsw:TimestampRequired", faultCode(response.body()), response.body());
        String noTimestamp = WsseEnvelope.envelope("demotrader", SoapGateway.DEMOTRADER_PASSWORD, WsseEnvelope.nonce(),
                Instant.now(), "<tsw:GetResponsesRequest/>").replaceFirst("<wsu:Timestamp.*</wsu:Timestamp>", "");
        response = soap.post(noTimestamp.getBytes(StandardCharsets.UTF_8));
        assertEquals("tsw:TimestampRequired", faultCode(response.body()), response.body());
    }
}
