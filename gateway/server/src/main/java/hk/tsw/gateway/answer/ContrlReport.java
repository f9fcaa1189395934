package hk.tsw.gateway.answer;

import static hk.tsw.gateway.answer.EdifactSegmentWriter.e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.edifact.Segment;
import hk.tsw.gateway.translate.mapping.MessageOutcome;

/**
 * The body of one CONTRL message (between its UNH and UNT): the UCI, then a UCF per functional group or a UCM per
 * message, each UCM followed by UCS/UCD segments that locate every syntax error of the message. See
 * {@link ContrlWriter} for the action codes.
 *
 * <p>Locations: UCS positions count from the message's UNH = 1 (the engine counts from UNB = 1); an error in UNH or
 * UNT is reported on the UCM itself with its service segment tag (0013) and S011, not repeated as a UCS; an error
 * about a whole segment goes on its UCS (0085), an error in a data element on a UCD after its segment's UCS.
 * Errors without a 0085 code are application errors and are left to the APERAK.
 */
final class ContrlReport {

    static final String ACCEPTED = "7";
    static final String REJECTED = "4";
    private static final int MAX_UCD_PER_UCS = 99;

    /** A run of consecutive messages of one functional group, and the first group-level error located in it. */
    private static final class Group {
        final String reference;
        final int firstSegment;
        final List<MessageOutcome> messages = new ArrayList<>();
        LocatedError error;

        Group(String reference, int firstSegment) {
            this.reference = reference;
            this.firstSegment = firstSegment;
        }
    }

    private final EdifactSegmentWriter w;
    private final InterchangeHeader header;
    private final InterchangeSummary summary;
    private final List<MessageOutcome> messages;

    /** @param header the interchange's header with its values as sent (see {@link ContrlWriter}) */
    ContrlReport(EdifactSegmentWriter w, InterchangeHeader header, InterchangeSummary summary,
                 List<MessageOutcome> messages) {
        this.w = w;
        this.header = header;
        this.summary = summary;
        this.messages = messages;
    }

    void write() {
        boolean rejected = !summary.errors().isEmpty();
        List<Group> groups = summary.groupCount() > 0 ? groups() : List.of();
        LocatedError onUci = null;
        for (LocatedError err : summary.errors()) {
            if (err.scope() == LocatedError.Scope.GROUP && attribute(err, groups)) {
                continue;
            }
            // an interchange error first; a group error that fits no group is still better on the UCI than lost
            if (onUci == null || (onUci.scope() != LocatedError.Scope.INTERCHANGE
                    && err.scope() == LocatedError.Scope.INTERCHANGE)) {
                onUci = err;
            }
        }
        uci(rejected ? REJECTED : ACCEPTED, onUci);
        if (groups.isEmpty()) {
            messages.forEach(this::ucm);
            return;
        }
        for (Group g : groups) {
            if (!rejected || g.error != null) {
                w.segment("UCF", e(g.reference), e(), e(), e(rejected ? REJECTED : ACCEPTED), e(code(g.error)),
                        e(serviceTag(g.error)), serviceS011(g.error));
                g.messages.forEach(this::ucm);
            }
        }
    }

    private void uci(String action, LocatedError err) {
        InterchangeHeader h = header;
        w.segment("UCI", e(h.controlReference()), e(h.senderId(), h.senderQualifier()),
                e(h.recipientId(), h.recipientQualifier()), e(action), e(code(err)), e(serviceTag(err)),
                serviceS011(err));
    }

