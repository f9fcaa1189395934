package hk.tsw.gateway.deliver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import hk.tsw.gateway.broker.TransactedBatchSession;
import hk.tsw.gateway.settings.DeliverSettings;
import hk.tsw.gateway.settings.Queues;
import hk.tsw.gateway.store.DeliveryStore;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
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
 * outcome with its timeline row in ONE store commit (in JDBC batches: one per kind of outcome and one for the
 * timeline), and only then commits the JMS transaction.
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
 *
 * <p>The session is a {@link TransactedBatchSession} of the shared, cached broker connection, whose failover the
 * gateway's broker link handles (it opens the connection afresh); a broker error drops the session, and the next poll
 * after {@code gateway.broker.recovery.ms} opens another.
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
    private final DeliverSettings settings;
    /** The agency's queue ({@code tsw.deliver.<CODE>}): the batches come from it, retries go back to it. */
    private final String queue;
    private final TransactedBatchSession jms;
    private volatile CamelContext camel;
    private ProducerTemplate template;

    /** @param factory the caching factory of the shared broker connection */
    public AgencyBatchConsumer(Agency agency, DeliveryProcessor processor, DeliveryStore deliveries,
                               ConnectionFactory factory, DeliverSettings settings, long recoveryMs) {
        this.agency = agency;
        this.processor = processor;
        this.deliveries = deliveries;
        this.settings = settings;
        this.queue = Queues.deliver(agency.code());
        this.jms = TransactedBatchSession.onSharedConnection(factory, queue, recoveryMs);
    }

    /** The timer's poll: one batch, or nothing when the queue stays empty for a second. */
    @Override
    public void process(Exchange poll) throws InterruptedException {
        camel = poll.getContext();
        List<Message> batch;
        try {
            batch = jms.receive(settings.batchMax(), FIRST_WAIT_MS, settings.batchWindowMs());
        } catch (JMSException | RuntimeException e) {
            LOG.warn("Agency {}: its queue cannot be read now ({}); trying again in {} ms", agency.code(), e.toString(),
                    jms.recoveryMs());
            jms.dropAndPause();
            return;
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<Handled> handled = handOver(batch);
            record(handled);
            send(handled);
            jms.commit();
        } catch (JMSException | RuntimeException e) {
            // nothing of the batch is lost: the broker gives it all back; what was recorded DELIVERED is not sent again
            LOG.warn("Agency {}: a batch of {} deliveries goes back to the broker: {}", agency.code(), batch.size(), e.toString());
            // the batch is back at the head of the (exclusive) queue at once, in order: no hot loop on it
            jms.dropAndPause();
        } finally {
            org.slf4j.MDC.clear();
        }
    }

    /**
     * Hands each delivery of the batch to the agency, in order; a delivery id seen twice in a batch goes once. The
     * batch's deliveries are read in one query first (a store that cannot be read gives the whole batch back): each
     * row as committed after the batch was received, so one recorded DELIVERED by an earlier batch (or before a crash
     * gave this one back) is not sent again.
     */
    private List<Handled> handOver(List<Message> batch) throws JMSException {
        ProducerTemplate producer = template();
        Map<Long, DeliveryStore.Delivery> rows = deliveries.getAll(numbers(batch));
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
                processor.prepare(e, rows.get(number(id)));
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

    /** The delivery ids the batch's messages name, once each (any other text names no delivery: dead-lettered). */
    private static Set<Long> numbers(List<Message> batch) throws JMSException {
        Set<Long> numbers = new java.util.LinkedHashSet<>();
        for (Message m : batch) {
            Long n = m instanceof TextMessage t ? number(t.getText()) : null;
            if (n != null) {
                numbers.add(n);
            }
        }
        return numbers;
    }

    private static Long number(String id) {
        try {
            return id == null ? null : Long.valueOf(id.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Every outcome of the batch with its timeline row, in one store commit: the sender's answers for the refused
     * ones first, as each is classified, then the outcomes together (one JDBC batch per kind and one for the
     * timeline, {@link DeliveryProcessor#record}).
     */
    private void record(List<Handled> handled) {
        deliveries.inOneTransaction(() -> {
            List<DeliveryStore.Outcome> outcomes = new ArrayList<>(handled.size());
            for (Handled h : handled) {
                try {
                    DeliveryStore.Outcome o = switch (h.outcome()) {
                        case DELIVERED -> processor.delivered(h.exchange());
                        case RETRY -> processor.retry(h.exchange());
                        case DEAD -> processor.dead(h.exchange());
                        case SKIPPED -> null;
                    };
                    if (o != null) {
                        outcomes.add(o);
                    }
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("recording delivery " + h.id(), e);
                }
            }
            processor.record(outcomes);
            return null;
        });
    }

    /** In the batch's JMS transaction: retries back on the agency's queue after their back-off, the dead to tsw.dead. */
    private void send(List<Handled> handled) throws JMSException {
        for (Handled h : handled) {
            Exchange e = h.exchange();
            if (h.outcome() == Outcome.RETRY) {
                int attempt = e.getIn().getHeader("JMSXDeliveryCount", 1, Integer.class);
                jms.send(queue, jms.session().createTextMessage(h.id()), settings.retryDelayMs(attempt));
            } else if (h.outcome() == Outcome.DEAD) {
                TextMessage dead = jms.session().createTextMessage(h.id() == null ? "unknown delivery" : h.id());
                dead.setStringProperty("tswReason", e.getIn().getHeader("tswReason", String.class));
                dead.setStringProperty(DeadLetterQueue.ORIGIN, queue);
                Long id = e.getIn().getHeader("tswDeliveryId", Long.class);
                if (id != null) {
                    dead.setLongProperty("tswDeliveryId", id);
                }
                jms.send(Queues.DEAD, dead, 0);
            }
        }
    }

    private ProducerTemplate template() {
        if (template == null) {
            template = camel.createProducerTemplate();
        }
        return template;
    }

    @Override
    public void start() {
        // the session opens on the first poll
    }

    @Override
    public void stop() {
        jms.drop();
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
