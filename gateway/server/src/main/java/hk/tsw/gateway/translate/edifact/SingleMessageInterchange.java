package hk.tsw.gateway.translate.edifact;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Re-writes one message as a self-contained interchange for the message reader: UTF-8, standard service characters
 * ({@code :+.? '} or, for syntax 4, {@code :+.?*'}), the original UNB, the message's segments, and a UNZ counting
 * one message. The reader thus never sees the partner's separators, charset, line breaks or neighbouring messages,
 * and a bad neighbour cannot spoil a good message.
 *
 * <p>The decimal mark is always written as a point: the directory schemas' number format uses ',' as its grouping
 * separator, and Daffodil refuses a decimal comma equal to it. When the partner's UNA declares a decimal comma,
 * every value that is a number written with a decimal comma ({@code -?digits,digits}) is rewritten with a point;
 * other text is untouched.
 *
 * <p>An interchange in a partner's agreed encoding (Big5-HKSCS under UNOA/UNOB/UNOC) is already decoded; the reader
 * gets it as UTF-8 and its UNB says so ({@code UNOW}), so Chinese text is never read as ISO 8859-1.
 */
public final class SingleMessageInterchange {

    private static final java.util.regex.Pattern DECIMAL_COMMA = java.util.regex.Pattern.compile("-?[0-9]*,[0-9]+");

    private SingleMessageInterchange() {
    }

    public static byte[] of(EdifactMessage message) {
        InterchangeHeader h = message.interchange();
        boolean v4 = "4".equals(h.syntaxVersion());
        boolean decimalComma = h.chars().decimal() == ',';
        StringBuilder b = new StringBuilder(256 + message.segments().size() * 64);
        b.append("UNA:+.?").append(v4 ? '*' : ' ').append('\'');
        append(b, h.agreed() ? asUtf8(h.segment()) : h.segment(), v4, false);
        for (Segment s : message.segments()) {
            append(b, s, v4, decimalComma);
        }
        b.append("UNZ+1+");
        escape(b, h.controlReference(), v4);
        b.append('\'');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Segment asUtf8(Segment unb) {
        List<List<List<String>>> elements = new java.util.ArrayList<>(unb.elements());
        List<String> syntax = new java.util.ArrayList<>(elements.get(0).get(0));
        syntax.set(0, "UNOW");
        elements.set(0, List.of(List.copyOf(syntax)));
        return new Segment(unb.number(), unb.tag(), List.copyOf(elements));
    }

    private static void append(StringBuilder b, Segment s, boolean v4, boolean decimalComma) {
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
                    String v = components.get(c);
                    escape(b, decimalComma ? decimalPoint(v) : v, v4);
                }
            }
        }
        b.append('\'');
    }

    /**
     * A value of an interchange whose UNA declares a decimal comma, as the reader sees it: a number written with a
     * decimal comma gets a point; anything else is returned unchanged.
     */
    public static String decimalPoint(String v) {
        return DECIMAL_COMMA.matcher(v).matches() ? v.replace(',', '.') : v;
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
