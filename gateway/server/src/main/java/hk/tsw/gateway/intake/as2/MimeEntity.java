package hk.tsw.gateway.intake.as2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One MIME entity exactly as received: its header block and its body bytes, with the original bytes kept for MIC
 * computation and signature checks (RFC 4130 7.3.1: the MIC covers the MIME headers and content as sent). Parsing
 * never rewrites the bytes; header names are matched case-insensitively, folded header lines are unfolded.
 */
public final class MimeEntity {

    private final byte[] raw;
    private final Map<String, String> headers;
    private final int bodyStart;

    private MimeEntity(byte[] raw, Map<String, String> headers, int bodyStart) {
        this.raw = raw;
        this.headers = headers;
        this.bodyStart = bodyStart;
    }

    /** Parses header lines up to the first empty line (CRLF or bare LF); the rest is the body. */
    public static MimeEntity parse(byte[] raw) {
        Map<String, String> headers = new LinkedHashMap<>();
        int pos = 0;
        String current = null;
        while (pos < raw.length) {
            int eol = indexOf(raw, (byte) '\n', pos);
            int end = eol < 0 ? raw.length : eol;
            int lineEnd = end > pos && raw[end - 1] == '\r' ? end - 1 : end;
            String line = new String(raw, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            pos = eol < 0 ? raw.length : eol + 1;
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                headers.merge(current, " " + line.strip(), String::concat);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("malformed MIME header line: " + abbreviate(line));
            }
            current = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            headers.put(current, line.substring(colon + 1).strip());
        }
        return new MimeEntity(raw, headers, pos);
    }

    /** An entity from an HTTP request: the HTTP Content-Type (and transfer encoding) become its MIME headers. */
    public static MimeEntity fromHttp(String contentType, String transferEncoding, byte[] body) {
        StringBuilder h = new StringBuilder("Content-Type: ").append(contentType).append("\r\n");
        if (transferEncoding != null && !transferEncoding.isBlank()) {
            h.append("Content-Transfer-Encoding: ").append(transferEncoding).append("\r\n");
        }
        h.append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] raw = new byte[head.length + body.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(body, 0, raw, head.length, body.length);
        return parse(raw);
    }

    public byte[] raw() {
        return raw;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The media type in lower case, without parameters ({@code application/pkcs7-mime}). */
    public String mediaType() {
        String ct = header("content-type").orElse("text/plain");
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** A Content-Type parameter (case-insensitive name, quotes removed). */
    public Optional<String> parameter(String name) {
        return param(header("content-type").orElse(""), name);
    }

    static Optional<String> param(String headerValue, String name) {
        for (String part : headerValue.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String v = part.substring(eq + 1).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The body bytes as transferred (before any Content-Transfer-Encoding is undone). */
    public byte[] encodedBody() {
        byte[] b = new byte[raw.length - bodyStart];
        System.arraycopy(raw, bodyStart, b, 0, b.length);
        return b;
    }

    /** The body with its Content-Transfer-Encoding undone (base64; binary, 7bit and 8bit as they are). */
    public byte[] body() {
        String cte = header("content-transfer-encoding").orElse("binary").strip().toLowerCase(Locale.ROOT);
        return switch (cte) {
            case "base64" -> Base64.getMimeDecoder().decode(encodedBody());
            case "binary", "7bit", "8bit" -> encodedBody();
            default -> throw new IllegalArgumentException("unsupported Content-Transfer-Encoding " + cte);
        };
    }

    /**
     * The parts of a multipart body, each as its exact bytes (RFC 2046: the CRLF before a delimiter belongs to the
     * delimiter, not to the part).
     */
    public List<MimeEntity> parts() {
        String boundary = parameter("boundary").orElseThrow(
                () -> new IllegalArgumentException(mediaType() + " without a boundary parameter"));
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = encodedBody();
        List<MimeEntity> parts = new ArrayList<>();
        int at = findDelimiter(body, delimiter, 0);
        if (at < 0) {
            throw new IllegalArgumentException("multipart body without its boundary " + boundary);
        }
        while (true) {
            int afterDelimiter = at + delimiter.length;
            if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                return parts; // close delimiter
            }
            int partStart = indexOf(body, (byte) '\n', afterDelimiter);
            if (partStart < 0) {
                throw new IllegalArgumentException("multipart body ends inside a boundary line");
            }
            partStart++;
            int next = findDelimiter(body, delimiter, partStart);
            if (next < 0) {
                throw new IllegalArgumentException("multipart body without its closing boundary");
            }
            int partEnd = next;
            if (partEnd > partStart && body[partEnd - 1] == '\n') {
                partEnd--;
                if (partEnd > partStart && body[partEnd - 1] == '\r') {
                    partEnd--;
                }
            }
            ByteArrayOutputStream part = new ByteArrayOutputStream(Math.max(0, partEnd - partStart));
            part.write(body, partStart, Math.max(0, partEnd - partStart));
            parts.add(parse(part.toByteArray()));
            at = next;
        }
    }

    /** A delimiter counts only at the start of the body or of a line. */
    private static int findDelimiter(byte[] body, byte[] delimiter, int from) {
        for (int i = from; i <= body.length - delimiter.length; i++) {
            if ((i == 0 || body[i - 1] == '\n') && regionMatches(body, i, delimiter)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionMatches(byte[] b, int at, byte[] what) {
        for (int j = 0; j < what.length; j++) {
            if (b[at + j] != what[j]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte what, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == what) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
