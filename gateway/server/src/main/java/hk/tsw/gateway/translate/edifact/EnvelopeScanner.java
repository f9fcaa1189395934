package hk.tsw.gateway.translate.edifact;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import hk.tsw.gateway.translate.LocatedError;

/**
 * The gateway's own streaming EDIFACT envelope layer (ISO 9735 syntax 3 and 4), in front of Smooks, which checks
 * none of this: UNA, UNB, optional UNG/UNE, UNH/UNT, UNZ; control counts and references; the repertoire of the
 * declared syntax id. It reads one segment at a time and hands each complete message to the listener as soon as its
 * UNT arrives, so memory is bounded by the largest message, not the file.
 *
 * <p>Segment numbers count from UNB = 1 within each interchange. Every problem becomes a {@link LocatedError}
 * with its ISO 9735 0085 code; nothing is thrown for bad data (only for I/O failures of the stream itself).
 */
public final class EnvelopeScanner {

    /** Receives the interchanges and messages of a file in order. */
    public interface Listener {
        default void interchangeStarted(InterchangeHeader header) {
        }

        void message(EdifactMessage message);

        void interchangeEnded(InterchangeSummary summary);
    }

    private final boolean allowUnicodeUnderSyntax3;
    private final java.nio.charset.Charset agreed;

    /** @param allowUnicodeUnderSyntax3 accept UNOW/UNOY with syntax version 3 (a per-partner agreement) */
    public EnvelopeScanner(boolean allowUnicodeUnderSyntax3) {
        this(allowUnicodeUnderSyntax3, null);
    }

    /**
     * @param agreed the encoding a partner agreed for its UNOA/UNOB/UNOC interchanges (Big5-HKSCS), or null: such
     *               interchanges are decoded strictly in it, double-byte aware, before they are split
     */
    public EnvelopeScanner(boolean allowUnicodeUnderSyntax3, java.nio.charset.Charset agreed) {
        this.allowUnicodeUnderSyntax3 = allowUnicodeUnderSyntax3;
        this.agreed = agreed;
    }

    /** A multi-byte encoding whose trail bytes can look like ASCII separators. */
    private boolean doubleByte() {
        return agreed != null && !agreed.name().startsWith("UTF") && agreed.newEncoder().maxBytesPerChar() > 1;
    }

    public void scan(InputStream input, Listener listener) throws IOException {
        SegmentTokenizer tokenizer = new SegmentTokenizer(new BufferedInputStream(input, 64 * 1024));
        tokenizer.skipByteOrderMark();
        boolean first = true;
        while (first || !tokenizer.atEnd()) {
            first = false;
            if (!scanInterchange(tokenizer, listener)) {
                return;
            }
        }
    }

