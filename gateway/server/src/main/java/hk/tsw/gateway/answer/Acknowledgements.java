package hk.tsw.gateway.answer;

import hk.tsw.gateway.store.FileNames;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.translate.edifact.SyntaxCharset;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.translate.mapping.TranslationResult;
import hk.tsw.gateway.translate.rules.RuleFailure;
import hk.tsw.gateway.translate.SubmissionChecker;

/**
 * Every answer a submission gets, from one {@link SubmissionChecker.Checked}: a CONTRL per EDIFACT interchange,
 * an APERAK per EDIFACT message with application errors (mapping or business rules), a WCO Response per XML
 * submission. The live pipeline sends them; {@code preflight} and {@code POST /api/validate} show them.
 */
public final class Acknowledgements {

    /** One answer: its kind (CONTRL, APERAK, RESPONSE), the file name it travels under, its bytes and charset. */
    public record Answer(String kind, String fileName, byte[] content, Charset charset) {

        public String text() {
            return new String(content, charset);
        }
    }

    private final ContrlWriter.GatewayIdentity gateway;
    private final AperakWriter aperaks;
    private final WcoResponseWriter responses;
    private final Clock clock;

    public Acknowledgements(String gatewayId, String gatewayQualifier, Clock clock) {
        this.gateway = new ContrlWriter.GatewayIdentity(gatewayId, gatewayQualifier);
        this.aperaks = new AperakWriter(new AperakWriter.Sender(gatewayId, gatewayQualifier), clock);
        this.responses = new WcoResponseWriter(clock);
        this.clock = clock;
    }

    public List<Answer> answers(SubmissionChecker.Checked checked, hk.tsw.gateway.translate.rules.BusinessRules rules) {
        List<Answer> answers = new ArrayList<>();
        TranslationResult r = checked.translation();
        for (ContrlWriter.Contrl c : ContrlWriter.write(r, gateway, clock)) {
            String name = c.inReplyTo() == null || c.inReplyTo().isBlank() ? baseName(r.source()) : c.inReplyTo();
            answers.add(new Answer("CONTRL", safe(name) + ".contrl.edi", c.content(), c.charset()));
        }
        for (MessageOutcome m : r.messages()) {
            List<RuleFailure> failures = checked.failures(m);
            if (m.edifact() != null) {
                boolean syntaxRejected = m.errors().stream().anyMatch(e -> e.syntaxCode() != null) || m.rejectedWithInterchange();
                boolean applicationErrors = !failures.isEmpty() || (!m.errors().isEmpty() && !syntaxRejected);
                if (applicationErrors) {
                    AperakWriter.Aperak a = aperaks.write(m, failures, rules);
                    answers.add(new Answer("APERAK", safe(m.interchangeRef()) + "-" + safe(m.messageRef()) + ".aperak.edi",
                            a.bytes(), AperakWriter.encoding(m.edifact().interchange())));
                }
            } else {
                String ref = m.document() != null ? m.document().functionalReference() : m.messageRef();
                answers.add(new Answer("RESPONSE", safe(ref == null ? baseName(r.source()) : ref) + ".response.xml",
                        responses.write(m, failures), StandardCharsets.UTF_8));
            }
        }
        return answers;
    }

    /**
     * The CONTRL refusing a duplicate interchange as a whole: UCI action 4 with 0085 = 26 (duplicate detected) on
     * UNB 0020, the reference already used; nothing of it was processed. Its own reference is {@code D} + the
     * original's and its file {@code <ref>.duplicate.contrl.edi}, so it neither overwrites nor repeats the CONTRL
     * that answered the first interchange.
     */
    public Answer duplicateContrl(hk.tsw.gateway.translate.edifact.InterchangeHeader header, String reason) {
        hk.tsw.gateway.translate.LocatedError dup = hk.tsw.gateway.translate.LocatedError.interchange(
                header.controlReference(), 1, "UNB", 5, 1, header.controlReference(), reason, "26");
        TranslationResult r = new TranslationResult(null, List.of(), List.of(dup), List.of(
                new hk.tsw.gateway.translate.edifact.InterchangeSummary(header, 0, 0, 0, List.of(dup))));
        ContrlWriter.Contrl c = ContrlWriter.write(r, gateway, clock, "D").get(0);
        return new Answer("CONTRL", safe(c.inReplyTo()) + ".duplicate.contrl.edi", c.content(), c.charset());
    }

    /**
     * The name an answer without a reference of its own goes by: the input's file name without folders or extension
     * ({@code /tmp/x1/decl.xml} gives {@code decl}), never the path it was read from (a temporary one, for
     * {@code preflight} and uploads).
     */
    static String baseName(String source) {
        if (source == null) {
            return null;
        }
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String safe(String s) {
        return FileNames.safe(s);
    }
}
