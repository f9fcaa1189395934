package hk.tsw.gateway.translate.edifact;

import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.translate.edifact.SegmentDirectory.Component;
import hk.tsw.gateway.translate.edifact.SegmentDirectory.DataElement;
import hk.tsw.gateway.translate.edifact.SegmentDirectory.Kind;
import hk.tsw.gateway.translate.LocatedError;

/**
 * Checks the data elements of a message against its directory's segment definitions: how many data elements and
 * components a segment carries (0085 = 16), mandatory ones missing (13), value lengths (39 too long, 40 too short)
 * and numeric values (37). With Daffodil's validation off nothing else does, and a value that does not fit the
 * directory (a 41-character party name in an..35) would otherwise reach the mappings and customs unnoticed.
 *
 * <p>Every problem of the message is reported, up to {@link #MAX_ERRORS}, so a partner can fix them in one go.
 * UNH and UNT are the envelope scanner's business; segments the directory does not define are the segment table's.
 */
public final class ElementValidator {

    /** Enough to show a partner what is wrong without flooding a CONTRL when a whole file is garbage. */
    public static final int MAX_ERRORS = 100;

    private ElementValidator() {
    }

    public static List<LocatedError> check(EdifactMessage m, SegmentDirectory dir) {
        Checker c = new Checker(m);
        for (Segment s : m.segments()) {
            if (c.full()) {
                break;
            }
            List<DataElement> defs = s.tag().equals("UNH") || s.tag().equals("UNT") ? null : dir.segment(s.tag());
            if (defs != null) {
                c.segment(s, defs);
            }
        }
        return List.copyOf(c.errors);
    }

    /** Whether every component is empty (a loop, not a stream: this runs for every data element). */
    private static boolean allEmpty(List<String> components) {
        for (int k = 0; k < components.size(); k++) {
            if (!components.get(k).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The number of digits of a numeric value (its length as EDIFACT counts it), or -1 unless it is digits, at least
     * one, with an optional leading minus sign and at most one decimal mark ('.' or ',').
     */
    static int numericDigits(String v) {
        int digits = 0;
        boolean mark = false;
        for (int k = 0; k < v.length(); k++) {
            char ch = v.charAt(k);
            if (ch >= '0' && ch <= '9') {
                digits++;
            } else if (ch == '-' && k == 0) {
                continue;
            } else if ((ch == '.' || ch == ',') && !mark) {
                mark = true;
            } else {
                return -1;
            }
        }
        return digits > 0 ? digits : -1;
    }

    private static final class Checker {
        final EdifactMessage m;
        final List<LocatedError> errors = new ArrayList<>();

        Checker(EdifactMessage m) {
            this.m = m;
        }

        boolean full() {
            return errors.size() >= MAX_ERRORS;
        }

        void segment(Segment s, List<DataElement> defs) {
            int n = s.elementCount();
            for (int e = 1; e <= Math.min(n, defs.size()); e++) {
                element(s, e, defs.get(e - 1));
            }
            if (n > defs.size()) {
                error(s, defs.size() + 1, 0, null, "too many data elements: " + s.tag() + " has " + n + ", at most "
                        + defs.size(), "16");
            }
            for (int e = n + 1; e <= defs.size(); e++) {
                if (defs.get(e - 1).mandatory()) {
                    missing(s, e, defs.get(e - 1));
                }
            }
        }

        void element(Segment s, int e, DataElement def) {
            List<List<String>> repeats = s.elements().get(e - 1);
            if (repeats.size() > 1) {
                error(s, e, 0, null, "data element " + def.id() + " is repeated " + repeats.size()
                        + " times; it may not repeat", "16");
            }
            List<String> components = repeats.get(0);
            if (allEmpty(components)) {
                if (def.mandatory()) {
                    missing(s, e, def);
                }
                return;
            }
            if (!def.composite()) {
                if (components.size() > 1) {
                    error(s, e, 2, components.get(1), "data element " + def.id() + " is a simple data element but has "
                            + components.size() + " components", "16");
                }
                Component c = def.components().get(0);
                String value = components.get(0);
                if (value.isEmpty() && def.mandatory()) {
                    error(s, e, 1, null, "mandatory data element " + def.id() + " is missing", "13");
                } else if (!value.isEmpty()) {
                    value(s, e, 1, c, value);
                }
                return;
            }
            List<Component> defs = def.components();
            if (components.size() > defs.size()) {
                error(s, e, defs.size() + 1, components.get(defs.size()), "too many components: composite "
                        + def.id() + " has " + components.size() + ", at most " + defs.size(), "16");
            }
            for (int i = 1; i <= defs.size(); i++) {
                Component c = defs.get(i - 1);
                String value = i <= components.size() ? components.get(i - 1) : "";
                if (value.isEmpty()) {
                    if (c.mandatory()) {
                        error(s, e, i, null, "mandatory component " + c.id() + " of composite " + def.id()
                                + " is missing", "13");
                    }
                } else {
                    value(s, e, i, c, value);
                }
            }
        }

        /** A simple data element is located at its (only) component, as the envelope scanner does. */
        void missing(Segment s, int e, DataElement def) {
            error(s, e, def.composite() ? 0 : 1, null, (def.composite() ? "mandatory composite data element "
                    : "mandatory data element ") + def.id() + " is missing", "13");
        }

        void value(Segment s, int e, int i, Component c, String value) {
            int length;
            String unit;
            if (c.kind() == Kind.N) {
                length = numericDigits(value);
                if (length < 0) {
                    error(s, e, i, value, "data element " + c.id() + " is numeric (" + c.representation()
                            + "): invalid type of character(s)", "37");
                    return;
                }
                unit = length == 1 ? " digit" : " digits";
            } else {
                length = value.codePointCount(0, value.length());
                unit = length == 1 ? " character" : " characters";
            }
            if (length > c.maxLength()) {
                error(s, e, i, value, "data element " + c.id() + " is " + length + unit + " long; at most "
                        + c.maxLength() + " are allowed", "39");
            } else if (length < c.minLength()) {
                error(s, e, i, value, "data element " + c.id() + " is " + length + unit + " long; at least "
                        + c.minLength() + " are required", "40");
            }
        }

        void error(Segment s, int e, int c, String value, String reason, String code) {
            if (!full()) {
                errors.add(LocatedError.message(m.interchange().controlReference(), m.reference(), s.number(),
                        s.tag(), e, c, value, reason, code));
            }
        }
    }
}
