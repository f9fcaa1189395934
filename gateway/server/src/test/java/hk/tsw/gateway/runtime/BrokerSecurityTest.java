package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import hk.tsw.gateway.testsupport.ApiTokens;

/**
 * Artemis security with a real Artemis client over the broker's TCP acceptor: an agency's broker user sends its
 * decisions to its own queue and nowhere else (not another agency's decision queue, not a gateway queue), cannot read
 * any queue; a wrong password or none is refused. Each refusal has its control: the same send as the gateway node's
 * user, or to the agency's own queue, goes through, so the refusal is the security and not a missing queue.
 */
class BrokerSecurityTest {

    @RegisterExtension
    static final TcpBroker broker = new TcpBroker();

    private static void send(String user, String password, String queue) {
        try (ActiveMQConnectionFactory f = broker.factory(user, password); JMSContext ctx = f.createContext()) {
            ctx.createProducer().send(ctx.createQueue(queue), "{\"decision\":\"ACCEPTED\"}");
        }
    }

    private static String receive(String user, String password, String queue) {
        try (ActiveMQConnectionFactory f = broker.factory(user, password); JMSContext ctx = f.createContext()) {
            return ctx.createConsumer(ctx.createQueue(queue)).receiveBody(String.class, 10_000);
        }
    }

    @Test
    void an_agency_sends_to_its_own_decision_queue_only() {
        send("agency.CED", ApiTokens.BROKER_CED_PASSWORD, "tsw.decisions.CED");
        assertThrows(JMSSecurityRuntimeException.class,
                () -> send("agency.CED", ApiTokens.BROKER_CED_PASSWORD, "tsw.decisions.TID"), "another agency's queue");
        send(ApiTokens.BROKER_NODE_USER, ApiTokens.BROKER_NODE_PASSWORD, "tsw.decisions.TID"); // control: the queue takes
        assertThrows(JMSSecurityRuntimeException.class,
                () -> send("agency.CED", ApiTokens.BROKER_CED_PASSWORD, "tsw.deliver.CED"), "a gateway queue");
        assertEquals("{\"decision\":\"ACCEPTED\"}", receive(ApiTokens.BROKER_NODE_USER, ApiTokens.BROKER_NODE_PASSWORD,
                "tsw.decisions.TID"), "the node reads what it was sent");
    }

    @Test
    void an_agency_cannot_read_even_its_own_decision_queue() {
        send("agency.CED", ApiTokens.BROKER_CED_PASSWORD, "tsw.decisions.CED");
        assertThrows(JMSSecurityRuntimeException.class,
                () -> receive("agency.CED", ApiTokens.BROKER_CED_PASSWORD, "tsw.decisions.CED"));
        assertEquals("{\"decision\":\"ACCEPTED\"}", receive(ApiTokens.BROKER_NODE_USER, ApiTokens.BROKER_NODE_PASSWORD,
                "tsw.decisions.CED"), "control: the node can");
    }

    @Test
    void a_wrong_password_or_none_is_refused() {
        assertThrows(JMSRuntimeException.class, () -> send("agency.CED", ApiTokens.BROKER_CSD_PASSWORD, "tsw.decisions.CED"));
        assertThrows(JMSRuntimeException.class, () -> send(null, null, "tsw.decisions.CED"));
        assertThrows(JMSRuntimeException.class, () -> send("agency.EPD", "anything", "tsw.decisions.EPD"),
                "an agency without a broker password has no broker user");
        assertThrows(JMSRuntimeException.class, () -> send(ApiTokens.BROKER_NODE_USER, "guess", "tsw.decisions.CED"));
    }
}
