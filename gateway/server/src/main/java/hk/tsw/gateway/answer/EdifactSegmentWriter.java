package hk.tsw.gateway.answer;

import java.util.List;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * Serialises outbound EDIFACT segments with the standard service characters ({@code :+.? '}, and {@code *} as
 * repetition separator under syntax 4), so that every answer the gateway writes can be read back by any EDIFACT
 * parser whatever separators the partner used.
 *
 * <p>Promises: every value is escaped ({@code ?} before {@code + : ' ?}, and {@code *} under syntax 4); trailing
 * empty components and data elements are left out, as ISO 9735 requires; the bytes contain only characters the
 * target charset can encode (a character it cannot encode is written as a released {@code ?}, never dropped
 * silently and never left as an unreleased {@code ?} that would change the meaning of what follows).
 */
final class EdifactSegmentWriter {

    private final boolean syntax4;
    private final Charset charset;
    private final CharsetEncoder encoder;
    private final StringBuilder out = new StringBuilder();
    private int segments;

    /** @param syntaxVersion "4" for syntax version 4, anything else for 3 */
    EdifactSegmentWriter(String syntaxVersion, Charset charset) {
        this.syntax4 = "4".equals(syntaxVersion);
        this.charset = charset;
        this.encoder = charset.newEncoder();
    }

    /** A data element of one or more components; null components are empty. */
    static String[] e(String... components) {
        return components;
    }

    /** The UNA service string advice with the standard characters this writer uses. */
    EdifactSegmentWriter una() {
        out.append(syntax4 ? "UNA:+.?*'" : "UNA:+.? '");
        return this;
    }

    /** Appends {@code tag+element+element'}; each element is a composite's components (one for a simple element). */
    EdifactSegmentWriter segment(String tag, String[]... elements) {
        int last = elements.length;
        while (last > 0 && blank(elements[last - 1])) {
            last--;
        }
        out.append(tag);
        for (int i = 0; i < last; i++) {
            out.append('+');
            String[] components = elements[i];
            int lastComponent = components.length;
            while (lastComponent > 0 && empty(components[lastComponent - 1])) {
                lastComponent--;
            }
            for (int c = 0; c < lastComponent; c++) {
                if (c > 0) {
                    out.append(':');
                }
                escape(components[c]);
            }
        }
        out.append('\'');
        segments++;
        return this;
    }

    /** Segments written so far (UNA is not a segment). */
    int segmentCount() {
        return segments;
    }

    byte[] bytes() {
        return out.toString().getBytes(charset);
    }

    private void escape(String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (!encoder.canEncode(new String(Character.toChars(cp)))) {
                cp = '?';
            }
            if (cp == '+' || cp == ':' || cp == '\'' || cp == '?' || (syntax4 && cp == '*')) {
                out.append('?');
            }
            out.appendCodePoint(cp);
        }
    }

    /**
     * Free text cut into values of at most {@code max} characters, at spaces (the space is dropped: a reader joins
     * the values with one space); only a word longer than {@code max} is cut inside. Used for FTX 4440.
     */
    static List<String> chunks(String text, int max) {
        List<String> out = new java.util.ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty()) {
            int cut = rest.offsetByCodePoints(0, Math.min(max, rest.codePointCount(0, rest.length())));
            if (cut < rest.length()) {
                int space = rest.lastIndexOf(' ', cut);
                if (space > 0) {
                    cut = space;
                }
            }
            out.add(rest.substring(0, cut));
            rest = rest.substring(cut).strip();
        }
        return out;
    }

    /**
     * {@code text} if it has at most {@code max} characters, else its start cut at the last whitespace that leaves
     * room for "..." (inside a word or a code such as {@code ISO:4217} only when one word is longer than that).
     */
    static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int room = text.offsetByCodePoints(0, max - 3);
        int cut = room;
        for (int i = room; i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                cut = i;
                break;
            }
        }
        return text.substring(0, cut).stripTrailing() + "...";
    }

    private static boolean blank(String[] components) {
        for (String c : components) {
            if (!empty(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
