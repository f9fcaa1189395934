package hk.tsw.gateway.answer;

import static hk.tsw.gateway.answer.EdifactSegmentWriter.e;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.edifact.SyntaxCharset;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.translate.mapping.TranslationResult;

/**
 * Writes the CONTRL syntax and service report (ISO 9735-4, UN/EDIFACT CONTRL) that the gateway returns for every
 * EDIFACT interchange it received, so a partner learns, in the standard form its EDI software reads, which
 * interchanges and messages were taken and where exactly the syntax errors are.
 *
 * <p>What it promises:
 * <ul>
 * <li>One CONTRL interchange per received interchange that had a readable UNB; none for data that never reached a
 * UNB (there is no one to address it to) and none for an interchange whose messages are all CONTRL (a CONTRL is
 * never answered with a CONTRL, or two gateways would acknowledge each other forever).</li>
 * <li>The engine checks every level, so {@code 8} (received, lower levels not yet checked) is never used. The UCI is
 * {@code 4} when the interchange has any interchange- or group-level error (the engine then rejects every message
 * in it, so "this level and all lower levels rejected" is exactly true), else {@code 7} with a {@code 4} UCM for
 * each message rejected for a syntax reason (an error with a 0085 code). A message rejected only by the mappings
 * (no 0085 code) is syntactically sound and is acknowledged {@code 7}: the APERAK reports application errors.</li>
 * <li>The answer is in the original's syntax identifier, version and character set, with UNA only if the original
 * had one (standard service characters either way). When the original's identifier or version is one the gateway
 * does not support, the answer falls back to UNOA and/or version 3 (4 for a UTF-8 identifier): an answer in an
 * unsupported syntax could not be read, not even by the gateway.</li>
 * <li>Deterministic: the CONTRL's control reference is {@code C} + the original 0020 cut to 14 characters, so a
 * duplicate interchange gets the same reference; only the date and time of preparation come from the clock (in the
 * clock's zone: the gateway runs on Hong Kong time).</li>
 * </ul>
 * Segment layouts follow ISO 9735-4 (syntax 4, CONTRL 4:1), whose UCI, UCF, UCM, UCS and UCD keep the data
 * elements of the syntax 3 CONTRL D:3 at the same positions; the UN/EDIFACT D.96A download holds only the code
 * lists (0083, 0085), so the layout was checked against the Smooks/IBM DFDL service-segment schema (4.1).
 * Nothing is thrown for bad input: the input is already the engine's verdict.
 */
public final class ContrlWriter {

    /**
     * One CONTRL interchange.
     *
     * @param inReplyTo the UNB 0020 of the interchange it answers, as the engine reports it (its interchangeRef)
     * @param content   the CONTRL interchange, encoded in the original's character set
     * @param syntaxId  the UNB 0001 it was written under
     */
    public record Contrl(String inReplyTo, byte[] content, String syntaxId, java.nio.charset.Charset charset) {
    }

    /** The gateway's own interchange party, e.g. {@code HKTSWGW} / {@code ZZZ}. */
    public record GatewayIdentity(String id, String qualifier) {
    }

    private static final DateTimeFormatter DATE_SYNTAX_3 = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter DATE_SYNTAX_4 = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");
    private static final int MAX_REFERENCE = 14;

    private ContrlWriter() {
    }

    /** The CONTRLs answering {@code result}, in the order of its interchanges. */
    public static List<Contrl> write(TranslationResult result, GatewayIdentity gateway, Clock clock) {
        return write(result, gateway, clock, "C");
    }

    /**
     * As {@link #write(TranslationResult, GatewayIdentity, Clock)}, the CONTRL's own reference being {@code prefix} +
     * the original's: a refusal of a duplicate ("D") must not reuse the reference of the first interchange's CONTRL.
     */
    static List<Contrl> write(TranslationResult result, GatewayIdentity gateway, Clock clock, String prefix) {
        List<Contrl> contrls = new ArrayList<>();
        List<MessageOutcome> outcomes = result.messages();
        int next = 0;
        for (InterchangeSummary summary : result.interchanges()) {
            // Outcomes come in file order, messageCount of them per interchange (the scanner counts each it emits).
            int end = Math.min(outcomes.size(), next + summary.messageCount());
            List<MessageOutcome> messages = outcomes.subList(next, end);
            next = end;
            if (summary.header() != null && !onlyContrl(messages)) {
                contrls.add(write(summary, messages, gateway, clock, prefix));
            }
        }
        return List.copyOf(contrls);
    }

