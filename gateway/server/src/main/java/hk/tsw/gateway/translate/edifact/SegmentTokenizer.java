package hk.tsw.gateway.translate.edifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits a byte stream into EDIFACT segments without reading it whole. Works on bytes: every separator is an
 * ASCII character, and neither UTF-8 nor ISO 8859 ever uses an ASCII byte inside a multi-byte character, so a
 * split on bytes is exact for every supported repertoire. Components are decoded only after the split, with the
 * interchange's charset; undecodable bytes become U+FFFD so the repertoire check can report them with their place.
 *
 * <p>The exception is a double-byte encoding agreed with a partner (Big5-HKSCS, whose trail bytes run from 0x40 to
 * 0x7E, so 許 is B3 5C): with {@link #doubleByte(boolean)} on, a lead byte (0x81-0xFE) and the byte after it are
 * taken as one character before anything is split, so a trail byte is never read as a separator or release.
 *
 * <p>CR and LF are ignored wherever they are not released (line-wrapped files), as are spaces and tabs before a
 * segment tag. A segment longer than {@link #MAX_SEGMENT_BYTES} is an error rather than a memory hazard: its first
 * bytes are kept, the rest is skipped up to its terminator and {@link #oversized()} says so.
 */
final class SegmentTokenizer {

    static final int MAX_SEGMENT_BYTES = 1 << 20;

    /** Charsets in which every byte below 0x80 is that ASCII character: such a value is decoded without a decoder. */
    private static final java.util.Set<Charset> ASCII_COMPATIBLE = java.util.Set.of(StandardCharsets.US_ASCII,
            StandardCharsets.ISO_8859_1, StandardCharsets.UTF_8, Charset.forName("ISO-8859-2"),
            Charset.forName("ISO-8859-5"), Charset.forName("ISO-8859-7"), Charset.forName("ISO-8859-9"));

    private final InputStream in;
    private final Deque<Integer> pending = new ArrayDeque<>();
    private final byte[] input = new byte[8192];
    private int inputPos;
    private int inputEnd;
    private ServiceChars chars = ServiceChars.defaults();
    private Charset charset = StandardCharsets.ISO_8859_1;
    private CharsetDecoder strict;
    private boolean asciiCompatible = true;
    /** The current segment's bytes (releases kept), then each value's bytes while it is split: reused. */
    private final ByteRun segment = new ByteRun(256);
    private final ByteRun value = new ByteRun(64);
    private boolean truncated;
    private boolean oversized;
    private boolean doubleByte;

    SegmentTokenizer(InputStream in) {
        this.in = in;
    }

    void use(ServiceChars chars) {
        this.chars = chars;
    }

    void use(Charset charset) {
        this.charset = charset;
        this.strict = null;
        this.asciiCompatible = ASCII_COMPATIBLE.contains(charset);
    }

    /** Pair every lead byte 0x81-0xFE with the byte after it (Big5 and Big5-HKSCS). */
    void doubleByte(boolean on) {
        this.doubleByte = on;
    }

    private boolean lead(int b) {
        return doubleByte && b >= 0x81 && b <= 0xFE;
    }

    ServiceChars chars() {
        return chars;
    }

    /** True when the last {@link #next(int)} hit the end of data inside a segment (no terminator). */
    boolean truncated() {
        return truncated;
    }

    /** What a partner is told about a segment over the limit (ISO 9735 has no code for it: 0085 = 18, unspecified). */
    static final String OVERSIZED_REASON = "the segment is longer than " + MAX_SEGMENT_BYTES
            + " bytes, the gateway's limit; it was read no further";

    /** True when the last {@link #next(int)} was longer than {@link #MAX_SEGMENT_BYTES} and was cut there. */
    boolean oversized() {
        return oversized;
    }

    /** Skips a UTF-8 byte order mark at the start of the data. */
    void skipByteOrderMark() throws IOException {
        int b1 = read();
        if (b1 != 0xEF) {
            unread(b1);
            return;
        }
        int b2 = read();
        int b3 = read();
        if (b2 != 0xBB || b3 != 0xBF) {
            unread(b3);
            unread(b2);
            unread(b1);
        }
    }

    /** True when only whitespace remains. */
    boolean atEnd() throws IOException {
        int b = skipWhitespace();
        unread(b);
        return b < 0;
    }

    /** Reads a UNA service string if the data continues with one; returns null when there is none. */
    ServiceChars readUna() throws IOException {
        int u = skipWhitespace();
        int n = read();
        int a = read();
        if (u != 'U' || n != 'N' || a != 'A') {
            unread(a);
            unread(n);
            unread(u);
            return null;
        }
        int[] c = new int[6];
        for (int i = 0; i < 6; i++) {
            c[i] = read();
            if (c[i] < 0) {
                throw new IOException("the UNA service string is cut short");
            }
        }
        return new ServiceChars(c[0], c[1], c[2], c[3] == ' ' ? -1 : c[3], c[4] == ' ' ? -1 : c[4], c[5]);
    }

    /** The next segment, or null at the end of data. */
    Segment next(int number) throws IOException {
        truncated = false;
        oversized = false;
        int first = skipWhitespace();
        if (first < 0) {
            return null;
        }
        unread(first);
        segment.clear();
        int b;
        while ((b = read()) >= 0) {
            if (lead(b)) {
                int trail = read();
                if (!oversized) {
                    segment.add(b);
                    if (trail >= 0) {
                        segment.add(trail);
                    }
                }
                if (trail < 0) {
                    break;
                }
            } else if (b == chars.release() && chars.release() != -1) {
                int next = read();
                if (next < 0) {
                    break;
                }
                if (!oversized) {
                    segment.add(b);
                    segment.add(next);
                }
            } else if (b == chars.terminator()) {
                return split(number);
            } else if (b != '\r' && b != '\n' && !oversized) {
                segment.add(b);
            }
            if (segment.length() > MAX_SEGMENT_BYTES) {
                oversized = true; // keep reading to the terminator, so the next segment starts where it should
            }
        }
        truncated = true;
        return split(number);
    }

    /** Splits the raw segment into tag, elements, repetitions and components, removing release characters. */
    private Segment split(int number) throws CharacterCodingException {
        int length = segment.length();
        List<List<List<String>>> elements = new ArrayList<>();
        List<List<String>> repeats = new ArrayList<>();
        List<String> components = new ArrayList<>();
        value.clear();
        String tag = null;
        if (strict == null) {
            strict = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        for (int i = 0; i <= length; i++) {
            int b = i < length ? segment.at(i) : -1;
            if (lead(b)) {
                value.add(b);
                if (i + 1 < length) {
                    value.add(segment.at(++i));
                }
                continue;
            }
            if (b != -1 && b == chars.release() && i + 1 < length) {
                value.add(segment.at(++i));
                continue;
            }
            boolean boundary = b == -1 || b == chars.element() || b == chars.component()
                    || (chars.repetition() != -1 && b == chars.repetition());
            if (!boundary) {
                value.add(b);
                continue;
            }
            String text = decodeValue();
            value.clear();
            if (tag == null) {
                tag = text.trim();
                while (b == chars.component() && i + 1 < length && segment.at(i + 1) != chars.element()) {
                    i++; // syntax 4 segment tag composite (tag:occurrence:...): only the tag matters here
                }
                continue;
            }
            components.add(text);
            if (b == chars.component()) {
                continue;
            }
            repeats.add(components);
            components = new ArrayList<>();
            if (b == -1 || b == chars.element()) {
                elements.add(repeats);
                repeats = new ArrayList<>();
            }
        }
        return new Segment(number, tag == null ? "" : tag, elements);
    }

    /** The value just collected: plain ASCII in an ASCII-compatible charset needs no decoder, the rest is decoded. */
    private String decodeValue() {
        return asciiCompatible && value.ascii() ? value.latin1() : decode(strict, value.toArray());
    }

    /**
     * Decodes strictly. Bytes that are not valid in the charset become U+FFFD, never '?' or a guess, so that the
     * repertoire check refuses the value with its segment, element, component and position (0085 = 21).
     */
    private static String decode(CharsetDecoder strict, byte[] bytes) {
        try {
            return strict.reset().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return replaced(strict, bytes);
        }
    }

    private static String replaced(CharsetDecoder strict, byte[] bytes) {
        try {
            return strict.charset().newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith("\uFFFD")
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "\uFFFD";
        }
    }

    private int skipWhitespace() throws IOException {
        int b;
        do {
            b = read();
        } while (b == '\r' || b == '\n' || b == ' ' || b == '\t');
        return b;
    }

    private void unread(int b) {
        if (b >= 0) {
            pending.push(b);
        }
    }

    private int read() throws IOException {
        if (!pending.isEmpty()) {
            return pending.pop();
        }
        if (inputPos == inputEnd) {
            int n = in.read(input, 0, input.length);
            if (n <= 0) {
                return n == 0 ? in.read() : -1;
            }
            inputPos = 0;
            inputEnd = n;
        }
        return input[inputPos++] & 0xFF;
    }
}
