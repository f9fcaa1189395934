package hk.tsw.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apache.camel.Exchange;

/**
 * The API's JSON answer, written one way: the status, {@code Content-Type: application/json} and the body as
 * indented JSON (what {@code curl} shows an operator). One writer for the whole API; it is immutable, so the routes'
 * threads share it.
 */
final class JsonAnswers {

    private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private JsonAnswers() {
    }

    static void respond(Exchange e, int status, Object body) throws JsonProcessingException {
        e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getIn().setBody(PRETTY.writeValueAsString(body));
    }
}
