package hk.tsw.gateway.intake.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.intake.soap.contract.DocumentStatus;
import hk.tsw.gateway.intake.soap.contract.GatewayFaultCode;
import hk.tsw.gateway.intake.soap.contract.GatewayFaultMessage;
import hk.tsw.gateway.intake.soap.contract.GetStatusRequest;
import hk.tsw.gateway.intake.soap.contract.GetStatusResponse;
import hk.tsw.gateway.intake.soap.contract.MessageStatus;
import hk.tsw.gateway.intake.soap.contract.TimelineEvent;
import hk.tsw.gateway.store.MessageQueries;

/**
 * {@code GetStatus}: the same data as {@code GET /api/messages/{id}} ({@link MessageQueries}), restricted to the
 * calling partner's own submissions. By reference it finds every submission of that partner whose interchange,
 * document or functional reference matches, newest first. Another partner's message id is reported as unknown.
 */
final class SoapStatus {

    private final MessageQueries queries;

    SoapStatus(MessageQueries queries) {
        this.queries = queries;
    }

    GetStatusResponse status(String partner, GetStatusRequest request) throws GatewayFaultMessage {
        List<Map<String, Object>> found = new ArrayList<>();
        if (request.getMessageId() != null) {
            Map<String, Object> d = queries.detail(request.getMessageId());
            if (d != null && partner.equals(d.get("partnerId"))) {
                found.add(d);
            }
        } else if (request.getPartnerReference() != null && !request.getPartnerReference().isBlank()) {
            for (Map<String, Object> row : queries.search(new MessageQueries.Query(partner, null, null,
                    request.getPartnerReference().strip(), null, null, 20))) {
                found.add(queries.detail(((Number) row.get("id")).longValue()));
            }
        }
        if (found.isEmpty()) {
            throw Faults.fault(GatewayFaultCode.UNKNOWN_MESSAGE, "no submission of partner " + partner + " with "
                    + (request.getMessageId() != null ? "message id " + request.getMessageId()
                    : "reference '" + request.getPartnerReference() + "'"));
        }
        GetStatusResponse response = new GetStatusResponse();
        for (Map<String, Object> d : found) {
            response.getMessage().add(message(d));
        }
        return response;
    }

    private static MessageStatus message(Map<String, Object> d) {
        MessageStatus m = new MessageStatus();
        m.setMessageId(((Number) d.get("id")).longValue());
        m.setPartnerReference((String) d.get("reference"));
        m.setChannel((String) d.get("channel"));
        m.setState((String) d.get("state"));
        m.setReceivedAt(String.valueOf(d.get("receivedAt")));
        for (Map<String, Object> doc : rows(d.get("documents"))) {
            DocumentStatus s = new DocumentStatus();
            s.setReference((String) (doc.get("functionalRef") != null ? doc.get("functionalRef") : doc.get("messageRef")));
            s.setDocumentType((String) doc.get("documentType"));
            s.setState((String) doc.get("state"));
            s.setErrors((String) doc.get("errors"));
            m.getDocument().add(s);
        }
        for (Map<String, Object> e : rows(d.get("timeline"))) {
            TimelineEvent t = new TimelineEvent();
            t.setAt(String.valueOf(e.get("at")));
            t.setType((String) e.get("type"));
            t.setDetail((String) e.get("detail"));
            m.getEvent().add(t);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }
}
