package hk.tsw.gateway.intake;

import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off of a recorded interchange to the persistent queue of received interchanges ({@code tsw.received}) that the route stage consumes, shared by every
 * channel. While the broker is unreachable it refuses at once ({@link #checkOpen}, {@link BrokerUnavailableException})
 * so that a channel answers the partner with a refusal instead of waiting, and nothing is acknowledged.
 *
 * <p>An interchange that was recorded but whose hand-off failed (the broker died between the two) is remembered and
 * handed off again every {@code retryMs} once the broker is back, without waiting for the partner's resend or a
 * restart. Each hand-off the broker took is recorded ({@code queued}, the interchange's {@code queued_at}); if the
 * node dies before its hand-off, the unfinished-work sweep of another node (or its own start) re-queues it
 * (docs/CLUSTER.md). A second hand-off of the same id (the partner resent too, or the node died between the broker's
 * taking it and its recording) is harmless: processing is idempotent.
 */
public final class ReceivedQueue implements LongConsumer, AutoCloseable {

    /** The broker cannot take the interchange now: refuse the partner, acknowledge nothing. */
    public static final class BrokerUnavailableException extends IllegalStateException {
        public BrokerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReceivedQueue.class);

    private final Supplier<CamelContext> camel;
    private final String queueUri;
    private final BooleanSupplier brokerUp;
    private final LongConsumer queued;
    private final Set<Long> notHandedOff = new ConcurrentSkipListSet<>();
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tsw-received-queue-retry");
        t.setDaemon(true);
        return t;
    });
    private volatile ProducerTemplate template;

    /**
     * @param camel    the Camel context whose JMS component sends (asked lazily: routes are built before it starts)
     * @param queueUri the Camel URI of the received queue
     * @param brokerUp whether the gateway's broker connection is up right now
     * @param retryMs  how often hand-offs that failed are tried again
     */
    public ReceivedQueue(Supplier<CamelContext> camel, String queueUri, BooleanSupplier brokerUp, long retryMs) {
        this(camel, queueUri, brokerUp, retryMs, id -> { });
    }

    /** As above; {@code queued} records that the broker took an interchange (after each successful hand-off). */
    public ReceivedQueue(Supplier<CamelContext> camel, String queueUri, BooleanSupplier brokerUp, long retryMs,
                         LongConsumer queued) {
        this.camel = camel;
        this.queueUri = queueUri;
        this.brokerUp = brokerUp;
        this.queued = queued;
        retry.scheduleWithFixedDelay(this::retryFailed, retryMs, retryMs, TimeUnit.MILLISECONDS);
    }

    /** Throws {@link BrokerUnavailableException} when the broker is known to be unreachable: check before storing. */
    public void checkOpen() {
        if (!brokerUp.getAsBoolean()) {
            throw new BrokerUnavailableException("the broker is unreachable: nothing can be queued now", null);
        }
    }

    /** Whether the broker connection is up (the SFTP server refuses uploads into an inbox while it is not). */
    public boolean open() {
        return brokerUp.getAsBoolean();
    }

    /** Hands the interchange off, or throws {@link BrokerUnavailableException} and remembers it for a retry. */
    @Override
    public void accept(long interchangeId) {
        try {
            checkOpen();
            send(interchangeId);
            notHandedOff.remove(interchangeId);
        } catch (RuntimeException e) {
            notHandedOff.add(interchangeId);
            throw e instanceof BrokerUnavailableException b ? b
                    : new BrokerUnavailableException("interchange " + interchangeId + " could not be queued: " + e, e);
        }
    }

    /** Interchanges recorded whose hand-off failed and has not yet succeeded. */
    public Set<Long> pending() {
        return Set.copyOf(notHandedOff);
    }

    private void send(long interchangeId) {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = camel.get().createProducerTemplate();
                }
                t = template;
            }
        }
        t.sendBody(queueUri, ExchangePattern.InOnly, interchangeId);
        hk.tsw.gateway.settings.FaultPoints.installed().halt("handed-off");
        try {
            queued.accept(interchangeId);
        } catch (RuntimeException e) {
            // the broker has it: at worst the sweep re-queues it once more, which costs work, not correctness
            LOG.warn("Interchange {} is queued but its queued_at was not recorded: {}", interchangeId, e.toString());
        }
    }

    private void retryFailed() {
        for (Long id : notHandedOff) {
            if (!brokerUp.getAsBoolean()) {
                return;
            }
            try {
                send(id);
                notHandedOff.remove(id);
                LOG.info("Re-queued interchange {}: its hand-off had failed while the broker was unreachable", id);
            } catch (RuntimeException e) {
                LOG.warn("Interchange {} still cannot be queued ({}); trying again later", id, e.toString());
                return;
            }
        }
    }

    @Override
    public void close() {
        retry.shutdownNow();
    }
}
