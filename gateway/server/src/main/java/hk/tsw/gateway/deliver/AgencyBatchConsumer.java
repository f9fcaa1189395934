package hk.tsw.gateway.deliver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import hk.tsw.gateway.settings.DeliverSettings;
import hk.tsw.gateway.settings.Queues;
import hk.tsw.gateway.store.DeliveryStore;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Service;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of one agency's queue ({@code tsw.deliver.<CODE>}) that hands deliveries over in batches: it keeps one
 * transacted JMS session and consumer open, takes up to {@code gateway.delivery.batch.max} waiting deliveries (the
 * first waits up to a second, the next ones at most {@code gateway.delivery.batch.window.ms} each), hands each to the
 * agency's endpoint as before (one POST per document, with its stable {@code Idempotency-Key}), then records every
 * outcome with its timeline row in ONE store commit, and only then commits the JMS transaction.
 *
 * <p>Promises: a failure of one document never redoes or loses the others. A retryable failure is recorded and its
 * delivery id sent again to the agency's queue with the back-off as delivery delay (in the same JMS transaction); a
 * refusal or the last attempt goes to {@code tsw.dead} with its reason, as before. A crash (or a failed store or
 * broker commit) anywhere before the JMS commit gives the whole batch back to the broker: the deliveries already
 * recorded DELIVERED are not sent again, the others are, with the same key (the agency drops a repeat). The message
 * on the queue is unchanged (the delivery id as text), so deliveries queued by an older version still go out.
 *
 * <p>Called by its route's timer, one poll at a time, so a suspended route (a closed service window) takes
 * nothing: what waits stays in the queue in receipt order. The queue is exclusive (the broker's address settings):
 * one consumer in the whole cluster receives an agency's deliveries at a time, so first attempts go out in receipt
 * order; a batch given back returns to the head of the queue. A retried delivery goes to the back of the queue: one
 * failing document does not hold up the agency's others (docs/CLUSTER.md says what is and is not promised).
 */
public final class AgencyBatchConsumer implements Processor, Service {

    private static final Logger LOG = LoggerFactory.getLogger(AgencyBatchConsumer.class);
    private static final long FIRST_WAIT_MS = 1000;

    private enum Outcome { DELIVERED, SKIPPED, RETRY, DEAD }

    /** One delivery of the batch: {@code id} is the message's body (the exchange's body becomes the document). */
    private record Handled(String id, Exchange exchange, Outcome outcome) {
    }

    private final Agency agency;
    private final DeliveryProcessor processor;
    private final DeliveryStore deliveries;
    private final ConnectionFactory factory;
    private final DeliverSettings settings;
    private final long recoveryMs;
    private volatile CamelContext camel;
    private ProducerTemplate template;
    private Connection connection;
    private Session session;
    private MessageConsumer consumer;
    private Queue queue;

    public AgencyBatchConsumer(Agency agency, DeliveryProcessor processor, DeliveryStore deliveries,
                               ConnectionFactory factory, DeliverSettings settings, long recoveryMs) {
        this.agency = agency;
        this.processor = processor;
        this.deliveries = deliveries;
        this.factory = factory;
        this.settings = settings;
        this.recoveryMs = recoveryMs;
    }

    /** The timer's poll: one batch, or nothing when the queue stays empty for a second. */
    @Override
    public void process(Exchange poll) throws InterruptedException {
        camel = poll.getContext();
        List<Message> batch;
        try {
            batch = receive();
        } catch (JMSException | RuntimeException e) {
            LOG.warn("Agency {}: its queue cannot be read now ({}); trying again in {} ms", agency.code(), e.toString(), recoveryMs);
            drop();
            Thread.sleep(recoveryMs);
            return;
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<Handled> handled = handOver(batch);
            record(handled);
            send(handled);
            session.commit();
        } catch (JMSException | RuntimeException e) {
            // nothing of the batch is lost: the broker gives it all back; what was recorded DELIVERED is not sent again
            LOG.warn("Agency {}: a batch of {} deliveries goes back to the broker: {}", agency.code(), batch.size(), e.toString());
            drop();
            // the batch is back at the head of the (exclusive) queue at once, in order: no hot loop on it
            Thread.sleep(recoveryMs);
        } finally {
            org.slf4j.MDC.clear();
        }
    }

    private List<Message> receive() throws JMSException {
        if (session == null) {
            connection = factory.createConnection();
            connection.start();
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
            queue = session.createQueue(Queues.deliver(agency.code()));
            consumer = session.createConsumer(queue);
        }
        List<Message> batch = new ArrayList<>();
        Message m = consumer.receive(FIRST_WAIT_MS);
        while (m != null) {
            batch.add(m);
            if (batch.size() >= settings.batchMax()) {
                break;
            }
            m = settings.batchWindowMs() <= 0 ? consumer.receiveNoWait() : consumer.receive(settings.batchWindowMs());
        }
        return batch;
    }

    /** Hands each delivery of the batch to the agency, in order; a delivery id seen twice in a batch goes once. */
    private List<Handled> handOver(List<Message> batch) throws JMSException {
        ProducerTemplate producer = template();
        Set<String> seen = new HashSet<>();
        List<Handled> handled = new ArrayList<>();
        for (Message m : batch) {
            String id = m instanceof TextMessage t ? t.getText() : null;
            if (id != null && !seen.add(id)) {
                continue;
            }
            Exchange e = new DefaultExchange(camel);
            e.getIn().setBody(id);
            int count = m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 1;
            e.getIn().setHeader("JMSXDeliveryCount", count);
            try {
                processor.prepare(e);
                if (e.isRouteStop()) {
                    handled.add(new Handled(id, e, Outcome.SKIPPED));
                    continue;
                }
                DeliveryStore.Delivery d = e.getProperty("tswDelivery", DeliveryStore.Delivery.class);
                // the attempts the store counted survive a retry sent as a new message; the broker's count a crash
                e.getIn().setHeader("JMSXDeliveryCount", Math.max(count, d.attempts() + 1));
                producer.send(agency.endpoint(), e);
            } catch (RuntimeException ex) {
                e.setException(ex);
            }
            Throwable failure = e.getException();
            if (failure == null) {
                handled.add(new Handled(id, e, Outcome.DELIVERED));
            } else {
                e.setException(null);
                e.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
                // a message naming no delivery the store knows cannot succeed later: dead-lettered, never looped
                boolean unknown = e.getProperty("tswDelivery") == null;
                handled.add(new Handled(id, e, unknown || processor.giveUp(e) ? Outcome.DEAD : Outcome.RETRY));
            }
        }
        return handled;
    }

    /** Every outcome of the batch with its timeline row, in one store commit. */
    private void record(List<Handled> handled) {
        deliveries.inOneTransaction(() -> {
            for (Handled h : handled) {
                try {
                    switch (h.outcome()) {
                        case DELIVERED -> processor.delivered(h.exchange());
                        case RETRY -> processor.retry(h.exchange());
                        case DEAD -> processor.dead(h.exchange());
                        case SKIPPED -> { }
                    }
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("recording delivery " + h.id(), e);
                }
            }
            return null;
        });
    }

    /** In the batch's JMS transaction: retries back on the agency's queue after their back-off, the dead to tsw.dead. */
    private void send(List<Handled> handled) throws JMSException {
        MessageProducer producer = null;
        try {
            for (Handled h : handled) {
                if (h.outcome() != Outcome.RETRY && h.outcome() != Outcome.DEAD) {
                    continue;
                }
                if (producer == null) {
                    producer = session.createProducer(null);
                }
                Exchange e = h.exchange();
                if (h.outcome() == Outcome.RETRY) {
                    int attempt = e.getIn().getHeader("JMSXDeliveryCount", 1, Integer.class);
                    producer.setDeliveryDelay(settings.retryDelayMs(attempt));
                    producer.send(queue, session.createTextMessage(h.id()));
                } else {
                    TextMessage dead = session.createTextMessage(h.id() == null ? "unknown delivery" : h.id());
                    dead.setStringProperty("tswReason", e.getIn().getHeader("tswReason", String.class));
                    dead.setStringProperty(DeadLetterQueue.ORIGIN, queue.getQueueName());
                    Long id = e.getIn().getHeader("tswDeliveryId", Long.class);
                    if (id != null) {
                        dead.setLongProperty("tswDeliveryId", id);
                    }
                    producer.setDeliveryDelay(0);
                    producer.send(session.createQueue(Queues.DEAD), dead);
                }
            }
        } finally {
            if (producer != null) {
                producer.close();
            }
        }
    }

    private ProducerTemplate template() {
        if (template == null) {
            template = camel.createProducerTemplate();
        }
        return template;
    }

    /** Closes the session (rolling back what it took) so the next poll starts afresh. */
    private void drop() {
        try {
            if (session != null) {
                session.rollback();
            }
        } catch (JMSException | RuntimeException ignored) {
            // the session is gone with its connection: the broker has already given its messages back
        }
        try {
            if (consumer != null) {
                consumer.close();
            }
            if (session != null) {
                session.close();
            }
            if (connection != null) {
                connection.close();
            }
        } catch (JMSException | RuntimeException ignored) {
            // closing a broken session cannot do more
        }
        consumer = null;
        session = null;
        connection = null;
    }

    @Override
    public void start() {
        // the session opens on the first poll
    }

    @Override
    public void stop() {
        drop();
        if (template != null) {
            try {
                template.stop();
            } catch (RuntimeException ignored) {
                // stopping with the context
            }
            template = null;
        }
    }
}
