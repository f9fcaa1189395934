package hk.tsw.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The three forms of the API's JSON answer, to the byte: the routes that moved onto {@link JsonAnswers} must answer
 * what their own helpers wrote (indented for operators, one line for agencies' decisions and licences, the validate
 * API's content type with its charset).
 */
class JsonAnswersTest {

    private static Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", 7);
        body.put("errors", List.of("a"));
        return body;
    }

    @Test
    void operator_answers_are_indented_json_with_their_status() throws Exception {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        JsonAnswers.respond(e, 404, body());
        assertEquals(404, e.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/json", e.getIn().getHeader(Exchange.CONTENT_TYPE));
        assertEquals("{\n  \"id\" : 7,\n  \"errors\" : [ \"a\" ]\n}", e.getIn().getBody(String.class));
    }

    @Test
    void agency_answers_are_json_on_one_line() throws Exception {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        JsonAnswers.respondCompact(e, 201, body());
        assertEquals(201, e.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/json", e.getIn().getHeader(Exchange.CONTENT_TYPE));
        assertEquals("{\"id\":7,\"errors\":[\"a\"]}", e.getIn().getBody(String.class));
    }

    @Test
    void validate_answers_name_their_charset() throws Exception {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        JsonAnswers.respond(e, 200, JsonAnswers.JSON_UTF8, Map.of("ok", true));
        assertEquals(200, e.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("application/json; charset=UTF-8", e.getIn().getHeader(Exchange.CONTENT_TYPE));
        assertEquals("{\n  \"ok\" : true\n}", e.getIn().getBody(String.class));
    }
}
