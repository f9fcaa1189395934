package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import hk.tsw.gateway.settings.Queues;
import hk.tsw.gateway.testsupport.ApiTokens;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-agency order across nodes, on the gateway's own broker over TCP: two consumers of one agency's queue, on two
 * connections as two nodes would have, both attached before anything is sent. The agency's queue is exclusive, so the
 * first consumer receives everything in receipt order; when its node goes (its connection closes with a batch not
 * committed), the other takes over at that batch, in order. The control: the shared received queue, not exclusive,
 * gives the same sends to both consumers in turn.
 */
class ExclusiveDeliveryQueueTest {

    static final int SENT = 60;
    static final int BATCH = 10;
    /** A hang guard for one receive, not a speed check. */
    static final long WAIT_MS = 30_000;

    @RegisterExtension
    static final TcpBroker broker = new TcpBroker();
    static ActiveMQConnectionFactory factory;

    @BeforeAll
    static void connect() {
        factory = broker.factory(ApiTokens.BROKER_NODE_USER, ApiTokens.BROKER_NODE_PASSWORD);
    }

    @AfterAll
    static void disconnect() {
        if (factory != null) {
            factory.close();
        }
    }

    /**
     * How the first node lets go of its batch: {@code rollback} as AgencyBatchConsumer does after a failure, then
     * closes; {@code close} closes without a rollback (a node stopping); {@code killed}: the broker sees its connection
     * fail, as when the node's process is killed (before the consumer window of 0, this one sent the prefetched
     * deliveries first and the given-back batch after them).
     */
    @ParameterizedTest
    @ValueSource(strings = {"rollback", "close", "killed"})
    void one_consumer_in_the_cluster_takes_an_agencys_deliveries_in_order_and_the_other_takes_over_in_order(String how)
            throws Exception {
        String queue = Queues.deliver("X" + how.toUpperCase(java.util.Locale.ROOT));
        try (Connection nodeA = factory.createConnection(); Connection nodeB = factory.createConnection()) {
            nodeA.setClientID("node-a");
            MessageConsumer a = consumer(nodeA, queue);
            MessageConsumer b = consumer(nodeB, queue);
            send(queue);

            Session sa = session(a);
            List<Integer> committed = new ArrayList<>(take(a, BATCH));
            sa.commit();
            List<Integer> inFlight = take(a, BATCH);
            assertEquals(range(0, 2 * BATCH), concat(committed, inFlight),
                    "the first consumer received every delivery, in receipt order");
            switch (how) {
                case "rollback" -> {
                    sa.rollback();
                    nodeA.close();
                }
                case "close" -> nodeA.close();
                default -> broker.broker().failConnections("node-a");
            }

            List<Integer> rest = take(b, SENT - BATCH);
            session(b).commit();
            committed.addAll(rest);
            assertEquals(range(0, SENT), committed, "every delivery once, in receipt order, across the two nodes");
        }
    }

    @Test
    void control_the_shared_received_queue_is_not_exclusive_and_gives_both_consumers_work() throws Exception {
        try (Connection nodeA = factory.createConnection(); Connection nodeB = factory.createConnection()) {
            MessageConsumer a = consumer(nodeA, Queues.RECEIVED);
            MessageConsumer b = consumer(nodeB, Queues.RECEIVED);
            send(Queues.RECEIVED);
            List<Integer> first = take(a, BATCH);
            assertNotEquals(range(0, BATCH), first, "without an exclusive queue the two consumers share the sends");
            List<Integer> other = take(b, BATCH);
            assertEquals(BATCH, other.size());
            session(a).commit();
            session(b).commit();
            drain(a);
            drain(b);
        }
    }

    private static final Map<MessageConsumer, Session> SESSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private static MessageConsumer consumer(Connection c, String queue) throws JMSException {
        c.start();
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer m = s.createConsumer(s.createQueue(queue));
        SESSIONS.put(m, s);
        return m;
    }

    private static Session session(MessageConsumer m) {
        return SESSIONS.get(m);
    }

    private static void send(String queue) throws JMSException {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (int i = 0; i < SENT; i++) {
                p.send(s.createTextMessage(String.valueOf(i)));
            }
            s.commit();
        }
    }

    private static List<Integer> take(MessageConsumer m, int n) throws JMSException {
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TextMessage t = (TextMessage) m.receive(WAIT_MS);
            assertNotNull(t, "message " + (i + 1) + " of " + n + " never came");
            got.add(Integer.parseInt(t.getText()));
        }
        return got;
    }

    private static void drain(MessageConsumer m) throws JMSException {
        while (m.receiveNoWait() != null) {
            session(m).commit();
        }
        session(m).commit();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private static List<Integer> concat(List<Integer> x, List<Integer> y) {
        List<Integer> all = new ArrayList<>(x);
        all.addAll(y);
        return all;
    }
}
