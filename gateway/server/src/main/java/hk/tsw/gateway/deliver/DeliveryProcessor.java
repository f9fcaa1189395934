package hk.tsw.gateway.deliver;

import hk.tsw.gateway.store.DeliveryState;
import hk.tsw.gateway.store.DeliveryStore;
import hk.tsw.gateway.store.FileNames;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps around one agency hand-over: load the delivery and its canonical document, record success, and
 * classify a failure, for {@link AgencyBatchConsumer}. 5xx, 408, 429 and I/O errors (timeouts, refused connections)
 * are retried with back-off (the delivery goes back to the agency's queue with a delivery delay); any other 4xx, or the last allowed attempt, sends the delivery to the dead-letter queue with its reason,
 * after the sender has been given a negative answer saying which agency refused the document and why.
 */
public final class DeliveryProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryProcessor.class);

    private final DeliveryStore deliveries;
    private final int maxAttempts;
    private final RefusalNotifier refusals;

    public DeliveryProcessor(DeliveryStore deliveries, int maxAttempts) {
        this(deliveries, maxAttempts, RefusalNotifier.NONE);
    }

    public DeliveryProcessor(DeliveryStore deliveries, int maxAttempts, RefusalNotifier refusals) {
        this.deliveries = deliveries;
        this.maxAttempts = maxAttempts;
        this.refusals = refusals;
    }

    /**
     * Body in: delivery id; {@code d}: that delivery, read with the rest of its batch ({@link DeliveryStore#getAll}),
     * null when the store knows none (IllegalArgumentException). Body out: the canonical XML, with headers for file
     * and HTTP endpoints.
     */
    public void prepare(Exchange e, DeliveryStore.Delivery d) {
        if (d == null) {
            throw new IllegalArgumentException("no delivery " + e.getIn().getBody());
        }
        e.setProperty("tswDelivery", d);
        org.slf4j.MDC.put("interchange", String.valueOf(d.interchangeId()));
        org.slf4j.MDC.put("partner", d.partner());
        org.slf4j.MDC.put("reference", d.functionalRef() == null ? "" : d.functionalRef());
        if (DeliveryState.DELIVERED.is(d.state())) {
            LOG.info("Delivery {} to {} was already made; not sent again", d.id(), d.agency());
            e.setRouteStop(true);
            return;
        }
        e.getIn().removeHeaders("*", "JMSXDeliveryCount");
        e.getIn().setHeader("Idempotency-Key", d.idempotencyKey());
        e.getIn().setHeader("X-TSW-Document-Type", d.documentType());
        e.getIn().setHeader("X-TSW-Partner", d.partner());
        e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/xml; charset=UTF-8");
        // the HTTP component's own enum: given as text, each send looked the enum converter up again (~2 % of the
        // gateway's CPU in an SFTP run); any other endpoint reads it as text, "POST"
        e.getIn().setHeader(Exchange.HTTP_METHOD, org.apache.camel.component.http.HttpMethods.POST);
        e.getIn().setHeader(Exchange.FILE_NAME, safe(d.functionalRef()) + "-" + d.documentId() + ".xml");
        e.getIn().setBody(deliveries.canonical(d));
    }

    /**
     * The outcome to record for a delivery the agency took (with its answer's HTTP status, if any), for
     * {@link #record}; the halt point "forwarded" (after the hand-over, before it is recorded) is here.
     */
    public DeliveryStore.Outcome delivered(Exchange e) {
        DeliveryStore.Delivery d = e.getProperty("tswDelivery", DeliveryStore.Delivery.class);
        hk.tsw.gateway.settings.FaultPoints.installed().halt("forwarded");
        Integer status = e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return new DeliveryStore.Outcome(d, DeliveryStore.Outcome.Kind.DELIVERED,
                status == null ? "handed over" : "HTTP " + status);
    }

    /**
     * Records a batch's outcomes with their timeline rows ({@link DeliveryStore#recordAll}: one JDBC batch per kind
     * and one for the timeline), in the caller's unit of work, then logs each as it always has. A DELIVERED one that
     * was already recorded is left as it is (the store says so) and logged as delivered, as before.
     */
    public void record(java.util.List<DeliveryStore.Outcome> outcomes) {
        deliveries.recordAll(outcomes);
        for (DeliveryStore.Outcome o : outcomes) {
            DeliveryStore.Delivery d = o.delivery();
            switch (o.kind()) {
                case DELIVERED -> LOG.info("Delivered document {} to {} (delivery {})", d.documentId(), d.agency(),
                        d.id());
                case FAILED_ATTEMPT -> retried(d.id(), o.text());
                case DEAD -> deadLettered(d.id(), o.text());
            }
        }
    }

    /**
     * True when this failure must not be retried: a 4xx other than 408/429, or the attempts are used up (header
     * {@code JMSXDeliveryCount}: the attempt being made, counted by the store across retries).
     */
    public boolean giveUp(Exchange e) {
        Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (refusal(t)) {
            return true;
        }
        if (t instanceof IllegalArgumentException) {
            return true;
        }
        Integer count = e.getIn().getHeader("JMSXDeliveryCount", Integer.class);
        return count != null && count >= maxAttempts;
    }

    /**
     * Gives up on a delivery: the sender's negative answer is recorded first, then (by {@link #record}, with the
     * outcome returned, null when the message named no delivery) the delivery is recorded DEAD, in the batch's one
     * commit (an SFTP answer's file follows that commit); a crash before it redelivers the message, and the reply
     * store keeps the one answer.
     */
    public DeliveryStore.Outcome dead(Exchange e) throws Exception {
        DeliveryStore.Delivery d = e.getProperty("tswDelivery", DeliveryStore.Delivery.class);
        String reason = reason(e);
        if (d != null) {
            refusals.refused(d, senderReason(e, d));
        } else {
            deadLettered(null, reason);
        }
        e.getIn().setHeader("tswReason", reason);
        e.getIn().setHeader("tswDeliveryId", d == null ? null : d.id());
        e.getIn().setBody(d == null ? "unknown delivery" : String.valueOf(d.id()));
        return d == null ? null : new DeliveryStore.Outcome(d, DeliveryStore.Outcome.Kind.DEAD, reason);
    }

    /** A failed attempt's outcome, to retry (recorded by {@link #record}); null when the message named no delivery. */
    public DeliveryStore.Outcome retry(Exchange e) {
        DeliveryStore.Delivery d = e.getProperty("tswDelivery", DeliveryStore.Delivery.class);
        if (d == null) {
            retried(null, reason(e));
            return null;
        }
        return new DeliveryStore.Outcome(d, DeliveryStore.Outcome.Kind.FAILED_ATTEMPT, reason(e));
    }

    private static void retried(Long id, String reason) {
        LOG.warn("Delivery {} failed and goes back to its agency's queue for a retry after its back-off: {}",
                id == null ? "?" : id, reason);
    }

    private static void deadLettered(Long id, String reason) {
        LOG.warn("Delivery {} goes to the dead-letter queue: {}", id == null ? "?" : id, reason);
    }

    /** The reason as the sender reads it: which agency, what it answered; never the agency's internal address. */
    static String senderReason(Exchange e, DeliveryStore.Delivery d) {
        Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String why;
        if (t instanceof HttpOperationFailedException h) {
            String text = h.getStatusText() == null ? "" : " " + h.getStatusText().strip();
            String body = h.getResponseBody() == null ? "" : h.getResponseBody().replaceAll("\\s+", " ").strip();
            why = "HTTP " + h.getStatusCode() + text + (body.isEmpty() ? "" : " - " + shorten(body, 300));
        } else {
            why = t == null ? "unknown failure" : t.getClass().getSimpleName();
        }
        if (refusal(t)) {
            return "agency " + d.agency() + " refused the document: " + why;
        }
        Integer count = e.getIn().getHeader("JMSXDeliveryCount", Integer.class);
        return "the document could not be delivered to agency " + d.agency()
                + (count == null ? "" : " in " + count + " attempts") + ": " + why;
    }

    /** The agency refused the document itself: a 4xx other than 408 (timeout) and 429 (too many requests). */
    private static boolean refusal(Throwable t) {
        if (t instanceof HttpOperationFailedException h) {
            int s = h.getStatusCode();
            return s >= 400 && s < 500 && s != 408 && s != 429;
        }
        return false;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static String reason(Exchange e) {
        Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (t instanceof HttpOperationFailedException h) {
            return "HTTP " + h.getStatusCode() + " from " + h.getUri();
        }
        return t == null ? "unknown failure" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static String safe(String s) {
        return FileNames.safe(s, "document");
    }
}
