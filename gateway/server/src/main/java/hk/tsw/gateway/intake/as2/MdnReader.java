package hk.tsw.gateway.intake.as2;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an MDN a partner returned for one of our messages: verifies its signature against the partner's
 * certificates, and extracts Original-Message-ID, Disposition and Received-Content-MIC. A problem is an
 * {@link As2Failure} whose message says what was wrong with the receipt. Public for the benchmark, which reads the
 * gateway's MDNs as a partner would.
 */
public final class MdnReader {

    /** What the MDN says. {@code signer} is null when it was not signed. */
    public record Receipt(String originalMessageId, String disposition, String mic, String micalg, X509Certificate signer) {
        public boolean processedWithoutError() {
            String d = disposition.toLowerCase(Locale.ROOT);
            int semi = d.indexOf(';');
            String status = semi < 0 ? d : d.substring(semi + 1).strip();
            return status.startsWith("processed") && !status.contains("/error") && !status.contains("/failure");
        }
    }

    private MdnReader() {
    }

    public static Receipt read(MimeEntity mdn, List<X509Certificate> partnerCerts, boolean signatureRequired) throws As2Failure {
        X509Certificate signer = null;
        MimeEntity report = mdn;
        if (mdn.mediaType().equals("multipart/signed")) {
            Smime.Verified v = Smime.verify(mdn, partnerCerts);
            signer = v.signer();
            report = v.content();
        } else if (signatureRequired) {
            throw new As2Failure(As2Failure.INSUFFICIENT_SECURITY, "the MDN is not signed, a signed receipt was required");
        }
        if (!report.mediaType().equals("multipart/report")) {
            throw new As2Failure(As2Failure.UNEXPECTED, "the MDN is a " + report.mediaType() + ", not a multipart/report");
        }
        for (MimeEntity part : report.parts()) {
            if (part.mediaType().equals("message/disposition-notification")) {
                Map<String, String> fields = fields(part.body());
                String micField = fields.getOrDefault("received-content-mic", "");
                int comma = micField.lastIndexOf(',');
                return new Receipt(fields.getOrDefault("original-message-id", ""), fields.getOrDefault("disposition", ""),
                        comma < 0 ? micField.strip() : micField.substring(0, comma).strip(),
                        comma < 0 ? "" : micField.substring(comma + 1).strip().toLowerCase(Locale.ROOT), signer);
            }
        }
        throw new As2Failure(As2Failure.UNEXPECTED, "the MDN has no message/disposition-notification part");
    }

    private static Map<String, String> fields(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        String last = null;
        for (String line : new String(body, StandardCharsets.ISO_8859_1).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                fields.merge(last, " " + line.strip(), String::concat);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                fields.put(last, line.substring(colon + 1).strip());
            }
        }
        return fields;
    }
}
