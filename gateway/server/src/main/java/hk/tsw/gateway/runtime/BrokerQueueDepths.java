package hk.tsw.gateway.runtime;

import hk.tsw.gateway.settings.Queues;
import java.util.Map;
import java.util.TreeMap;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The depths of the gateway's queues ({@code tsw.*}) on an external Artemis broker, asked through the broker's
 * management address with request/reply messages (queue names, then each queue's message count: waiting plus being
 * delivered, as the embedded broker reports them). Every reply is awaited for at most {@link #REPLY_MS}.
 */
final class BrokerQueueDepths {

    static final long REPLY_MS = 10_000;
    private static final String MANAGEMENT_ADDRESS = "activemq.management";

    private BrokerQueueDepths() {
    }

    static Map<String, Long> query(ActiveMQConnectionFactory factory) {
        try (Connection c = factory.createConnection();
             Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            TemporaryQueue replies = s.createTemporaryQueue();
            try (MessageProducer requests = s.createProducer(s.createQueue(MANAGEMENT_ADDRESS));
                 MessageConsumer answers = s.createConsumer(replies)) {
                Map<String, Long> depths = new TreeMap<>();
                for (Object name : (Object[]) ask(s, requests, answers, replies, ResourceNames.BROKER, "queueNames")) {
                    String queue = String.valueOf(name);
                    if (queue.startsWith(Queues.PREFIX)) {
                        Object count = ask(s, requests, answers, replies, ResourceNames.QUEUE + queue, "messageCount");
                        depths.put(queue, ((Number) count).longValue());
                    }
                }
                return depths;
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read the broker's queues: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the broker's queues: " + e, e);
        }
    }

    private static Object ask(Session s, MessageProducer requests, MessageConsumer answers, TemporaryQueue replies,
                              String resource, String attribute) throws Exception {
        Message request = s.createMessage();
        request.setJMSReplyTo(replies);
        JMSManagementHelper.putAttribute(request, resource, attribute);
        requests.send(request);
        Message reply = answers.receive(REPLY_MS);
        if (reply == null) {
            throw new IllegalStateException("no management reply for " + resource + " " + attribute);
        }
        if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException("management query " + resource + " " + attribute + " failed: "
                    + JMSManagementHelper.getResult(reply));
        }
        return JMSManagementHelper.getResult(reply);
    }
}
