package hk.tsw.gateway.answer;

import hk.tsw.gateway.store.DecisionStatus;
import static hk.tsw.gateway.answer.EdifactSegmentWriter.e;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.translate.edifact.SyntaxCharset;
import hk.tsw.gateway.store.DecisionStore;

/**
 * Tells an EDIFACT sender what a government agency decided about its document, as a CUSRES (customs response)
 * interchange from the gateway back to that sender: an EDIFACT partner cannot read the agency's own format, and it
 * expects the answer in the directory version and syntax it used itself.
 *
 * <p>Promises: {@code UNH+1+CUSRES:D:<version>:UN} in the original's directory (D96A gives {@code CUSRES:D:96A:UN},
 * D96B {@code CUSRES:D:96B:UN}); the original's syntax identifier and version, its charset
 * ({@link SyntaxCharset#charset()}), standard service characters announced by UNA, every value release-escaped and
 * inside the repertoire ({@link EdifactSegmentWriter}). The segments follow the D.96A CUSRES segment table exactly:
 * UNH BGM NAD DTM GIS FTX(max 5) SG5(RFF) SG8(DOC DTM(max 2)) UNT; SG5 is mandatory in CUSRES and is the only place
 * the message has RFF, so the original is referenced there (RFF ACW = its UNH 0062, RFF AGO = the sender's
 * document number, its BGM 1004).
 *
 * <p>Codes (all from the D.96A code lists): BGM 1001 962 "Document response (Customs)" for a decision on the
 * document, 963 "Error response (Customs)" for a rejection; 1225 9 (original). The agency is NAD CM (the authority
 * relevant to the transaction). GIS 7365: 1 content accepted (also for a licence/permit issued), 2/3 rejected
 * with/without comment (also an application REFUSED), 5 goods required for examination, 4 goods released, 6 "all
 * documents or as specified to be produced" (MORE_INFORMATION_REQUESTED on an application). Reasons are FTX AAO (error
 * description) for a rejection, FTX ACD (reason) otherwise; each FTX holds 5 x 70 characters, cut at spaces, and the
 * segment repeats at most 5 times, so what does not fit is cut (ending in "..."). A licence or permit is SG8
 * DOC 911 (import licence; a permit says so in C002 1000) with its number in C503, validity as DTM 157 (validity
 * start) and DTM 36 (expiry), CCYYMMDD/102. Its licensed lines follow the references, one SG5 each: RFF LI (1154 the
 * HS code, 1156 the line number) and MEA AAE with the quantity and its unit (C174 6411, 6314), as SANCRT carries
 * the quantity applied for. A refusal (REFUSED) is BGM 963 with its reasons in FTX AAO, like a rejection.
 */
public final class CusresWriter {

    /** The original interchange's envelope, as received: whom to answer, in which syntax and directory. */
    public record InterchangeInfo(String syntaxId, String syntaxVersion, String senderId, String senderQualifier,
                                  String interchangeRef, String messageRef, String directory,
                                  java.nio.charset.Charset agreedEncoding) {

        public InterchangeInfo(String syntaxId, String syntaxVersion, String senderId, String senderQualifier,
                               String interchangeRef, String messageRef, String directory) {
            this(syntaxId, syntaxVersion, senderId, senderQualifier, interchangeRef, messageRef, directory, null);
        }
    }

    static final int TEXT_COMPONENT = 70;
    static final int TEXT_COMPONENTS = 5;
    static final int MAX_FTX = 5;
    private static final Pattern DIRECTORY = Pattern.compile("D(\\d\\d[A-Z])", Pattern.CASE_INSENSITIVE);

    private final String gatewayId;
    private final String gatewayQualifier;
    private final Clock clock;
    private final AtomicInteger sequence = new AtomicInteger();

    public CusresWriter(String gatewayId, String gatewayQualifier, Clock clock) {
        this.gatewayId = gatewayId;
        this.gatewayQualifier = gatewayQualifier;
        this.clock = clock;
    }

