package hk.tsw.gateway.answer;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.edifact.Segment;
import hk.tsw.gateway.translate.edifact.ServiceChars;
import hk.tsw.gateway.translate.edifact.SyntaxCharset;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.translate.rules.BusinessRules;
import hk.tsw.gateway.translate.rules.RuleFailure;

/**
 * Answers an EDIFACT message that failed at application level (business rules, or mapping errors, i.e. errors
 * without an ISO 9735 0085 code) with an APERAK interchange from the gateway back to the message's sender.
 *
 * <p>Promises: the APERAK is in the directory version of the original ({@code APERAK:D:96A:UN} for a D.96A
 * message), in the original's syntax identifier, version, charset and service characters, with every data value
 * release-escaped, and follows the D.96A segment table exactly: UNH BGM DTM SG1(RFF) SG3(ERC FTX SG4(RFF FTX))
 * UNT (D.96A has no DOC segment; the original is referenced by RFF ACW = its UNH 0062 and RFF ACE = its BGM
 * 1004). One SG3 per failure (at most 999, the group's limit). FTX C108 holds 5 x 4440 of an..70 in D.96A, so a
 * text longer than 350 characters continues in SG4 (RFF ACW, then up to 9 FTX).
 *
 * <p>BGM 1001 is 313 (application error message): D.96A's code list predates it (added in later directories), it
 * is what partners' APERAK handling keys on. Characters the original's repertoire cannot carry become '?'.
 */
public final class AperakWriter {

    /** The gateway as an interchange party (UNB sender). */
    public record Sender(String id, String qualifier) {
    }

    /** A written APERAK: its interchange reference (also the BGM document number) and the bytes to send. */
    public record Aperak(String reference, byte[] bytes) {
    }

    private static final int TEXT_COMPONENT = 70;
    private static final int TEXT_COMPONENTS = 5;
    private static final int MAX_ERRORS = 999;
    private static final int MAX_SG4_FTX = 9;

    private final Sender gateway;
    private final Clock clock;
    private final AtomicInteger sequence = new AtomicInteger();

