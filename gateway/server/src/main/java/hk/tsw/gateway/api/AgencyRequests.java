package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respondCompact;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.deliver.AgencyRegistry;
import org.apache.camel.Exchange;

/**
 * What every agency request of the API starts with ({@code POST /api/agencies/{code}/...}: decisions, licences): the
 * agency must exist and the body must be JSON; otherwise the answer (404, 400) is written here and the caller stops.
 * One place, so the decision and the licence APIs cannot drift apart in what they accept.
 */
final class AgencyRequests {

    private final AgencyRegistry agencies;
    private final ObjectMapper json;

    AgencyRequests(AgencyRegistry agencies, ObjectMapper json) {
        this.agencies = agencies;
        this.json = json;
    }

    /** The request's JSON body, or null when the answer (unknown agency 404, not JSON 400) has been written. */
    JsonNode read(Exchange e) throws Exception {
        String code = e.getIn().getHeader("code", String.class);
        if (code == null || !agencies.exists(code)) {
            respondCompact(e, 404, Map.of("error", "unknown agency " + code));
            return null;
        }
        try {
            return json.readTree(e.getIn().getBody(String.class));
        } catch (Exception ex) {
            respondCompact(e, 400, Map.of("error", "the body is not JSON: " + ex.getMessage()));
            return null;
        }
    }

    /** A field's text, trimmed; null when missing, null or blank. */
    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }

    /** A field's whole number; null when missing or not a number. */
    static Long number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.canConvertToLong() ? v.asLong() : null;
    }
}
