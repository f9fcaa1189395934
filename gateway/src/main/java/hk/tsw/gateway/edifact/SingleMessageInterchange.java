package hk.tsw.gateway.edifact;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Re-writes one message as a self-contained interchange for the message reader: UTF-8, standard service characters
 * ({@code :+.? '} or, for syntax 4, {@code :+.?*'}), the original UNB, the message's segments, and a UNZ counting
 * one message. The reader thus never sees the partner's separators, charset, line breaks or neighbouring messages,
 * and a bad neighbour cannot spoil a good message. The decimal mark is kept as the partner declared it.
 */
public final class SingleMessageInterchange {

    private SingleMessageInterchange() {
    }

    public static byte[] of(EdifactMessage message) {
        InterchangeHeader h = message.interchange();
        boolean v4 = "4".equals(h.syntaxVersion());
        int decimal = h.chars().decimal();
        StringBuilder b = new StringBuilder(256 + message.segments().size() * 64);
        b.append("UNA:+").append((char) decimal).append('?').append(v4 ? '*' : ' ').append('\'');
        append(b, h.segment(), v4);
        for (Segment s : message.segments()) {
            append(b, s, v4);
        }
        b.append("UNZ+1+");
        escape(b, h.controlReference(), v4);
        b.append('\'');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder b, Segment s, boolean v4) {
        b.append(s.tag());
        for (List<List<String>> element : s.elements()) {
            b.append('+');
            for (int r = 0; r < element.size(); r++) {
                if (r > 0) {
                    b.append('*');
                }
                List<String> components = element.get(r);
                for (int c = 0; c < components.size(); c++) {
                    if (c > 0) {
                        b.append(':');
                    }
                    escape(b, components.get(c), v4);
                }
            }
        }
        b.append('\'');
    }

    private static void escape(StringBuilder b, String value, boolean v4) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '?' || ch == '+' || ch == ':' || ch == '\'' || (v4 && ch == '*')) {
                b.append('?');
            }
            b.append(ch);
        }
    }
}