    public AperakWriter(Sender gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * @param outcome  an EDIFACT message ({@code edifact()} not null) with its canonical document
     * @param failures the business rules it broke (may be empty when it has mapping errors)
     * @param rules    where the application error codes come from
     */
    public Aperak write(MessageOutcome outcome, List<RuleFailure> failures, BusinessRules rules) {
        EdifactMessage original = outcome.edifact();
        if (original == null) {
            throw new IllegalArgumentException("APERAK answers EDIFACT messages only; use WcoResponseWriter for XML");
        }
        InterchangeHeader unb = original.interchange();
        ZonedDateTime now = ZonedDateTime.now(clock);
        String reference = now.format(DateTimeFormatter.ofPattern("yyMMddHHmmss"))
                + String.format(Locale.ROOT, "%02d", sequence.getAndIncrement() % 100);
        SegmentWriter w = new SegmentWriter(unb);

        List<String> body = new ArrayList<>();
        body.add(w.segment("UNH", List.of("1"), List.of("APERAK", original.version(), original.release(), original.agency())));
        body.add(w.segment("BGM", List.of("313"), List.of(reference), List.of("9")));
        body.add(w.segment("DTM", List.of("137", now.format(DateTimeFormatter.ofPattern("yyyyMMddHHmm")), "203")));
        body.add(w.segment("RFF", List.of("ACW", original.reference())));
        Segment bgm = original.first("BGM");
        if (bgm != null && !documentNumber(bgm).isEmpty()) {
            body.add(w.segment("RFF", List.of("ACE", documentNumber(bgm))));
        }
        List<String[]> errors = new ArrayList<>();
        for (LocatedError e : outcome.errors()) {
            if (e.syntaxCode() == null) {
                errors.add(new String[] {rules.mappingErrorCode(), e.format()});
            }
        }
        for (RuleFailure f : failures) {
            errors.add(new String[] {rules.errorCode(f.rule()), text(f, original,
                    outcome.document() == null ? java.util.Map.of() : outcome.document().locate())});
        }
        for (String[] e : errors.subList(0, Math.min(errors.size(), MAX_ERRORS))) {
            body.add(w.segment("ERC", List.of(e[0])));
            List<String> chunks = w.chunks(e[1]);
            body.add(w.segment("FTX", List.of("AAO"), List.of(), List.of(), chunks.subList(0, Math.min(chunks.size(), TEXT_COMPONENTS))));
            if (chunks.size() > TEXT_COMPONENTS) {
                body.add(w.segment("RFF", List.of("ACW", original.reference())));
                for (int i = TEXT_COMPONENTS, n = 0; i < chunks.size() && n < MAX_SG4_FTX; i += TEXT_COMPONENTS, n++) {
                    body.add(w.segment("FTX", List.of("AAO"), List.of(), List.of(),
                            chunks.subList(i, Math.min(chunks.size(), i + TEXT_COMPONENTS))));
                }
            }
        }
        body.add(w.segment("UNT", List.of(String.valueOf(body.size() + 1)), List.of("1")));

        StringBuilder out = new StringBuilder();
        if (unb.una() != null) {
            out.append(una(unb.chars()));
        }
        String date = "4".equals(unb.syntaxVersion()) ? "yyyyMMdd" : "yyMMdd";
        out.append(w.segment("UNB", List.of(unb.syntaxId(), unb.syntaxVersion()), idAndQualifier(gateway.id(), gateway.qualifier()),
                idAndQualifier(unb.senderId(), unb.senderQualifier()),
                List.of(now.format(DateTimeFormatter.ofPattern(date)), now.format(DateTimeFormatter.ofPattern("HHmm"))),
                List.of(reference)));
        if ("1".equals(unb.testIndicator())) {
            out.setLength(out.length() - 1);
            out.append(w.sep(6)).append('1').append((char) unb.chars().terminator()); // UNB 0035 test indicator, as received
        }
        body.forEach(out::append);
        out.append(w.segment("UNZ", List.of("1"), List.of(reference)));
        return new Aperak(reference, out.toString().getBytes(encoding(unb)));
    }

    /** BGM 1004: element 2 in D.96A, C106 from D.96B (either way the first component). */
    private static String documentNumber(Segment bgm) {
        return bgm.value(2, 1);
    }

    /** The failure in words with its location: the canonical path, and the EDIFACT segment where it can be told. */
    static String text(RuleFailure f, EdifactMessage original, java.util.Map<String, String> locate) {
        String segment = EdifactLocator.segmentFor(f.xpath(), original, locate);
        return f.message() + " (at " + f.xpath() + (segment == null ? "" : "; EDIFACT " + segment) + ")" + f.adviceSuffix();
    }

    private static List<String> idAndQualifier(String id, String qualifier) {
        return qualifier == null || qualifier.isEmpty() ? List.of(id) : List.of(id, qualifier);
    }

    /** The bytes' encoding: the syntax id's charset, or the partner's agreed one (Big5-HKSCS) under the same id. */
    static java.nio.charset.Charset encoding(InterchangeHeader unb) {
        return unb.encoding() != null ? unb.encoding() : charset(unb).charset();
    }

    private static SyntaxCharset charset(InterchangeHeader unb) {
        return unb.charset() == null ? SyntaxCharset.UNOC : unb.charset();
    }

    private static String una(ServiceChars c) {
        return "UNA" + (char) c.component() + (char) c.element() + (char) c.decimal()
                + (c.release() == -1 ? ' ' : (char) c.release()) + (c.repetition() == -1 ? ' ' : (char) c.repetition())
                + (char) c.terminator();
    }

    /** Writes segments with the original's service characters, escaping data and keeping it in the repertoire. */
    private static final class SegmentWriter {
        private final ServiceChars chars;
        private final SyntaxCharset charset;
        private final java.nio.charset.Charset encoding;
        private final boolean agreed;

        SegmentWriter(InterchangeHeader unb) {
            this.chars = unb.chars();
            this.charset = charset(unb);
            this.encoding = encoding(unb);
            this.agreed = unb.agreed();
        }

        /** A segment of simple or composite elements (each a list of components; trailing empties dropped). */
        @SafeVarargs
        final String segment(String tag, List<String>... elements) {
            StringBuilder b = new StringBuilder(tag);
            int last = elements.length;
            while (last > 0 && elements[last - 1].stream().allMatch(String::isEmpty)) {
                last--;
            }
            for (int e = 0; e < last; e++) {
                b.append((char) chars.element());
                List<String> comps = elements[e];
                int lastComp = comps.size();
                while (lastComp > 0 && comps.get(lastComp - 1).isEmpty()) {
                    lastComp--;
                }
                for (int c = 0; c < lastComp; c++) {
                    if (c > 0) {
                        b.append((char) chars.component());
                    }
                    b.append(escape(clean(comps.get(c))));
                }
            }
            return b.append((char) chars.terminator()).toString();
        }

        String sep(int n) {
            return String.valueOf((char) chars.element()).repeat(n);
        }

        /**
         * Text cut into 4440 values of at most 70 characters, at spaces (the space is dropped: a reader joins the
         * values with one space); only a word longer than 70 characters is cut inside.
         */
        List<String> chunks(String text) {
            return EdifactSegmentWriter.chunks(clean(text), TEXT_COMPONENT);
        }

        private String clean(String value) {
            String v = charset == SyntaxCharset.UNOA ? value.toUpperCase(Locale.ROOT) : value;
            StringBuilder b = new StringBuilder();
            v.codePoints().forEach(cp -> {
                String s = Character.toString(cp);
                boolean ok = (agreed ? SyntaxCharset.UNOW : charset).firstInvalid(s) < 0
                        && encoding.newEncoder().canEncode(s);
                b.append(ok ? s : "?");
            });
            return b.toString();
        }

        private String escape(String value) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                boolean special = ch == chars.component() || ch == chars.element() || ch == chars.terminator()
                        || ch == chars.release() || (chars.repetition() != -1 && ch == chars.repetition());
                if (special && chars.release() == -1) {
                    b.append(' '); // no release character agreed: the character cannot be carried
                } else {
                    b.append(special ? String.valueOf((char) chars.release()) + ch : String.valueOf(ch));
                }
            }
            return b.toString();
        }
    }
}