    /** Consecutive messages with the same group reference; a group without messages cannot be named, so is left out. */
    private List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        String current = null;
        for (MessageOutcome o : messages) {
            EdifactMessage m = o.edifact();
            if (m == null || m.groupReference() == null) {
                continue;
            }
            if (groups.isEmpty() || !m.groupReference().equals(current)) {
                current = m.groupReference();
                groups.add(new Group(current, firstSegment(m)));
            }
            groups.get(groups.size() - 1).messages.add(o);
        }
        return groups;
    }

    /**
     * A group-level error names no group, only where it was found (its UNE, the next UNG, or the UNZ), which comes
     * after the messages of the group it is about: the group is the last one starting before that segment.
     */
    private static boolean attribute(LocatedError err, List<Group> groups) {
        Group found = null;
        for (Group g : groups) {
            if (g.firstSegment < err.segmentNumber()) {
                found = g;
            }
        }
        if (found == null) {
            return false;
        }
        if (found.error == null) {
            found.error = err;
        }
        return true;
    }

    private void ucm(MessageOutcome o) {
        EdifactMessage m = o.edifact();
        if (o.rejectedWithInterchange() || m == null) {
            return; // the UCI 4 already rejects it
        }
        List<LocatedError> syntax = new ArrayList<>(o.errors().stream().filter(x -> x.syntaxCode() != null).toList());
        LocatedError head = envelopeError(m, syntax);
        LocatedError first = head != null ? head : syntax.isEmpty() ? null : syntax.get(0);
        w.segment("UCM", e(m.reference()), e(m.type(), m.version(), m.release(), m.agency(), m.associationCode()),
                e(syntax.isEmpty() ? ACCEPTED : REJECTED), e(code(first)), e(serviceTag(head)), serviceS011(head));
        syntax.remove(head);
        int unh = firstSegment(m);
        Map<Integer, List<LocatedError>> byPosition = new TreeMap<>();
        for (LocatedError err : syntax) {
            if (unh > 0 && err.segmentNumber() >= unh) {
                byPosition.computeIfAbsent(err.segmentNumber() - unh + 1, k -> new ArrayList<>()).add(err);
            }
        }
        byPosition.forEach(this::segmentErrors);
    }

    /**
     * The error to report on the UCM: the first in UNH or UNT. A message cut short has no UNT; the scanner reports
     * that at its last segment, which would read as "this segment is missing", so it is reported as UNT missing.
     */
    private static LocatedError envelopeError(EdifactMessage m, List<LocatedError> syntax) {
        Segment last = m.segments().isEmpty() ? null : m.segments().get(m.segments().size() - 1);
        if (last != null && !"UNT".equals(last.tag())) {
            for (LocatedError err : syntax) {
                if ("13".equals(err.syntaxCode()) && err.element() == 0 && err.segmentNumber() == last.number()) {
                    syntax.remove(err);
                    LocatedError unt = LocatedError.message(err.interchangeRef(), err.messageRef(), 0, "UNT", 0, 0,
                            null, err.reason(), "13");
                    syntax.add(0, unt);
                    return unt;
                }
            }
        }
        return syntax.stream().filter(x -> "UNH".equals(x.segmentTag()) || "UNT".equals(x.segmentTag()))
                .findFirst().orElse(null);
    }

    /** One UCS per segment (another for each further error about the whole segment), its UCDs after the first. */
    private void segmentErrors(int position, List<LocatedError> errors) {
        List<LocatedError> whole = errors.stream().filter(x -> x.element() <= 0).toList();
        List<LocatedError> elements = errors.stream().filter(x -> x.element() > 0).toList();
        w.segment("UCS", e(String.valueOf(position)), e(whole.isEmpty() ? null : whole.get(0).syntaxCode()));
        for (int i = 0; i < Math.min(elements.size(), MAX_UCD_PER_UCS); i++) {
            LocatedError err = elements.get(i);
            w.segment("UCD", e(err.syntaxCode()), s011(err));
        }
        for (int i = 1; i < whole.size(); i++) {
            w.segment("UCS", e(String.valueOf(position)), e(whole.get(i).syntaxCode()));
        }
    }

    private static int firstSegment(EdifactMessage m) {
        return m.segments().isEmpty() ? 0 : m.segments().get(0).number();
    }

    private static String code(LocatedError err) {
        return err == null ? null : err.syntaxCode();
    }

    /** 0013 names service segments only (UNA, UNB, UNG, UNH, UNT, UNE, UNZ); a user segment is located by UCS. */
    private static String serviceTag(LocatedError err) {
        return err != null && err.segmentTag() != null && err.segmentTag().startsWith("UN") ? err.segmentTag() : null;
    }

    /** S011 on UCI, UCF and UCM: it locates an element of the service segment named by 0013, so only with one. */
    private static String[] serviceS011(LocatedError err) {
        return serviceTag(err) == null ? e() : s011(err);
    }

    /** S011: data element position, and component position when the error is in a component. */
    private static String[] s011(LocatedError err) {
        if (err.element() <= 0) {
            return e();
        }
        return err.component() > 0 ? e(String.valueOf(err.element()), String.valueOf(err.component()))
                : e(String.valueOf(err.element()));
    }
}
