package hk.tsw.gateway.api.access;

import hk.tsw.gateway.security.ApiUser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.api.access.ApiRules.Match;
import hk.tsw.gateway.store.AuditLog;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an operator's or agency's action (an {@link ApiRules.Rule} with an audit name) to the {@link AuditLog} once
 * its answer is known: who, when, the action, the message it concerns (the path's message id, or the message a
 * decision was recorded on), the path's other parameters, the answer's status and the comment — the {@code comment}
 * query parameter, else the JSON body's {@code comment}, {@code reason} or {@code reasons}. An action the route refused
 * (4xx) is logged too: an attempt is part of the record; one the gate refused (401, 403, 404) never became an action. A failure to write the log is logged, never turned into the answer.
 */
final class ApiAudit {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAudit.class);

    private final AuditLog log;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    ApiAudit(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Called by the gate once the user may act; the row is written when the exchange completes. */
    void begin(Exchange e, ApiUser user, Match m, String method, String path) {
        String comment = e.getIn().getHeader("comment", String.class);
        String contentType = e.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
        if ((comment == null || comment.isBlank()) && contentType != null && contentType.contains("json")) {
            String body = e.getIn().getBody(String.class);
            e.getIn().setBody(body); // read once here: keep it for the route
            comment = commentOf(body);
        }
        String note = comment;
        List<String> target = new ArrayList<>();
        for (String name : new String[]{"code", "number", "action"}) {
            if (m.rule().template().contains("{" + name + "}")) {
                target.add(e.getIn().getHeader(name, String.class));
            }
        }
        if (m.rule().template().startsWith("/api/as2/")) {
            target.add("AS2 exchange " + e.getIn().getHeader("id", String.class));
        }
        if (m.rule().template().startsWith("/api/dead-letters/")) {
            target.add("dead letter " + e.getIn().getHeader("id", String.class));
        }
        if ("INTAKE_DISK_LIMIT".equals(m.rule().action())) {
            target.add("percent=" + e.getIn().getHeader("percent", String.class));
        }
        Long pathMessage = m.rule().template().startsWith("/api/messages/{id}")
                ? number(e.getIn().getHeader("id", String.class)) : null;
        e.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                Integer status = done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
                Long message = pathMessage != null ? pathMessage : messageOf(done);
                try {
                    log.record(new AuditLog.Entry(clock.instant(), user.id(), user.role().name(),
                            user.agency() != null ? user.agency() : user.partner(), m.rule().action(), method, path, message,
                            target.isEmpty() ? null : String.join(" ", target), status == null ? 500 : status, note));
                } catch (RuntimeException ex) {
                    LOG.error("Audit log: could not record {} {} by {}: {}", method, path, user, ex.toString());
                }
            }
        });
    }

    private String commentOf(String body) {
        try {
            JsonNode n = json.readTree(body == null ? "" : body);
            if (n == null || !n.isObject()) {
                return null;
            }
            for (String field : new String[]{"comment", "reason"}) {
                if (n.path(field).isTextual() && !n.path(field).asText().isBlank()) {
                    return n.path(field).asText();
                }
            }
            List<String> reasons = new ArrayList<>();
            n.path("reasons").forEach(r -> reasons.add(r.asText()));
            return reasons.isEmpty() ? null : String.join("; ", reasons);
        } catch (Exception ex) {
            return null; // not JSON: the route answers 400, the row is kept without a comment
        }
    }

    private static Long number(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** The {@code messageId} of a decision's answer, if any. */
    private Long messageOf(Exchange done) {
        try {
            JsonNode n = json.readTree(done.getMessage().getBody(String.class));
            return n != null && n.path("messageId").canConvertToLong() ? n.path("messageId").asLong() : null;
        } catch (Exception ex) {
            return null;
        }
    }
}