    private static boolean onlyContrl(List<MessageOutcome> messages) {
        return !messages.isEmpty() && messages.stream()
                .allMatch(m -> m.edifact() != null && "CONTRL".equalsIgnoreCase(m.edifact().type()));
    }

    private static Contrl write(InterchangeSummary summary, List<MessageOutcome> messages, GatewayIdentity gateway,
                                Clock clock, String prefix) {
        SyntaxCharset charset = summary.header().charset();
        InterchangeHeader h = asSent(summary.header());
        String syntaxId = charset == null ? SyntaxCharset.UNOA.name() : charset.name();
        String version = syntaxVersion(h.syntaxVersion(), charset);
        boolean syntax4 = "4".equals(version);
        EdifactSegmentWriter w = new EdifactSegmentWriter(version,
                charset == null ? StandardCharsets.US_ASCII : summary.header().encoding());
        if (h.una() != null) {
            w.una();
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        String reference = controlReference(prefix, h.controlReference());
        w.segment("UNB", e(syntaxId, version), e(gateway.id(), gateway.qualifier()),
                e(h.senderId(), h.senderQualifier()),
                e(now.format(syntax4 ? DATE_SYNTAX_4 : DATE_SYNTAX_3), now.format(TIME)), e(reference));
        int beforeUnh = w.segmentCount();
        w.segment("UNH", e("1"), syntax4 ? e("CONTRL", "4", "1", "UN") : e("CONTRL", "D", "3", "UN"));
        new ContrlReport(w, h, summary, messages).write();
        w.segment("UNT", e(String.valueOf(w.segmentCount() - beforeUnh + 1)), e("1"));
        w.segment("UNZ", e("1"), e(reference));
        return new Contrl(summary.reference(), w.bytes(), syntaxId,
                charset == null ? StandardCharsets.US_ASCII : summary.header().encoding());
    }

    private static String syntaxVersion(String received, SyntaxCharset charset) {
        if ("3".equals(received) || "4".equals(received)) {
            return received;
        }
        return charset != null && charset.unicode() ? "4" : "3";
    }

    /**
     * The envelope scanner decodes the UNB as ISO-8859-1, before it knows the character set the UNB declares; the
     * parties and reference are read again in that set so that a UTF-8 (or Greek, Cyrillic...) id is answered as it
     * was sent. A value that is not the ISO-8859-1 reading of bytes valid in the declared set is kept as it is.
     */
    private static InterchangeHeader asSent(InterchangeHeader h) {
        java.nio.charset.Charset cs = h.encoding();
        return new InterchangeHeader(h.una(), h.chars(), h.segment(), h.syntaxId(), h.syntaxVersion(), h.charset(),
                reread(h.senderId(), cs), reread(h.senderQualifier(), cs), reread(h.recipientId(), cs),
                reread(h.recipientQualifier(), cs), h.date(), h.time(), reread(h.controlReference(), cs),
                h.ackRequest(), h.testIndicator(), h.encoding());
    }

    private static String reread(String value, java.nio.charset.Charset charset) {
        if (value == null || charset == null || value.chars().anyMatch(c -> c > 0xFF)) {
            return value;
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return value;
        }
    }

    /** {@code C} + the original reference, cut to the 14 characters 0020 allows; deterministic for duplicates. */
    static String controlReference(String original) {
        return controlReference("C", original);
    }

    private static String controlReference(String prefix, String original) {
        String ref = prefix + (original == null ? "" : original);
        int count = ref.codePointCount(0, ref.length());
        return count <= MAX_REFERENCE ? ref : ref.substring(0, ref.offsetByCodePoints(0, MAX_REFERENCE));
    }
}