    /**
     * @param original         the envelope of the interchange that carried the document
     * @param decision         what the agency decided
     * @param documentNumber   the sender's number for the document (its BGM 1004); may be null
     * @param gatewayReference the gateway's reference for this response (BGM 1004 of the CUSRES)
     */
    public byte[] write(InterchangeInfo original, DecisionStore.Decision decision, String documentNumber,
                        String gatewayReference) {
        SyntaxCharset repertoire = SyntaxCharset.of(original.syntaxId());
        if (repertoire == null) {
            throw new IllegalArgumentException("unsupported syntax identifier " + original.syntaxId());
        }
        Matcher dir = DIRECTORY.matcher(original.directory() == null ? "" : original.directory().trim());
        if (!dir.matches()) {
            throw new IllegalArgumentException("not an EDIFACT D directory: " + original.directory());
        }
        String status = decision.decision();
        ZonedDateTime now = ZonedDateTime.now(clock);
        String reference = now.format(DateTimeFormatter.ofPattern("yyMMddHHmmss"))
                + String.format(Locale.ROOT, "%02d", sequence.getAndIncrement() % 100);
        boolean syntax4 = "4".equals(original.syntaxVersion());
        java.nio.charset.Charset encoding = hk.tsw.gateway.translate.edifact.InterchangeHeader.encodingOf(repertoire,
                original.agreedEncoding());
        Text t = new Text(encoding.equals(repertoire.charset()) ? repertoire : SyntaxCharset.UNOW, encoding);

        EdifactSegmentWriter w = new EdifactSegmentWriter(original.syntaxVersion(), encoding).una();
        w.segment("UNB", e(original.syntaxId(), original.syntaxVersion()), e(t.v(gatewayId), t.v(gatewayQualifier)),
                e(t.v(original.senderId()), t.v(original.senderQualifier())),
                e(now.format(DateTimeFormatter.ofPattern(syntax4 ? "yyyyMMdd" : "yyMMdd")),
                        now.format(DateTimeFormatter.ofPattern("HHmm"))), e(reference));
        int first = w.segmentCount();
        w.segment("UNH", e("1"), e("CUSRES", "D", dir.group(1).toUpperCase(Locale.ROOT), "UN"));
        boolean negative = DecisionStatus.of(status).map(DecisionStatus::negative).orElse(false);
        w.segment("BGM", e(negative ? "963" : "962"), e(t.v(gatewayReference)), e("9"));
        w.segment("NAD", e("CM"), e(t.v(decision.agency())));
        w.segment("DTM", e("137", now.format(DateTimeFormatter.ofPattern("yyyyMMddHHmm")), "203"));
        List<String> reasons = decision.reasons() == null ? List.of() : decision.reasons();
        w.segment("GIS", e(processingIndicator(status, !reasons.isEmpty())));
        String qualifier = negative ? "AAO" : "ACD";
        for (List<String> text : freeTexts(reasons, t)) {
            w.segment("FTX", e(qualifier), e(), e(), text.toArray(String[]::new));
        }
        w.segment("RFF", e("ACW", t.v(original.messageRef())));
        if (documentNumber != null && !documentNumber.isBlank()) {
            w.segment("RFF", e("AGO", t.v(documentNumber)));
        }
        // each licensed line its own SG5: RFF LI (line number, the HS code in 1154) and MEA AAE (quantity and unit)
        int n = 0;
        for (DecisionStore.LicensedLine line : decision.lines()) {
            w.segment("RFF", e("LI", t.v(line.hsCode()), String.valueOf(++n)));
            w.segment("MEA", e("AAE"), e(), e(t.v(line.unit()), line.quantity().stripTrailingZeros().toPlainString()));
        }
        Optional<DecisionStatus> known = DecisionStatus.of(status);
        if (known.map(DecisionStatus::issuesLicence).orElse(false)) {
            w.segment("DOC", e("911", null, null, known.get() == DecisionStatus.PERMIT_ISSUED ? t.v("Permit") : null),
                    e(t.v(decision.licenceNumber())));
            if (decision.validFrom() != null && !decision.validFrom().isBlank()) {
                w.segment("DTM", e("157", ccyymmdd(decision.validFrom()), "102"));
            }
            if (decision.validTo() != null && !decision.validTo().isBlank()) {
                w.segment("DTM", e("36", ccyymmdd(decision.validTo()), "102"));
            }
        }
        w.segment("UNT", e(String.valueOf(w.segmentCount() - first + 1)), e("1"));
        w.segment("UNZ", e("1"), e(reference));
        return w.bytes();
    }