    /** Returns false when the rest of the data cannot be read as EDIFACT. */
    private boolean scanInterchange(SegmentTokenizer tokenizer, Listener listener) throws IOException {
        List<LocatedError> errors = new ArrayList<>();
        ServiceChars una;
        try {
            una = tokenizer.readUna();
        } catch (IOException e) {
            errors.add(LocatedError.interchange(null, 0, "UNA", 0, 0, null, "the UNA service string is cut short", "13"));
            listener.interchangeEnded(new InterchangeSummary(null, 0, 0, 0, errors));
            return false;
        }
        ServiceChars chars = una == null ? ServiceChars.defaults() : una;
        String unaProblem = una == null ? null : una.problem();
        if (unaProblem != null) {
            String[] p = unaProblem.split("\\|", 2);
            errors.add(LocatedError.interchange(null, 0, "UNA", 0, 0, null, p[1], p[0]));
            listener.interchangeEnded(new InterchangeSummary(null, 0, 0, 0, errors));
            return false;
        }
        if (una != null && doubleByte() && AgreedEncodingCheck.unaProblem(una) != null) {
            errors.add(LocatedError.interchange(null, 0, "UNA", 0, 0, null,
                    AgreedEncodingCheck.unaProblem(una).replace("%s", agreed.name()), "20"));
            listener.interchangeEnded(new InterchangeSummary(null, 0, 0, 0, errors));
            return false;
        }
        tokenizer.use(chars);
        tokenizer.use(java.nio.charset.StandardCharsets.ISO_8859_1);
        tokenizer.doubleByte(doubleByte());
        Segment unb = tokenizer.next(1);
        if (unb == null || !"UNB".equals(unb.tag())) {
            errors.add(LocatedError.interchange(null, 1, unb == null ? null : unb.tag(), 0, 0, null,
                    "the interchange does not start with a UNB segment", "13"));
            listener.interchangeEnded(new InterchangeSummary(null, 0, 0, 0, errors));
            return false;
        }
        InterchangeHeader header = InterchangeHeader.of(una, chars, unb, agreed);
        String ref = header.controlReference();
        if (tokenizer.oversized()) {
            errors.add(LocatedError.interchange(ref, 1, "UNB", 0, 0, null, SegmentTokenizer.OVERSIZED_REASON, "18"));
            listener.interchangeEnded(new InterchangeSummary(header, 0, 0, 1, errors));
            return false;
        }
        if (!checkUnb(header, errors, tokenizer.truncated())) {
            listener.interchangeEnded(new InterchangeSummary(header, 0, 0, 1, errors));
            return false;
        }
        if ("4".equals(header.syntaxVersion())) {
            chars = chars.withRepetition(una == null ? '*' : una.repetition());
        } else {
            chars = chars.withRepetition(-1);
        }
        header = InterchangeHeader.of(una, chars, unb.recoded(header.encoding()), agreed);
        tokenizer.use(chars);
        tokenizer.use(header.encoding());
        tokenizer.doubleByte(header.agreed() && doubleByte());
        if (header.agreed()) {
            RepertoireCheck.check(header.segment(), header, ref, null, true, errors);
            if (!errors.isEmpty()) {
                listener.interchangeEnded(new InterchangeSummary(header, 0, 0, 1, errors));
                return false;
            }
        }
        listener.interchangeStarted(header);
        new InterchangeBody(header, tokenizer, listener, errors).read();
        return true;
    }

    private boolean checkUnb(InterchangeHeader h, List<LocatedError> errors, boolean truncated) {
        String ref = h.controlReference();
        if (truncated) {
            errors.add(LocatedError.interchange(ref, 1, "UNB", 0, 0, null,
                    "the interchange ends inside its UNB segment", "13"));
            return false;
        }
        if (h.charset() == null) {
            errors.add(LocatedError.interchange(ref, 1, "UNB", 1, 1, h.syntaxId(),
                    "syntax identifier '" + h.syntaxId() + "' is not supported (use UNOA-UNOF, UNOK, UNOW or UNOY)", "2"));
            return false;
        }
        if (!"3".equals(h.syntaxVersion()) && !"4".equals(h.syntaxVersion())) {
            errors.add(LocatedError.interchange(ref, 1, "UNB", 1, 2, h.syntaxVersion(),
                    "syntax version '" + h.syntaxVersion() + "' is not supported (3 or 4)", "2"));
            return false;
        }
        if (h.charset().unicode() && "3".equals(h.syntaxVersion()) && !allowUnicodeUnderSyntax3) {
            errors.add(LocatedError.interchange(ref, 1, "UNB", 1, 1, h.syntaxId(),
                    h.syntaxId() + " (UTF-8) needs syntax version 4 unless the partner agreement allows it under 3", "2"));
            return false;
        }
        Object[][] required = {{2, 1, "0004", "interchange sender"}, {3, 1, "0010", "interchange recipient"},
                {4, 1, "0017", "date of preparation"}, {4, 2, "0019", "time of preparation"},
                {5, 1, "0020", "interchange control reference"}};
        for (Object[] r : required) {
            if (h.segment().value((int) r[0], (int) r[1]).isEmpty()) {
                errors.add(LocatedError.interchange(ref, 1, "UNB", (int) r[0], (int) r[1], null,
                        "the " + r[3] + " (" + r[2] + ") is missing", "13"));
            }
        }
        ServiceLimits.check(h.segment(), ref, null, true, h.syntaxVersion(), errors);
        if (!h.charset().unicode() && !h.agreed()) { // UNB was decoded before its charset was known: check it only as ASCII
            RepertoireCheck.check(h.segment(), h.charset(), ref, null, true, errors);
        }
        return errors.isEmpty();
    }
}
