package hk.tsw.gateway.api;

import hk.tsw.gateway.store.DecisionStatus;
import static hk.tsw.gateway.api.AgencyRequests.number;
import static hk.tsw.gateway.api.AgencyRequests.text;
import static hk.tsw.gateway.api.JsonAnswers.respondCompact;

import hk.tsw.gateway.settings.Queues;
import hk.tsw.gateway.store.FileNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.deliver.Agency;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.store.DecisionStore;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Agencies' decisions back to the sender: {@code POST /api/agencies/{code}/decisions} and one JMS queue per agency
 * ({@code tsw.decisions.<CODE>}), same JSON body (see {@code docs/openapi.yaml}). A decision is correlated to the
 * document by the gateway's document id, message id or the sender's reference, accepted only from an agency the
 * document was routed to, recorded on the timeline, and answered to the sender's outbox.
 */
public final class DecisionRoutes extends RouteBuilder {


    private final DecisionStore decisions;
    private final AgencyRegistry agencies;
    private final PartnerReplies replies;
    private final DecisionAnswers answers;
    private final ObjectMapper json = new ObjectMapper();
    private final AgencyRequests requests;
    private final IssuedLicences issued;
    private hk.tsw.gateway.store.AuditLog audit;

    public DecisionRoutes(DecisionStore decisions, AgencyRegistry agencies, PartnerReplies replies, DecisionAnswers answers) {
        this(decisions, agencies, replies, answers, null);
    }

    /** With {@code issued} (may be null), licences and permits issued on LPCO applications enter the ledger. */
    public DecisionRoutes(DecisionStore decisions, AgencyRegistry agencies, PartnerReplies replies, DecisionAnswers answers,
                          IssuedLicences issued) {
        this.issued = issued;
        this.decisions = decisions;
        this.agencies = agencies;
        this.requests = new AgencyRequests(agencies, json);
        this.replies = replies;
        this.answers = answers;
    }

    /** Decisions taken from the JMS queues go to this audit log (HTTP ones are recorded by the API's gate). */
    public DecisionRoutes auditJmsDecisionsIn(hk.tsw.gateway.store.AuditLog log) {
        this.audit = log;
        return this;
    }

    @Override
    public void configure() {
        rest("/api/agencies").post("/{code}/decisions").to("direct:agency-decision");
        from("direct:agency-decision").routeId("agency-decision-http").process(this::decide);
        for (Agency a : agencies.all()) {
            from(Queues.jms(Queues.decisions(a.code())) + "?transacted=true")
                    .routeId("agency-decision-jms-" + a.code().toLowerCase())
                    .setHeader("code", constant(a.code()))
                    .process(e -> e.setProperty("tsw.decision.body", e.getIn().getBody(String.class)))
                    .process(this::decide)
                    .process(this::auditJms)
                    .filter(header(Exchange.HTTP_RESPONSE_CODE).isGreaterThanOrEqualTo(400))
                        .setHeader("tswReason", body())
                        .to("jms:queue:{{gateway.queue.dead}}?transacted=true")
                    .end();
        }
    }

    void decide(Exchange e) throws Exception {
        String code = e.getIn().getHeader("code", String.class);
        JsonNode body = requests.read(e);
        if (body == null) {
            return;
        }
        String decision = text(body, "decision");
        if (DecisionStatus.of(decision).isEmpty()) {
            respondCompact(e, 400, Map.of("error", "decision must be one of "
                    + java.util.Arrays.toString(DecisionStatus.values())));
            return;
        }
        Long documentId = number(body, "documentId");
        Long messageId = number(body, "messageId");
        String reference = text(body, "reference");
        Long doc = decisions.findDocument(documentId, messageId, reference);
        if (doc == null) {
            respondCompact(e, 404,
                    Map.of("error", "no single accepted document matches documentId/messageId/reference"));
            return;
        }
        if (!decisions.routedTo(doc, code)) {
            respondCompact(e, 403, Map.of("error", "document " + doc + " was not routed to " + code));
            return;
        }
        List<String> reasons = new ArrayList<>();
        body.path("reasons").forEach(r -> {
            if (!r.asText().isBlank()) {
                reasons.add(r.asText());
            }
        });
        if (DecisionStatus.of(decision).orElseThrow().mustSayWhy() && reasons.isEmpty()) {
            respondCompact(e, 400,
                    Map.of("error", decision + " needs at least one reason (reasons: what is missing or why)"));
            return;
        }
        JsonNode licence = body.path("licence");
        DecisionStore.Decision posted = new DecisionStore.Decision(code, decision, reasons,
                text(licence, "number"), text(licence, "validFrom"), text(licence, "validTo"), text(body, "agencyReference"));
        IssuedLicences.Issue issue = null;
        if (issued != null && posted.licenceNumber() != null
                && DecisionStatus.of(decision).orElseThrow().issuesLicence()) {
            try {
                issue = issued.prepare(doc, posted, licence.path("lines"));
            } catch (IllegalArgumentException ex) {
                respondCompact(e, ex instanceof IssuedLicences.Conflict ? 409 : 422, Map.of("error", ex.getMessage()));
                return;
            }
            if (issue != null) {
                posted = issue.decision();
            }
        }
        // the decision and the licence it issues commit together (one transaction), or neither does
        IssuedLicences.Issue entry = issue;
        DecisionStore.Recorded r = decisions.record(doc, posted, recorded -> {
            if (entry != null) {
                issued.enter(entry);
            }
        });
        if (!r.repeat()) {
            answers.send(r, posted);
            String name = FileNames.safe(r.functionalRef())
                    + ".decision-" + code + "-D" + r.id() + ".txt";
            replies.send(r.partner(), r.interchangeId(), "decision-" + code, name, ("Decision of " + code + " on "
                    + r.functionalRef() + " (gateway message " + r.interchangeId() + "): " + decision
                    + (posted.licenceNumber() == null ? "" : "\nLicence/permit " + posted.licenceNumber() + " valid "
                    + posted.validFrom() + " to " + posted.validTo())
                    + String.join("", posted.lines().stream().map(l -> "\nLicensed: HS " + l.hsCode() + " "
                    + l.quantity().stripTrailingZeros().toPlainString() + " " + l.unit()).toList())
                    + (reasons.isEmpty() ? "" : "\nReasons:\n- " + String.join("\n- ", reasons)) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        respondCompact(e, r.repeat() ? 200 : 201, Map.of("decisionId", r.id(), "documentId", r.documentId(),
                "messageId", r.interchangeId(), "repeat", r.repeat()));
    }

    /** The agency's JMS decision in the audit log: broker user agency.CODE, the answer's status and the reasons. */
    private void auditJms(Exchange e) {
        if (audit == null) {
            return;
        }
        String code = e.getIn().getHeader("code", String.class);
        Integer status = e.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Long message = null;
        String comment = null;
        try {
            message = number(json.readTree(e.getIn().getBody(String.class)), "messageId");
            List<String> reasons = new ArrayList<>();
            json.readTree(e.getProperty("tsw.decision.body", String.class)).path("reasons").forEach(r -> reasons.add(r.asText()));
            comment = reasons.isEmpty() ? null : String.join("; ", reasons);
        } catch (Exception ex) {
            // not JSON: recorded without them
        }
        audit.record(new hk.tsw.gateway.store.AuditLog.Entry(java.time.Instant.now(), "agency." + code, "AGENCY", code,
                "DECISION", "JMS", Queues.decisions(code), message, code, status == null ? 500 : status, comment));
    }
}
