package hk.tsw.gateway.intake.as2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An AS2 HTTP request as received: headers (case-insensitive) and body. Knows the AS2 header fields (RFC 4130 6)
 * and what the sender asked for in Disposition-Notification-Options.
 */
public record As2Message(Map<String, String> headers, byte[] body) {

    public As2Message {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        headers = h;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).map(String::strip);
    }

    /** AS2-From / AS2-To: quoted names are unquoted (RFC 4130 6.2). */
    public String as2From() {
        return unquote(header("AS2-From").orElse(""));
    }

    public String as2To() {
        return unquote(header("AS2-To").orElse(""));
    }

    public String messageId() {
        return header("Message-ID").orElse("");
    }

    public String contentType() {
        return header("Content-Type").orElse("application/octet-stream");
    }

    public boolean mdnRequested() {
        return header("Disposition-Notification-To").isPresent();
    }

    public Optional<String> receiptDeliveryOption() {
        return header("Receipt-Delivery-Option").filter(s -> !s.isBlank());
    }

    /** Whether a signed receipt was asked for (signed-receipt-protocol=optional|required, pkcs7-signature). */
    public boolean signedMdnRequested() {
        return option("signed-receipt-protocol").map(v -> v.toLowerCase(Locale.ROOT).contains("pkcs7-signature"))
                .orElse(false);
    }

    /** The MIC algorithms the sender listed, in its order ({@code sha-256}, {@code sha1} ...). */
    public List<String> requestedMicAlgorithms() {
        List<String> algs = new ArrayList<>();
        option("signed-receipt-micalg").ifPresent(v -> {
            String[] items = v.split(",");
            for (int i = 1; i < items.length; i++) {
                algs.add(items[i].strip().toLowerCase(Locale.ROOT));
            }
        });
        return algs;
    }

    private Optional<String> option(String name) {
        String options = header("Disposition-Notification-Options").orElse("");
        for (String part : options.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(name)) {
                return Optional.of(part.substring(eq + 1).strip());
            }
        }
        return Optional.empty();
    }

    /**
     * A file name for the message store: the partner's own, from the unwrapped payload part's Content-Disposition
     * ({@code payload}, null when the message was refused before it was unwrapped), else from the outer HTTP
     * Content-Disposition, else derived from the Message-ID; sanitised in every case ({@link #safeFileName}).
     */
    public String fileName(MimeEntity payload) {
        Optional<String> inner = payload == null ? Optional.empty()
                : payload.header("content-disposition").flatMap(v -> MimeEntity.param(v, "filename"));
        Optional<String> outer = header("Content-Disposition").flatMap(v -> MimeEntity.param(v, "filename"));
        return inner.or(() -> outer).map(As2Message::safeFileName).filter(n -> !n.isEmpty())
                .orElseGet(() -> safeFileName("as2-" + UNSAFE.matcher(messageId()).replaceAll("_")));
    }

    // compiled once: a name is made safe for every message
    private static final Pattern DIRECTORY_PART = Pattern.compile("^.*[/\\\\]");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._@-]");
    private static final Pattern LEADING_DOTS = Pattern.compile("^\\.+");

    /**
     * A name safe to store and show: no directory part (whatever follows the last / or \), ASCII letters, digits,
     * {@code . _ -} and {@code @} only (anything else becomes {@code _}; MIME headers are ASCII), no leading dots,
     * at most 200 characters.
     */
    static String safeFileName(String name) {
        String base = DIRECTORY_PART.matcher(unquote(name.strip())).replaceAll("");
        String safe = LEADING_DOTS.matcher(UNSAFE.matcher(base).replaceAll("_")).replaceFirst("");
        return safe.length() > 200 ? safe.substring(0, 200) : safe;
    }

    /** Headers and body as one byte sequence: the raw evidence of what arrived. */
    public byte[] raw() {
        StringBuilder sb = new StringBuilder();
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("\r\n");
        return Smime.concat(sb.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
