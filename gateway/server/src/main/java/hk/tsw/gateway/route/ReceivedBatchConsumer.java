package hk.tsw.gateway.route;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import hk.tsw.gateway.broker.TransactedBatchSession;
import hk.tsw.gateway.deliver.DeadLetterQueue;
import hk.tsw.gateway.settings.DeliverSettings;
import hk.tsw.gateway.settings.Queues;
import hk.tsw.gateway.settings.RouteSettings;
import hk.tsw.gateway.store.InterchangeState;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.PendingDelivery;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of the received queue ({@code tsw.received}) that routes interchanges in batches: it keeps one
 * transacted JMS session and consumer open (on a connection of its own), takes up to {@code gateway.route.batch.max}
 * waiting interchange ids (the first waits up to a second, the next ones at most {@code gateway.route.batch.window.ms}
 * each), processes them ({@link InterchangeProcessor}: every write idempotent), sends each one's deliveries to the
 * agency queues on the SAME session ({@link DeliveryRelease}: a large interchange's in chunks of their own first), and
 * commits the broker once for the batch.
 *
 * <p>The store commits once for the batch too ({@link GroupCommit}, {@code gateway.route.group.commit}, off by
 * default: it did not lower the e2e bench's CPU per message): the batch's interchanges are processed in one store unit, and only after its commit are their answers
 * written (SFTP outbox), their {@code mapped} fault point passed and logged, and their deliveries released, in batch
 * order. If the group throws (a poison interchange, an interchange too large for a group, a store error) it rolls
 * back whole and the batch is processed again one interchange per store unit, as with the setting off: the failure of
 * the group is nobody's attempt, and the poison handling below counts only the interchange's own failure.
 *
 * <p>Promises. Nothing lost, nothing delivered twice: a crash (or a failed send or broker commit) anywhere before the
 * JMS commit gives the whole batch back to the broker, and with it every delivery message the batch sent; the
 * redelivery finds the interchanges already processed (their end state committed) and releases their pending
 * deliveries again, exactly as one interchange per transaction did (a chunk already recorded as released is not sent
 * again; a delivery sent twice is skipped by the deliver stage once DELIVERED, and the agency drops a repeat by its
 * {@code Idempotency-Key}).
 *
 * <p>A poison interchange (processing or releasing it throws) neither rolls back nor holds up the others in its
 * batch: in the batch's transaction its id is sent to {@code tsw.received} again with the broker's back-off as
 * delivery delay ({@code gateway.delivery.redelivery.*}, as the broker's redelivery of a rolled-back message would
 * wait) and its attempts so far ({@value #ATTEMPTS}; the broker's {@code JMSXDeliveryCount} adds a crash's
 * redeliveries). After {@code gateway.delivery.max.attempts} it is recorded FAILED with its reason and parked in
 * {@code tsw.dead} with {@code tswReason} and {@code tswOrigin} (for an operator's re-drive, which starts its attempts
 * afresh), as before. Rolling back only the failed message is not possible in JMS (a rollback gives back every message
 * the session took), hence the new message; the batch's JMS commit takes it together with the others.
 *
 * <p>Called by its route's timer, one poll at a time; a stopping route takes no new batch and lets the current one
 * finish, and {@link #stop} rolls back whatever is uncommitted. The session is a {@link TransactedBatchSession} on a
 * connection of its own: after a broker failover (the connection says so) or any broker error, the session and
 * connection are closed (the broker gives back what was uncommitted) and opened afresh at the next poll, after
 * {@code gateway.broker.recovery.ms}.
 */
public final class ReceivedBatchConsumer implements Processor, Service {

    /** The attempts an interchange sent again after a failure has had already (the broker counts only its own). */
    static final String ATTEMPTS = "tswRouteAttempts";

    private static final Logger LOG = LoggerFactory.getLogger(ReceivedBatchConsumer.class);
    private static final long FIRST_WAIT_MS = 1000;

    private final InterchangeProcessor processor;
    private final DeliveryRelease release;
    private final MessageStore store;
    private final RouteSettings route;
    private final DeliverSettings deliver;
    private final TransactedBatchSession jms;
    /** The batch's interchanges in one store unit, or null: one unit per interchange. */
    private final GroupCommit group;
    /** What the current batch did, for its log line: deliveries sent, interchanges sent again, parked. */
    private int sent, again, parked;

    /** @param factory the broker's own (not a session cache): the consumer's connection, closed after a failure */
    public ReceivedBatchConsumer(InterchangeProcessor processor, DeliveryRelease release, MessageStore store,
                                 ConnectionFactory factory, RouteSettings route, DeliverSettings deliver,
                                 long recoveryMs) {
        this.processor = processor;
        this.release = release;
        this.store = store;
        this.route = route;
        this.deliver = deliver;
        this.jms = TransactedBatchSession.onOwnConnection(factory, Queues.RECEIVED, recoveryMs);
        this.group = route.groupCommit() ? new GroupCommit(processor, store) : null;
    }

    /** The timer's poll: one batch, or nothing when the queue stays empty for a second. */
    @Override
    public void process(Exchange poll) throws InterruptedException {
        if (jms.stale()) {
            LOG.info("The route stage's broker connection failed or failed over: opening it afresh");
            jms.drop();
        }
        List<Message> batch;
        try {
            batch = jms.receive(route.batchMax(), FIRST_WAIT_MS, route.batchWindowMs());
        } catch (JMSException | RuntimeException e) {
            LOG.warn("The received queue cannot be read now ({}); trying again in {} ms", e.toString(),
                    jms.recoveryMs());
            jms.dropAndPause();
            return;
        }
        if (batch.isEmpty()) {
            return;
        }
        boolean committed = false;
        sent = again = parked = 0;
        try {
            List<Received> todo = interchanges(batch);
            List<InterchangeProcessor.Processed> grouped = group != null && todo.size() > 1
                    ? group.process(todo.stream().map(Received::id).toList()) : null;
            for (int i = 0; i < todo.size(); i++) {
                route(todo.get(i), grouped == null ? null : grouped.get(i));
            }
            jms.commit();
            committed = true;
            LOG.debug("A batch of {} received interchanges committed: {} deliveries sent, {} interchanges sent again,"
                    + " {} parked", batch.size(), sent, again, parked);
        } catch (JMSException | RuntimeException e) {
            // nothing of the batch is lost: the broker gives it all back, and the deliveries it sent with it
            LOG.warn("A batch of {} received interchanges goes back to the broker: {}", batch.size(), e.toString());
            jms.dropAndPause();
        } finally {
            org.slf4j.MDC.clear();
            if (!committed) {
                jms.drop(); // an Error: the session must not keep half a batch
            }
        }
    }

    /** A message of the batch and the interchange it names. */
    private record Received(Message message, long id) {
    }

    /** The batch's interchanges, each once; a message naming none is parked at once (it cannot succeed later). */
    private List<Received> interchanges(List<Message> batch) throws JMSException {
        List<Received> todo = new ArrayList<>(batch.size());
        Set<Long> seen = new HashSet<>();
        for (Message m : batch) {
            Long id = idOf(m);
            if (id == null) {
                LOG.error("A message on {} names no interchange and is parked in the dead-letter queue",
                        Queues.RECEIVED);
                park(m, "the message names no interchange");
            } else if (seen.add(id)) { // queued twice (a second hand-off): routed once
                todo.add(new Received(m, id));
            }
        }
        return todo;
    }

    /**
     * Processes one interchange in its own store unit ({@code grouped} null), or finishes one its group committed,
     * and sends its deliveries in the batch's transaction; a failure is its own.
     */
    private void route(Received r, InterchangeProcessor.Processed grouped) throws JMSException {
        List<PendingDelivery> deliveries;
        try {
            if (grouped == null) {
                processor.process(r.id());
            } else {
                processor.committed(grouped);
            }
            deliveries = release.release(r.id());
        } catch (RuntimeException e) {
            failed(r.message(), r.id(), e);
            return;
        }
        for (PendingDelivery d : deliveries) {
            jms.send(Queues.deliver(d.agency()), jms.session().createTextMessage(d.body()), 0);
            sent++;
        }
    }

    /** Sends the interchange again after the back-off, or after its last attempt records it FAILED and parks it. */
    private void failed(Message m, long id, RuntimeException e) throws JMSException {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        int attempts = (m.propertyExists(ATTEMPTS) ? m.getIntProperty(ATTEMPTS) : 0)
                + (m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 1);
        if (attempts < deliver.maxAttempts()) {
            long delay = deliver.retryDelayMs(attempts);
            LOG.warn("Interchange {} failed (attempt {} of {}); trying again in {} ms: {}", id, attempts,
                    deliver.maxAttempts(), delay, reason);
            Message copy = copy(m);
            copy.setIntProperty(ATTEMPTS, attempts);
            jms.send(Queues.RECEIVED, copy, delay);
            again++;
            return;
        }
        store.finished(id, InterchangeState.FAILED, "The gateway could not process this interchange: " + reason);
        LOG.error("Interchange {} failed after {} attempts and is parked in the dead-letter queue: {}", id, attempts,
                reason);
        park(m, reason);
    }

    /** A copy of the message to {@code tsw.dead}, with the reason and the queue it came from. */
    private void park(Message m, String reason) throws JMSException {
        Message dead = copy(m);
        dead.setStringProperty("tswReason", reason);
        // where an operator's re-drive of this dead letter sends it back to (docs/CONSOLE.md, dead letters)
        dead.setStringProperty(DeadLetterQueue.ORIGIN, Queues.RECEIVED);
        jms.send(Queues.DEAD, dead, 0);
        parked++;
    }

    /** The interchange id the message carries (the hand-off sends it as a number or as text), or null. */
    private static Long idOf(Message m) {
        try {
            if (m instanceof TextMessage t && t.getText() != null && t.getText().trim().matches("[0-9]{1,18}")) {
                return Long.parseLong(t.getText().trim());
            }
            if (m instanceof ObjectMessage o && o.getObject() instanceof Number n) {
                return n.longValue();
            }
        } catch (JMSException e) {
            LOG.warn("A message on {} cannot be read: {}", Queues.RECEIVED, e.toString());
        }
        return null;
    }

    /** The same body, as the same kind of message, without the broker's properties. */
    private Message copy(Message m) throws JMSException {
        Session session = jms.session();
        if (m instanceof TextMessage t) {
            return session.createTextMessage(t.getText());
        }
        if (m instanceof ObjectMessage o) {
            try {
                return session.createObjectMessage((Serializable) o.getObject());
            } catch (JMSException e) {
                return session.createTextMessage("(unreadable: " + e + ")");
            }
        }
        return session.createMessage();
    }

    @Override
    public void start() {
        // the session opens on the first poll
    }

    @Override
    public void stop() {
        jms.drop();
    }
}
