package hk.tsw.gateway.translate.edifact;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The character repertoires of ISO 9735 syntax identifiers (UNB 0001) that the gateway accepts, and the check that
 * a value only uses characters of its repertoire.
 */
public enum SyntaxCharset {
    UNOA(StandardCharsets.US_ASCII, false), UNOB(StandardCharsets.US_ASCII, false),
    UNOC(StandardCharsets.ISO_8859_1, false), UNOD(Charset.forName("ISO-8859-2"), false),
    UNOE(Charset.forName("ISO-8859-5"), false), UNOF(Charset.forName("ISO-8859-7"), false),
    UNOK(Charset.forName("ISO-8859-9"), false),
    UNOW(StandardCharsets.UTF_8, true), UNOY(StandardCharsets.UTF_8, true);

    private static final String UNOA_EXTRA = " .,-()/='+:?!\"%&*;<>";

    private final Charset charset;
    private final boolean unicode;

    SyntaxCharset(Charset charset, boolean unicode) {
        this.charset = charset;
        this.unicode = unicode;
    }

    public Charset charset() {
        return charset;
    }

    /** UTF-8 repertoires (UNOW, UNOY): only allowed under syntax version 4 unless a partner agreement says so. */
    public boolean unicode() {
        return unicode;
    }

    /** The syntax id for a UNB 0001 value, or null when the gateway does not support it. */
    public static SyntaxCharset of(String syntaxId) {
        if (syntaxId == null) {
            return null;
        }
        try {
            return valueOf(syntaxId.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Index of the first character of {@code text} outside this repertoire, or -1. */
    public int firstInvalid(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!allowed(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private boolean allowed(int cp) {
        if (cp == 0xFFFD || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            return false; // undecodable bytes and control characters are never data
        }
        switch (this) {
            case UNOA:
                return (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || UNOA_EXTRA.indexOf(cp) >= 0;
            case UNOB:
                return cp < 0x7F;
            default:
                return true;
        }
    }
}
