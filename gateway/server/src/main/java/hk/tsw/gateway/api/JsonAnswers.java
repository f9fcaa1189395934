package hk.tsw.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apache.camel.Exchange;

/**
 * The API's JSON answer, written one way: the status, a JSON {@code Content-Type} and the body. Most routes answer
 * indented JSON (what {@code curl} shows an operator); the agency requests (decisions, licences), which agencies'
 * systems post, answer it compact, as they always have, and so do the error answers of intake, queues, audit, AS2
 * evidence and message content. One pair of writers for the whole API; they are immutable, so the routes' threads
 * share them.
 */
final class JsonAnswers {

    static final String JSON = "application/json";
    /** The validate API's type, which has always named its charset. */
    static final String JSON_UTF8 = "application/json; charset=UTF-8";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    private static final ObjectWriter COMPACT = MAPPER.writer();

    private JsonAnswers() {
    }

    /** The status, {@code application/json} and the body indented. */
    static void respond(Exchange e, int status, Object body) throws JsonProcessingException {
        respond(e, status, JSON, body);
    }

    /** The status, the given JSON content type and the body indented. */
    static void respond(Exchange e, int status, String contentType, Object body) throws JsonProcessingException {
        write(e, status, contentType, PRETTY.writeValueAsString(body));
    }

    /** The status, {@code application/json} and the body on one line. */
    static void respondCompact(Exchange e, int status, Object body) throws JsonProcessingException {
        write(e, status, JSON, COMPACT.writeValueAsString(body));
    }

    private static void write(Exchange e, int status, String contentType, String json) {
        e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getIn().setHeader(Exchange.CONTENT_TYPE, contentType);
        e.getIn().setBody(json);
    }
}
