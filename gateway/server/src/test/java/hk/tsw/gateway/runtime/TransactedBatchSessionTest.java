package hk.tsw.gateway.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import hk.tsw.gateway.broker.TransactedBatchSession;
import hk.tsw.gateway.settings.Queues;
import hk.tsw.gateway.testsupport.ApiTokens;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The batch session of the route and deliver stages, on the gateway's own broker over TCP: a drop gives the batch back
 * and discards what it sent, a commit takes both; its own connection turns stale when the broker fails it; a session
 * of a caching factory goes back to the cache without the delivery delay its sends set (the route stage's sends to
 * the agencies' queues take sessions from the same cache).
 */
class TransactedBatchSessionTest {

    /** A hang guard for one receive, not a speed check. */
    static final long WAIT_MS = 30_000;

    @RegisterExtension
    static final TcpBroker broker = new TcpBroker();

    @Test
    void a_drop_gives_the_batch_back_and_discards_its_sends_and_a_commit_takes_both() throws Exception {
        String in = Queues.deliver("BATCHIN");
        String out = Queues.deliver("BATCHOUT");
        try (ActiveMQConnectionFactory factory = factory(null)) {
            send(factory, in, 5);
            TransactedBatchSession jms = TransactedBatchSession.onOwnConnection(factory, in, 0);
            assertEquals(List.of("0", "1", "2"), texts(jms.receive(3, WAIT_MS, WAIT_MS)), "at most the batch's size");
            jms.send(out, jms.session().createTextMessage("sent"), 0);
            jms.drop();
            assertEquals(0L, depth(out), "a dropped batch's sends are discarded");

            assertEquals(List.of("0", "1", "2", "3", "4"), texts(jms.receive(5, WAIT_MS, WAIT_MS)),
                    "the dropped batch came back, in order, on a session opened afresh");
            jms.send(out, jms.session().createTextMessage("sent"), 0);
            jms.commit();
            assertEquals(0L, depth(in), "the committed batch is acknowledged");
            assertEquals(1L, depth(out), "and what it sent is delivered");
            jms.drop();
        }
    }

    @Test
    void its_own_connection_turns_stale_when_the_broker_fails_it_and_a_drop_opens_it_afresh() throws Exception {
        String in = Queues.deliver("BATCHSTALE");
        try (ActiveMQConnectionFactory factory = factory("batch-own")) {
            TransactedBatchSession jms = TransactedBatchSession.onOwnConnection(factory, in, 0);
            assertTrue(jms.receive(1, 1, 0).isEmpty());
            assertFalse(jms.stale());

            broker.broker().failConnections("batch-own");
            await().atMost(Duration.ofMillis(WAIT_MS)).until(jms::stale);

            jms.drop();
            send(factory, in, 1);
            assertEquals(List.of("0"), texts(jms.receive(1, WAIT_MS, 0)));
            jms.commit();
            assertFalse(jms.stale(), "the new connection has not failed");
            jms.drop();
        }
    }

    @Test
    void a_session_of_a_caching_factory_goes_back_to_the_cache_without_its_delivery_delays() throws Exception {
        String in = Queues.deliver("BATCHSHARED");
        String out = Queues.deliver("BATCHDELAYED");
        try (ActiveMQConnectionFactory factory = factory(null)) {
            CachingConnectionFactory cached = new CachingConnectionFactory(factory);
            cached.setSessionCacheSize(1);
            try {
                TransactedBatchSession jms = TransactedBatchSession.onSharedConnection(cached, in, 0);
                assertTrue(jms.receive(1, 1, 0).isEmpty());
                jms.send(out, jms.session().createTextMessage("later"), 60_000);
                assertFalse(jms.stale(), "a shared connection is its owner's to watch");
                jms.drop();

                Connection c = cached.createConnection();
                Session s = c.createSession(true, Session.SESSION_TRANSACTED);
                assertEquals(0L, s.createProducer(s.createQueue(out)).getDeliveryDelay(),
                        "the next user of the cached session sends without delay");
                s.close();
                c.close();
            } finally {
                cached.destroy();
            }
        }
    }

    private static ActiveMQConnectionFactory factory(String clientId) {
        ActiveMQConnectionFactory f = broker.factory(ApiTokens.BROKER_NODE_USER, ApiTokens.BROKER_NODE_PASSWORD);
        if (clientId != null) {
            f.setClientID(clientId);
        }
        return f;
    }

    private static void send(ActiveMQConnectionFactory factory, String queue, int count) throws JMSException {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            var p = s.createProducer(s.createQueue(queue));
            for (int i = 0; i < count; i++) {
                p.send(s.createTextMessage(String.valueOf(i)));
            }
            s.commit();
        }
    }

    private static long depth(String queue) {
        return broker.broker().queueDepths().getOrDefault(queue, 0L);
    }

    private static List<String> texts(List<Message> batch) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Message m : batch) {
            texts.add(((TextMessage) m).getText());
        }
        return texts;
    }
}
