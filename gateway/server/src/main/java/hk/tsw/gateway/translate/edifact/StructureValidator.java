package hk.tsw.gateway.translate.edifact;

import java.util.ArrayList;
import java.util.List;
import hk.tsw.gateway.translate.LocatedError;

/**
 * Locates where a message departs from its segment table: the first segment that is not allowed where it stands
 * (0085 = 15), a mandatory segment or group that is missing (13), or too many repetitions (35 for a segment, 36 for
 * a group). Matching is greedy, as EDIFACT segment tables are designed to be read.
 */
public final class StructureValidator {

    private StructureValidator() {
    }

    public static List<LocatedError> check(EdifactMessage m, MessageStructure structure) {
        List<LocatedError> errors = new ArrayList<>();
        List<Segment> body = m.segments().subList(1, Math.max(1, m.segments().size() - 1));
        Cursor c = new Cursor(m, body, errors, structure);
        c.match(structure.children());
        if (c.pos < body.size() && errors.isEmpty()) {
            Segment s = body.get(c.pos);
            boolean known = mentions(structure, s.tag());
            c.error(s, known ? "segment " + s.tag() + " is not allowed at this position in " + m.type() + " "
                    + m.directory() : "segment " + s.tag() + " is not part of " + m.type() + " " + m.directory(), "15");
        }
        return errors;
    }

    private static boolean mentions(MessageStructure s, String tag) {
        if (!s.group()) {
            return s.name().equals(tag);
        }
        return s.children().stream().anyMatch(ch -> mentions(ch, tag));
    }

    private static final class Cursor {
        final EdifactMessage m;
        final List<Segment> body;
        final List<LocatedError> errors;
        final MessageStructure root;
        int pos;

        Cursor(EdifactMessage m, List<Segment> body, List<LocatedError> errors, MessageStructure root) {
            this.m = m;
            this.body = body;
            this.errors = errors;
            this.root = root;
        }

        String tag() {
            return pos < body.size() ? body.get(pos).tag() : null;
        }

        void match(List<MessageStructure> entries) {
            for (int i = 0; i < entries.size() && errors.isEmpty(); i++) {
                MessageStructure e = entries.get(i);
                int count = 0;
                while (errors.isEmpty() && e.trigger().equals(tag()) && count < e.max()) {
                    count++;
                    pos++;
                    if (e.group()) {
                        match(e.children().subList(1, e.children().size()));
                    }
                }
                if (errors.isEmpty() && count == e.max() && e.trigger().equals(tag())
                        && entries.subList(i + 1, entries.size()).stream().noneMatch(x -> x.trigger().equals(tag()))) {
                    error(body.get(pos), e.group() ? "segment group " + e.name() + " (starting with " + e.trigger()
                            + ") repeats more than " + e.max() + " times" : "segment " + e.name()
                            + " repeats more than " + e.max() + " times", e.group() ? "36" : "35");
                    return;
                }
                if (errors.isEmpty() && count < e.min() && pos < body.size() && !mentions(root, tag())) {
                    error(body.get(pos), "segment " + tag() + " is not part of " + m.type() + " " + m.directory(), "15");
                }
                if (errors.isEmpty() && count < e.min()) {
                    Segment at = pos < body.size() ? body.get(pos) : m.segments().get(m.segments().size() - 1);
                    error(at, "mandatory " + (e.group() ? "segment group " + e.name() + " (starting with "
                            + e.trigger() + ")" : "segment " + e.name()) + " is missing before this segment", "13");
                }
            }
        }

        void error(Segment s, String reason, String code) {
            errors.add(LocatedError.message(m.interchange().controlReference(), m.reference(), s.number(), s.tag(),
                    0, 0, null, reason, code));
        }
    }
}
