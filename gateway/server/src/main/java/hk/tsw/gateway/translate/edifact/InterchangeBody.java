package hk.tsw.gateway.translate.edifact;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import hk.tsw.gateway.translate.LocatedError;

/**
 * Reads the segments after a UNB up to its UNZ, cutting them into messages and checking groups, counts and
 * references. Messages are handed to the listener as they complete; interchange- and group-level errors are
 * reported with the summary at the end, and reject the whole interchange.
 */
final class InterchangeBody {

    private final InterchangeHeader header;
    private final SegmentTokenizer tokenizer;
    private final EnvelopeScanner.Listener listener;
    private final List<LocatedError> errors;
    private final String ref;

    private int number = 1;
    private int messages;
    private int groups;
    private boolean sawBareMessage;
    private Segment ung;
    private int groupMessages;
    private List<Segment> message;
    private List<LocatedError> messageErrors;

    InterchangeBody(InterchangeHeader header, SegmentTokenizer tokenizer, EnvelopeScanner.Listener listener,
                    List<LocatedError> errors) {
        this.header = header;
        this.tokenizer = tokenizer;
        this.listener = listener;
        this.errors = errors;
        this.ref = header.controlReference();
    }

    void read() throws IOException {
        while (true) {
            Segment s = tokenizer.next(number + 1);
            if (s == null) {
                closeMessage("the interchange ends before the message's UNT");
                errors.add(LocatedError.interchange(ref, number, null, 0, 0, null,
                        "the interchange is truncated: no UNZ after segment " + number, "13"));
                finish();
                return;
            }
            number++;
            if (tokenizer.truncated()) {
                closeMessage("the interchange ends before the message's UNT");
                errors.add(LocatedError.interchange(ref, number, s.tag(), 0, 0, null,
                        "the interchange is truncated inside this segment (no segment terminator, no UNZ)", "13"));
                finish();
                return;
            }
            if (tokenizer.oversized()) {
                interchangeError(s, SegmentTokenizer.OVERSIZED_REASON, "18");
            }
            if (handle(s)) {
                finish();
                return;
            }
        }
    }

    /** Returns true at UNZ. */
    private boolean handle(Segment s) {
        switch (s.tag()) {
            case "UNH" -> openMessage(s);
            case "UNT" -> {
                if (message == null) {
                    interchangeError(s, "UNT without a preceding UNH", "33");
                } else {
                    message.add(s);
                    check(s, false);
                    emitMessage();
                }
            }
            case "UNG" -> openGroup(s);
            case "UNE" -> closeGroup(s);
            case "UNZ" -> {
                closeMessage("UNZ arrives before the message's UNT");
                if (ung != null) {
                    errors.add(LocatedError.group(ref, s.number(), s.tag(), 0, 0, null,
                            "functional group " + ung.value(5, 1) + " has no UNE", "13"));
                }
                check(s, true);
                checkTrailer(s);
                return true;
            }
            default -> {
                if (message == null) {
                    interchangeError(s, "segment " + s.tag() + " appears outside any message", "33");
                } else {
                    message.add(s);
                    check(s, false);
                }
            }
        }
        return false;
    }

    private void openMessage(Segment unh) {
        closeMessage("a new UNH arrives before the message's UNT");
        if (ung == null) {
            sawBareMessage = true;
            if (groups > 0) {
                interchangeError(unh, "messages outside functional groups are mixed with groups", "30");
            }
        }
        message = new ArrayList<>();
        messageErrors = new ArrayList<>();
        message.add(unh);
        check(unh, false);
        Object[][] required = {{1, 1, "0062", "message reference number"}, {2, 1, "0065", "message type"},
                {2, 2, "0052", "message version number"}, {2, 3, "0054", "message release number"},
                {2, 4, "0051", "controlling agency"}};
        for (Object[] r : required) {
            if (unh.value((int) r[0], (int) r[1]).isEmpty()) {
                messageErrors.add(LocatedError.message(ref, unh.value(1, 1), unh.number(), "UNH", (int) r[0],
                        (int) r[1], null, "the " + r[3] + " (" + r[2] + ") is missing", "13"));
            }
        }
    }

