package hk.tsw.gateway.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import hk.tsw.gateway.intake.soap.contract.SubmissionService;

/**
 * A SOAP 1.1 envelope with a WS-Security UsernameToken (PasswordDigest = Base64(SHA-1(nonce + created + password)))
 * and a Timestamp, built by hand like {@code config/demo/soap-request.py} does, so tests can fix the nonce and the
 * clock (replay, stale timestamps) or put anything in the body.
 */
public final class WsseEnvelope {

    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    private WsseEnvelope() {
    }

    public static byte[] nonce() {
        byte[] n = new byte[16];
        new SecureRandom().nextBytes(n);
        return n;
    }

    public static String envelope(String user, String password, byte[] nonce, Instant created, String body) throws Exception {
        return envelope("", user, password, nonce, created, body);
    }

    /** {@code prolog} goes before the envelope (a DOCTYPE, for the attacks). */
    public static String envelope(String prolog, String user, String password, byte[] nonce, Instant created, String body)
            throws Exception {
        String c = created.truncatedTo(ChronoUnit.MILLIS).toString();
        String expires = created.plusSeconds(300).truncatedTo(ChronoUnit.SECONDS).toString();
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(nonce);
        sha1.update(c.getBytes(StandardCharsets.UTF_8));
        sha1.update(password.getBytes(StandardCharsets.UTF_8));
        String digest = Base64.getEncoder().encodeToString(sha1.digest());
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + prolog
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:tsw=\""
                + SubmissionService.SERVICE.getNamespaceURI() + "\"><soap:Header><wsse:Security xmlns:wsse=\"" + WSSE + "\" xmlns:wsu=\"" + WSU
                + "\" soap:mustUnderstand=\"1\"><wsu:Timestamp wsu:Id=\"TS-1\"><wsu:Created>" + c + "</wsu:Created>"
                + "<wsu:Expires>" + expires + "</wsu:Expires></wsu:Timestamp><wsse:UsernameToken wsu:Id=\"UT-1\">"
                + "<wsse:Username>" + user + "</wsse:Username><wsse:Password Type=\"http://docs.oasis-open.org/wss/"
                + "2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">" + digest + "</wsse:Password>"
                + "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-"
                + "security-1.0#Base64Binary\">" + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce>"
                + "<wsu:Created>" + c + "</wsu:Created></wsse:UsernameToken></wsse:Security></soap:Header>"
                + "<soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    /** A SubmitDocument body carrying a WCO document (its XML declaration removed). */
    public static String submitXml(String document) {
        return "<tsw:SubmitDocumentRequest><tsw:WcoDocument>" + document.replaceFirst("^\\s*<\\?xml[^>]*\\?>", "")
                + "</tsw:WcoDocument></tsw:SubmitDocumentRequest>";
    }
}
