package hk.tsw.gateway.translate.xml;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The encoding an XML document declares ({@code <?xml ... encoding="Big5-HKSCS"?>}) when the parsers cannot read it
 * from bytes themselves (the StAX parser knows only UTF-8/16/32, US-ASCII and ISO-8859-1): such a document is
 * read through a strict decoder of that encoding, so bytes that are not valid in it are refused, never turned
 * into U+FFFD or '?'.
 */
public final class DeclaredEncoding {

    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s*<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

    private DeclaredEncoding() {
    }

    /** The declared encoding when it needs a decoder of its own, else empty (the parsers read the bytes). */
    public static Optional<Charset> legacy(byte[] xml) {
        int start = xml.length >= 3 && (xml[0] & 0xFF) == 0xEF && (xml[1] & 0xFF) == 0xBB ? 3 : 0;
        String head = new String(xml, start, Math.min(xml.length - start, 200), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARATION.matcher(head);
        if (!m.find()) {
            return Optional.empty();
        }
        String name = m.group(1).toUpperCase(Locale.ROOT);
        if (name.startsWith("UTF-") || name.equals("US-ASCII") || name.equals("ASCII") || name.equals("ISO-8859-1")
                || name.equals("LATIN1")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(m.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // unknown names are the parser's to refuse
        }
    }

    /** A strict reader of {@code xml} in {@code charset}: malformed bytes throw MalformedInputException. */
    public static Reader reader(byte[] xml, Charset charset) {
        return new InputStreamReader(new ByteArrayInputStream(xml), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }
}
