package hk.tsw.gateway.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.util.Map;

import hk.tsw.gateway.store.DeliveryStore;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Which failures are given up on, and what the sender is told then (the agency, its answer, never its address). */
class DeliveryProcessorTest {

    private static final String AGENCY_URL = "http://10.1.2.3:8443/internal/documents";
    private final DeliveryProcessor processor = new DeliveryProcessor(null, 5);
    private final DeliveryStore.Delivery delivery = new DeliveryStore.Delivery(7, 3, 2, "CED", "PENDING", 0,
            "tsw-doc-3-CED", "sha", "CUSDEC", "DOC-1", "1", "DEMOFWD");

    private static Exchange failed(Throwable t, int deliveryCount) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.setProperty(Exchange.EXCEPTION_CAUGHT, t);
        e.getIn().setHeader("JMSXDeliveryCount", deliveryCount);
        return e;
    }

    private static HttpOperationFailedException http(int status, String text, String body) {
        return new HttpOperationFailedException(AGENCY_URL, status, text, null, Map.of(), body);
    }

    @Test
    void a_400_is_given_up_at_once_and_the_sender_reads_which_agency_refused_and_its_answer() {
        Exchange e = failed(http(400, "Bad Request", "missing\n  consignee"), 1);
        assertTrue(processor.giveUp(e));
        String reason = DeliveryProcessor.senderReason(e, delivery);
        assertEquals("agency CED refused the document: HTTP 400 Bad Request - missing consignee", reason);
        assertFalse(reason.contains("10.1.2.3"), "the agency's internal address is not the sender's business");
    }

    @Test
    void timeouts_and_server_errors_are_retried_until_the_last_attempt_and_then_reported_as_not_delivered() {
        assertFalse(processor.giveUp(failed(new SocketTimeoutException("Read timed out"), 1)));
        assertFalse(processor.giveUp(failed(http(503, "Service Unavailable", null), 4)));
        assertFalse(processor.giveUp(failed(http(429, "Too Many Requests", null), 4)), "429 is not a refusal");
        Exchange last = failed(http(503, "Service Unavailable", null), 5);
        assertTrue(processor.giveUp(last));
        assertEquals("the document could not be delivered to agency CED in 5 attempts: HTTP 503 Service Unavailable",
                DeliveryProcessor.senderReason(last, delivery));
    }
}
