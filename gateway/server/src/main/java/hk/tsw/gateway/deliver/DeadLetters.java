package hk.tsw.gateway.deliver;

import hk.tsw.gateway.settings.Queues;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * The dead-letter queue as an operator's re-drive sees it. A dead delivery's copy in {@code tsw.dead} carries its id
 * (JMS property {@code tswDeliveryId}); re-driving puts the id back on the agency's queue and takes that copy out of
 * the dead-letter queue in one broker transaction, so after a re-drive the queue holds only what is still dead, and
 * a crash leaves either both moves done or neither.
 */
public final class DeadLetters {

    private final ConnectionFactory connections;
    private final String deadQueue;
    private final long receiveTimeoutMs;

    /** @param receiveTimeoutMs how long to wait for the broker to hand over the delivery's dead-letter copy */
    public DeadLetters(ConnectionFactory connections, String deadQueue, long receiveTimeoutMs) {
        this.connections = connections;
        this.deadQueue = deadQueue;
        this.receiveTimeoutMs = receiveTimeoutMs;
    }

    /**
     * Queues the delivery for its agency again and removes its copies from the dead-letter queue; returns how many
     * copies were removed (0 when the dead letter was already taken away, e.g. by an operator on the broker console).
     */
    public int redrive(String agency, long deliveryId) throws JMSException {
        try (Connection c = connections.createConnection()) {
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue(Queues.deliver(agency)));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            p.send(s.createTextMessage(String.valueOf(deliveryId)));
            int removed = 0;
            try (MessageConsumer dead = s.createConsumer(s.createQueue(deadQueue), "tswDeliveryId = " + deliveryId)) {
                // the first copy may take a moment to reach a fresh consumer; any further one is already buffered
                for (Object m = dead.receive(receiveTimeoutMs); m != null; m = dead.receiveNoWait()) {
                    removed++;
                }
            }
            s.commit();
            return removed;
        }
    }
}