    private void emitMessage() {
        Segment unh = message.get(0);
        Segment unt = message.get(message.size() - 1);
        String mref = unh.value(1, 1);
        if ("UNT".equals(unt.tag())) {
            String count = unt.value(1, 1);
            if (!count.equals(String.valueOf(message.size()))) {
                messageErrors.add(LocatedError.message(ref, mref, unt.number(), "UNT", 1, 1, count,
                        "UNT counts " + (count.isEmpty() ? "nothing" : count + " segments") + " but the message has "
                                + message.size() + " (UNH to UNT inclusive)", "29"));
            }
            if (!unt.value(2, 1).equals(mref)) {
                messageErrors.add(LocatedError.message(ref, mref, unt.number(), "UNT", 2, 1, unt.value(2, 1),
                        "UNT message reference '" + unt.value(2, 1) + "' does not match UNH reference '" + mref + "'", "28"));
            }
        }
        messages++;
        groupMessages++;
        listener.message(new EdifactMessage(header, ung == null ? null : ung.value(5, 1), mref, unh.value(2, 1),
                unh.value(2, 2), unh.value(2, 3), unh.value(2, 4), unh.value(2, 5), List.copyOf(message),
                List.copyOf(messageErrors)));
        message = null;
        messageErrors = null;
    }

    private void closeMessage(String why) {
        if (message == null) {
            return;
        }
        Segment last = message.get(message.size() - 1);
        messageErrors.add(LocatedError.message(ref, message.get(0).value(1, 1), last.number(), last.tag(), 0, 0,
                null, "the UNT segment is missing: " + why, "13"));
        emitMessage();
    }

    private void openGroup(Segment s) {
        closeMessage("UNG arrives before the message's UNT");
        check(s, true);
        if (sawBareMessage) {
            interchangeError(s, "functional groups are mixed with messages outside groups", "30");
        }
        if (ung != null) {
            errors.add(LocatedError.group(ref, s.number(), s.tag(), 0, 0, null,
                    "functional group " + ung.value(5, 1) + " has no UNE before the next UNG", "13"));
        }
        ung = s;
        groups++;
        groupMessages = 0;
    }

    private void closeGroup(Segment une) {
        closeMessage("UNE arrives before the message's UNT");
        check(une, true);
        if (ung == null) {
            interchangeError(une, "UNE without a preceding UNG", "33");
            return;
        }
        String count = une.value(1, 1);
        if (!count.equals(String.valueOf(groupMessages))) {
            errors.add(LocatedError.group(ref, une.number(), "UNE", 1, 1, count, "UNE counts "
                    + (count.isEmpty() ? "nothing" : count) + " messages but the group has " + groupMessages, "29"));
        }
        String gref = ung.value(5, 1);
        if (!une.value(2, 1).equals(gref)) {
            errors.add(LocatedError.group(ref, une.number(), "UNE", 2, 1, une.value(2, 1),
                    "UNE group reference '" + une.value(2, 1) + "' does not match UNG reference '" + gref + "'", "28"));
        }
        ung = null;
    }

    private void checkTrailer(Segment unz) {
        int expected = groups > 0 ? groups : messages;
        String count = unz.value(1, 1);
        if (!count.equals(String.valueOf(expected))) {
            errors.add(LocatedError.interchange(ref, unz.number(), "UNZ", 1, 1, count, "UNZ counts "
                    + (count.isEmpty() ? "nothing" : count) + " but the interchange has " + expected
                    + (groups > 0 ? " functional groups" : " messages"), "29"));
        }
        if (!unz.value(2, 1).equals(ref)) {
            errors.add(LocatedError.interchange(ref, unz.number(), "UNZ", 2, 1, unz.value(2, 1),
                    "UNZ control reference '" + unz.value(2, 1) + "' does not match UNB reference '" + ref + "'", "28"));
        }
    }

    private void check(Segment s, boolean interchangeLevel) {
        List<LocatedError> target = interchangeLevel || messageErrors == null ? errors : messageErrors;
        boolean level = interchangeLevel || messageErrors == null;
        String mref = level ? null : message.get(0).value(1, 1);
        ServiceLimits.check(s, ref, mref, level, header.syntaxVersion(), target);
        RepertoireCheck.check(s, header, ref, mref, level, target);
    }

    private void interchangeError(Segment s, String reason, String code) {
        errors.add(LocatedError.interchange(ref, s.number(), s.tag(), 0, 0, null, reason, code));
    }

    private void finish() {
        listener.interchangeEnded(new InterchangeSummary(header, messages, groups, number, List.copyOf(errors)));
    }
}
