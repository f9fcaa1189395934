package hk.tsw.gateway.route;

import java.util.List;

import hk.tsw.gateway.settings.FaultPoints;
import hk.tsw.gateway.settings.Queues;
import hk.tsw.gateway.store.PendingDelivery;
import hk.tsw.gateway.store.ReleaseStore;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an interchange's deliveries on the agency queues once its answer and end state are committed. Up to
 * {@code chunk} deliveries travel as before, in the broker transaction of the received message (that of its batch,
 * {@link ReceivedBatchConsumer}); more are sent in chunks of {@code chunk}, each chunk one broker transaction, so
 * that no transaction holds tens of thousands of messages. Each chunk is recorded as released ({@link ReleaseStore}) after the broker committed it, so
 * a redelivery after a crash sends only the rest. Every message carries the broker's duplicate id
 * ({@value #DUPLICATE_ID}{@code = tsw-release-<delivery id>}): the one chunk that may be sent twice (committed by
 * the broker, not yet recorded when the crash came) is dropped by the broker the second time. The message itself is
 * as it always was: the delivery id as text.
 */
public final class DeliveryRelease {

    /** Artemis' duplicate-detection property. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRelease.class);

    private final ReleaseStore store;
    private final ConnectionFactory factory;
    private final int chunk;

    public DeliveryRelease(ReleaseStore store, ConnectionFactory factory, int chunk) {
        this.store = store;
        this.factory = factory;
        this.chunk = Math.max(1, chunk);
    }

    /**
     * The deliveries for the route to send in its own transaction: all of them when they are at most one chunk;
     * otherwise none, after sending them all here in chunks.
     */
    public List<PendingDelivery> release(long interchangeId) {
        List<PendingDelivery> first = store.unreleased(interchangeId, chunk + 1);
        if (first.size() <= chunk) {
            return first;
        }
        int sent = 0;
        try (Connection c = factory.createConnection()) {
            for (List<PendingDelivery> next = first.subList(0, chunk); !next.isEmpty();
                 next = store.unreleased(interchangeId, next.get(next.size() - 1).deliveryId(), chunk)) {
                send(c, next);
                FaultPoints.installed().halt("released");
                store.released(next);
                sent += next.size();
            }
        } catch (JMSException e) {
            throw new IllegalStateException("the deliveries of interchange " + interchangeId
                    + " could not all be put on the agency queues (" + sent + " were): " + e, e);
        }
        LOG.info("Interchange {}: {} deliveries put on the agency queues in chunks of {}", interchangeId, sent, chunk);
        return List.of();
    }

    private void send(Connection c, List<PendingDelivery> deliveries) throws JMSException {
        try (Session s = c.createSession(true, Session.SESSION_TRANSACTED)) {
            try {
                sendAll(s, deliveries);
                s.commit();
                return;
            } catch (JMSException e) {
                // most likely the chunk was taken before a crash and its duplicate ids refused the transaction:
                // send one by one outside a transaction, where the broker drops each duplicate on its own
                LOG.info("A chunk of {} deliveries was refused as a transaction ({}); sending them one by one",
                        deliveries.size(), e.toString());
                rollbackQuietly(s);
            }
        }
        try (Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            sendAll(s, deliveries);
        }
    }

    private static void sendAll(Session s, List<PendingDelivery> deliveries) throws JMSException {
        try (MessageProducer p = s.createProducer(null)) {
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (PendingDelivery d : deliveries) {
                TextMessage m = s.createTextMessage(d.body());
                m.setStringProperty(DUPLICATE_ID, "tsw-release-" + d.deliveryId());
                p.send(s.createQueue(Queues.deliver(d.agency())), m);
            }
        }
    }

    private static void rollbackQuietly(Session s) {
        try {
            s.rollback();
        } catch (JMSException ignored) {
            // the session is closed next; the broker drops an uncommitted transaction
        }
    }
}
