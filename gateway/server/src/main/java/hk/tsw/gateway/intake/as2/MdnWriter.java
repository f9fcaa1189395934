package hk.tsw.gateway.intake.as2;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Builds an MDN (RFC 3798 / RFC 4130 7.4): a {@code multipart/report} with a human-readable part and the
 * {@code message/disposition-notification} fields, signed (multipart/signed) when the sender asked for a signed
 * receipt. The result is a MIME entity: its Content-Type header goes into the HTTP header, the rest is the body.
 */
public final class MdnWriter {

    private final String reportingUa;

    public MdnWriter(String reportingUa) {
        this.reportingUa = reportingUa;
    }

    /** The disposition and what the MDN must say. {@code errorModifier} null = processed. */
    public record Mdn(String originalMessageId, String finalRecipient, String errorModifier, String text,
                      String mic, String micalg) {
        public String disposition() {
            return "automatic-action/MDN-sent-automatically; processed"
                    + (errorModifier == null ? "" : "/error: " + errorModifier);
        }
    }

    /** The unsigned report entity (headers and body). */
    public byte[] report(Mdn mdn) {
        String boundary = "----=_tsw_report_" + UUID.randomUUID();
        StringBuilder fields = new StringBuilder()
                .append("Reporting-UA: ").append(reportingUa).append("\r\n")
                .append("Original-Recipient: rfc822; ").append(mdn.finalRecipient()).append("\r\n")
                .append("Final-Recipient: rfc822; ").append(mdn.finalRecipient()).append("\r\n")
                .append("Original-Message-ID: ").append(mdn.originalMessageId()).append("\r\n")
                .append("Disposition: ").append(mdn.disposition()).append("\r\n");
        if (mdn.mic() != null) {
            fields.append("Received-Content-MIC: ").append(mdn.mic()).append(", ").append(mdn.micalg()).append("\r\n");
        }
        String body = "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                + ascii(mdn.text()) + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: message/disposition-notification\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                + fields
                + "\r\n--" + boundary + "--\r\n";
        return body.getBytes(StandardCharsets.US_ASCII);
    }

    /** What an MDN's text part may not carry (compiled once: one text per MDN). */
    private static final java.util.regex.Pattern NOT_ASCII_TEXT = java.util.regex.Pattern.compile("[^\\x20-\\x7E\\r\\n]");

    private static String ascii(String text) {
        return NOT_ASCII_TEXT.matcher(text).replaceAll("?").replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
