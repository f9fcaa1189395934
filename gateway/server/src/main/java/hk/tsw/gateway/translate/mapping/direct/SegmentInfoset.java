package hk.tsw.gateway.translate.mapping.direct;

import java.util.List;

import hk.tsw.gateway.translate.edifact.Segment;
import hk.tsw.gateway.translate.edifact.SingleMessageInterchange;
import hk.tsw.gateway.translate.mapping.direct.SegmentLayouts.Component;
import hk.tsw.gateway.translate.mapping.direct.SegmentLayouts.Field;

/**
 * Writes one segment's data elements as Daffodil's infoset has them, under the IBM EDIFACT DFDL formats (segment
 * sequence: prefix "+", trailingEmpty; composite: infix ":", trailingEmptyStrict):
 * <ul>
 *   <li>an empty optional simple element or component is absent; numbers are xs:decimal values in plain form
 *       ({@code 0930} is {@code 930}, {@code 14400.00} is {@code 14400});</li>
 *   <li>an empty optional composite may be present with its first component empty (see
 *       {@link #emptyComposite});</li>
 *   <li>an empty field in a repeat sequence is nil in Daffodil's infoset, which Smooks' DOM sink cannot take
 *       (the message fails to parse): declined;</li>
 *   <li>anything else this class is not sure of (trailing empty components, a space inside a repeat field under
 *       syntax 3, data beyond the layout, control characters, unusual numbers) throws {@link NotDirect}.</li>
 * </ul>
 */
final class SegmentInfoset {

    private final InfosetWriter out;
    private final boolean syntax3;

    SegmentInfoset(InfosetWriter out, boolean syntax3) {
        this.out = out;
        this.syntax3 = syntax3;
    }

    void write(Segment s, List<Field> layout, boolean decimalComma) throws NotDirect {
        if (layout == null) {
            throw new NotDirect("no layout for segment " + s.tag());
        }
        List<List<List<String>>> elements = s.elements();
        if (elements.size() > layout.size()) {
            throw new NotDirect(s.tag() + " has more data elements than its layout");
        }
        out.start(s.tag());
        for (int i = 0; i < layout.size(); i++) {
            Field f = layout.get(i);
            if (i >= elements.size()) {
                if (f.required()) {
                    throw new NotDirect(s.tag() + " lacks mandatory " + f.name());
                }
                continue;
            }
            List<List<String>> element = elements.get(i);
            if (element.size() != 1) {
                throw new NotDirect(s.tag() + "/" + f.name() + " repeats");
            }
            List<String> values = element.get(0);
            if (decimalComma) {
                values = values.stream().map(SingleMessageInterchange::decimalPoint).toList();
            }
            field(s.tag(), f, values);
        }
        out.end();
    }

    private void field(String tag, Field f, List<String> values) throws NotDirect {
        boolean empty = true;
        for (String v : values) {
            empty &= v.isEmpty();
        }
        if (empty) {
            if (values.size() > 1 || f.required() || f.repeat()) {
                throw new NotDirect(tag + "/" + f.name() + " is empty in a form not proven");
            }
            if (f.composite()) {
                emptyComposite(f);
            }
            return;
        }
        if (f.repeat() && syntax3 && values.stream().anyMatch(v -> v.indexOf(' ') >= 0)) {
            throw new NotDirect(tag + "/" + f.name() + " holds a space, the syntax 3 repetition separator");
        }
        if (!f.composite()) {
            if (values.size() > 1) {
                throw new NotDirect(tag + "/" + f.name() + " is simple but has components");
            }
            out.leaf(f.name(), value(f.value(), values.get(0)));
            return;
        }
        List<Component> defs = f.components();
        if (values.size() > defs.size() || (values.size() > 1 && values.get(values.size() - 1).isEmpty())) {
            throw new NotDirect(tag + "/" + f.name() + " has trailing or surplus components");
        }
        out.start(f.name());
        for (int j = 0; j < defs.size(); j++) {
            Component c = defs.get(j);
            String v = j < values.size() ? values.get(j) : "";
            if (!v.isEmpty()) {
                out.leaf(c.name(), value(c, v));
            } else if (c.required() && !c.array()) {
                throw new NotDirect(tag + "/" + f.name() + " lacks mandatory " + c.name());
            }
        }
        out.end();
    }

    /**
     * An optional composite whose field is present but empty. Daffodil parses its first component from the empty
     * text: a mandatory one is kept, empty ({@code NAD+FW+++X} gives {@code <C082><E3039/></C082>}), unless its
     * declaration is the composite's last (then it is trailing empty and suppressed: C058); any other mandatory
     * component would need a separator that is not there, so the composite fails and is absent (C401).
     */
    private void emptyComposite(Field f) throws NotDirect {
        List<Component> cs = f.components();
        Component first = cs.get(0);
        boolean lastDeclaration = true;
        boolean othersOptional = true;
        for (int k = 0; k < cs.size(); k++) {
            lastDeclaration &= cs.get(k).name().equals(first.name());
            othersOptional &= k == 0 || !cs.get(k).required();
        }
        if (!first.required() || lastDeclaration || !othersOptional) {
            return;
        }
        if (first.numeric()) {
            throw new NotDirect(f.name() + " is empty with a mandatory numeric component");
        }
        out.start(f.name());
        out.leaf(first.name(), "");
        out.end();
    }

    private static String value(Component c, String v) throws NotDirect {
        for (int k = 0; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch < 0x20 || ch == 0x7F || Character.isSurrogate(ch) || ch >= 0xFFFE) {
                throw new NotDirect("a value holds a control or non-BMP character");
            }
        }
        if (!c.numeric()) {
            return v;
        }
        String plain = plainNumber(v);
        if (plain == null || (c.integer() && v.indexOf('.') >= 0)) {
            throw new NotDirect(c.name() + " holds the number '" + v + "' in a form not proven");
        }
        return plain;
    }

    /**
     * What {@code new BigDecimal(v).stripTrailingZeros().toPlainString()} gives for a number of the form
     * {@code -?[0-9]{1,18}(\.[0-9]{1,18})?} (leading zeros and trailing fraction zeros dropped, no exponent), or null
     * when {@code v} is not of that form or is a negative zero (Daffodil's forms of those are not proven).
     */
    static String plainNumber(String v) {
        int n = v.length();
        int start = !v.isEmpty() && v.charAt(0) == '-' ? 1 : 0;
        int dot = v.indexOf('.');
        int intEnd = dot < 0 ? n : dot;
        if (intEnd - start < 1 || intEnd - start > 18 || (dot >= 0 && (n - dot - 1 < 1 || n - dot - 1 > 18))) {
            return null;
        }
        boolean zero = true;
        for (int k = start; k < n; k++) {
            char ch = v.charAt(k);
            if (k == dot) {
                continue;
            }
            if (ch < '0' || ch > '9') {
                return null;
            }
            zero &= ch == '0';
        }
        if (zero) {
            return start == 1 ? null : "0";
        }
        int i = start;
        while (i < intEnd - 1 && v.charAt(i) == '0') {
            i++; // leading zeros, keeping one digit before the point
        }
        int end = n;
        if (dot >= 0) {
            while (end > dot + 1 && v.charAt(end - 1) == '0') {
                end--;
            }
            if (end == dot + 1) {
                end = dot; // nothing left after the point
            }
        }
        if (i == start && end == n) {
            return v;
        }
        return (start == 1 ? "-" : "") + v.substring(i, end);
    }
}