    /** D.96A 7365 for an agency decision. */
    static String processingIndicator(String decision, boolean withComment) {
        DecisionStatus status = DecisionStatus.of(decision)
                .orElseThrow(() -> new IllegalArgumentException("unknown decision " + decision));
        return switch (status) {
            case ACCEPTED, LICENCE_ISSUED, PERMIT_ISSUED -> "1";
            case REJECTED, REFUSED -> withComment ? "2" : "3";
            case MORE_INFORMATION_REQUESTED -> "6";
            case HELD_FOR_INSPECTION -> "5";
            case RELEASED -> "4";
        };
    }

    /**
     * One FTX per reason (5 values of at most 70 characters, cut at spaces), at most {@link #MAX_FTX}: reasons beyond
     * the last segment are joined into it, and text that does not fit ends in "...".
     */
    static List<List<String>> freeTexts(List<String> reasons, Text t) {
        List<String> texts = new ArrayList<>();
        for (String r : reasons) {
            if (r != null && !r.isBlank()) {
                texts.add(t.v(r).strip());
            }
        }
        if (texts.size() > MAX_FTX) {
            List<String> kept = new ArrayList<>(texts.subList(0, MAX_FTX - 1));
            kept.add(String.join("; ", texts.subList(MAX_FTX - 1, texts.size())));
            texts = kept;
        }
        List<List<String>> out = new ArrayList<>();
        for (String text : texts) {
            List<String> chunks = chunks(text);
            if (chunks.size() > TEXT_COMPONENTS) {
                // the last value says the text goes on: cut at a space, never inside a word or a code (ISO:4217)
                String last = chunks.get(TEXT_COMPONENTS - 1) + " " + chunks.get(TEXT_COMPONENTS);
                chunks = new ArrayList<>(chunks.subList(0, TEXT_COMPONENTS - 1));
                chunks.add(EdifactSegmentWriter.shorten(last, TEXT_COMPONENT));
            }
            out.add(chunks);
        }
        return out;
    }

    /** Text cut into values of at most 70 characters at spaces (dropped); only a longer word is cut inside. */
    static List<String> chunks(String text) {
        return EdifactSegmentWriter.chunks(text, TEXT_COMPONENT);
    }

    /** ISO date (2025-04-01) as CCYYMMDD. */
    static String ccyymmdd(String isoDate) {
        return LocalDate.parse(isoDate.trim()).format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** Keeps values inside the syntax identifier's repertoire: upper case under UNOA, '?' for anything outside. */
    static final class Text {
        private final SyntaxCharset repertoire;
        private final java.nio.charset.CharsetEncoder encoder;

        Text(SyntaxCharset repertoire) {
            this(repertoire, repertoire.charset());
        }

        /** Under an agreed encoding the repertoire is what that encoding can write ({@code UNOW} rules otherwise). */
        Text(SyntaxCharset repertoire, java.nio.charset.Charset encoding) {
            this.repertoire = repertoire;
            this.encoder = encoding.newEncoder();
        }

        String v(String value) {
            if (value == null) {
                return null;
            }
            String s = repertoire == SyntaxCharset.UNOA ? value.toUpperCase(Locale.ROOT) : value;
            StringBuilder b = new StringBuilder();
            s.codePoints().forEach(cp -> {
                String c = Character.toString(cp);
                b.append(repertoire.firstInvalid(c) < 0 && encoder.canEncode(c) ? c : "?");
            });
            return b.toString();
        }
    }
}
