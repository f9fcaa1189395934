package hk.tsw.gateway.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;


/**
 * The demo partner DEMOFWD lodging by AS2 (signed, encrypted, signed synchronous MDN requested) and by SOAP
 * (UsernameToken with its DEMO-ONLY password, the interchange as base64), as a process-level test needs it: one call
 * per attempt, every wait bounded, the answer returned as it came.
 */
public final class PartnerPosts {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int as2Port;
    private final int soapPort;
    private final As2Posts as2 = new As2Posts();

    public PartnerPosts(int as2Port, int soapPort) throws Exception {
        this.as2Port = as2Port;
        this.soapPort = soapPort;
    }

    /** One AS2 message, built once so that a resend carries the same Message-ID and bytes. */
    public As2Posts.Prepared as2Message(String ref) throws Exception {
        return as2.declaration(ref, "<" + ref + "-" + System.nanoTime() + "@partner.test>");
    }

    /** Posts; the HTTP answer (200 with an MDN, or 503), or an exception when the gateway does not answer. */
    public HttpResponse<String> post(As2Posts.Prepared m) throws Exception {
        return As2Posts.post(http, as2Port, m);
    }

    /** The MDN's disposition ("automatic-action/MDN-sent-automatically; processed"), or null without an MDN. */
    public static String disposition(HttpResponse<String> r) {
        int i = r.statusCode() == 200 ? r.body().indexOf("Disposition: ") : -1;
        return i < 0 ? null : r.body().substring(i + 13, r.body().indexOf('\r', i));
    }

    /** SubmitDocument with the interchange {@code ref} as base64, a fresh nonce and timestamp each time. */
    public HttpResponse<String> submitBySoap(String ref) throws Exception {
        String body = "<tsw:SubmitDocumentRequest><tsw:Interchange contentType=\"application/EDIFACT\">"
                + Base64.getEncoder().encodeToString(ProcessHarness.declaration(ref))
                + "</tsw:Interchange><tsw:FileName>" + ref + ".edi</tsw:FileName></tsw:SubmitDocumentRequest>";
        String envelope = WsseEnvelope.envelope("", "demofwd", "demofwd-DEMO-ONLY-password", WsseEnvelope.nonce(),
                Instant.now(), body);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + soapPort + "/ws/submission"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
