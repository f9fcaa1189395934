package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.JSON_UTF8;
import static hk.tsw.gateway.api.JsonAnswers.respond;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.answer.Acknowledgements;
import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /api/validate}: the pre-flight check. The body (an EDIFACT interchange or a WCO XML declaration) goes
 * through exactly the checks of a real submission and the answer shows the CONTRL / APERAK / WCO Response it would
 * get, with a readable summary. With {@code ?partner=ID} the partner's own rules apply too (its sender ids,
 * submitter ids and document types), exactly as for its real submissions. Nothing is stored or forwarded. Besides the
 * readable {@code summary}, {@code errors} locates each error: {@code segment} (EDIFACT, counting UNB as 1), {@code line}
 * (XML), {@code messageRef} (the message or document it rejects; a business rule's failure is located by it only).
 */
public final class ValidateRoutes extends RouteBuilder {

    private final SubmissionChecker checker;
    private final Acknowledgements acks;
    private final PartnerRegistry partners;

    private final hk.tsw.gateway.ledger.LicenceWriteOffs licences;

    public ValidateRoutes(SubmissionChecker checker, Acknowledgements acks, PartnerRegistry partners) {
        this(checker, acks, partners, null);
    }

    /** With {@code licences} (may be null), licence citations are checked against the ledger too (nothing written off). */
    public ValidateRoutes(SubmissionChecker checker, Acknowledgements acks, PartnerRegistry partners,
                          hk.tsw.gateway.ledger.LicenceWriteOffs licences) {
        this.licences = licences;
        this.checker = checker;
        this.acks = acks;
        this.partners = partners;
    }

    @Override
    public void configure() {
        rest("/api/validate").post().to("direct:api-validate");
        from("direct:api-validate").routeId("api-validate").process(this::validate);
    }

    private void validate(Exchange e) throws Exception {
        byte[] body = e.getIn().getBody(byte[].class);
        if (body == null || body.length == 0) {
            respond(e, 400, JSON_UTF8, Map.of("error", "send the interchange or XML document as the request body"));
            return;
        }
        String partnerId = e.getIn().getHeader("partner", String.class);
        Partner partner = null;
        if (partnerId != null && !partnerId.isBlank()) {
            partner = partners.byId(partnerId).orElse(null);
            if (partner == null) {
                respond(e, 404, JSON_UTF8, Map.of("error", "unknown partner " + partnerId));
                return;
            }
        }
        SubmissionChecker.Checked checked = checker.check("preflight", body, partner);
        if (licences != null) {
            checked = licences.preview(partner == null ? "" : partner.id(), checked);
        }
        List<String> summary = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        checked.translation().fileErrors().forEach(err -> {
            summary.add("REJECTED " + err.format());
            errors.add(located(err));
        });
        for (MessageOutcome m : checked.translation().messages()) {
            String label = m.messageRef() == null ? "document" : "message " + m.messageRef();
            if (checked.accepted(m)) {
                summary.add("ACCEPTED " + label + ": " + m.document().documentType() + " " + m.document().functionalReference());
            } else {
                m.errors().stream().map(LocatedError::format).forEach(s -> summary.add("REJECTED " + s));
                m.errors().forEach(err -> errors.add(located(err)));
                checked.failures(m).forEach(f -> {
                    summary.add("REJECTED " + label + ": " + f.format());
                    errors.add(where(0, 0, m.messageRef(), label + ": " + f.format()));
                });
                if (m.rejectedWithInterchange()) {
                    summary.add("REJECTED " + label + ": rejected with its interchange");
                }
            }
        }
        List<Map<String, Object>> answers = new ArrayList<>();
        for (Acknowledgements.Answer a : acks.answers(checked, checker.rules())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", a.kind());
            m.put("fileName", a.fileName());
            m.put("content", a.text());
            answers.add(m);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("accepted", checked.allAccepted());
        result.put("summary", summary);
        result.put("errors", errors);
        result.put("acknowledgements", answers);
        respond(e, 200, JSON_UTF8, result);
    }

    /** An error with where it is: the segment (EDIFACT, UNB = 1) or line (XML), 0 when neither is known. */
    private static Map<String, Object> located(LocatedError err) {
        return where(err.segmentNumber(), err.line(), err.messageRef(), err.format());
    }

    private static Map<String, Object> where(int segment, int line, String messageRef, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segment", segment);
        m.put("line", line);
        m.put("messageRef", messageRef);
        m.put("text", text);
        return m;
    }
}
