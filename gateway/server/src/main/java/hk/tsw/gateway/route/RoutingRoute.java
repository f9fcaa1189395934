package hk.tsw.gateway.route;

import hk.tsw.gateway.settings.Queues;
import hk.tsw.gateway.store.InterchangeState;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.PendingDelivery;
import org.apache.camel.builder.RouteBuilder;

/**
 * Takes received interchanges from the broker (transacted: a crash before commit redelivers them), translates and
 * routes them, and hands one message per agency delivery to that agency's queue: within the same transaction for an
 * interchange of up to one chunk of deliveries, in chunks of their own before it for a larger one
 * ({@link DeliveryRelease}).
 */
public final class RoutingRoute extends RouteBuilder {

    private final InterchangeProcessor processor;
    private final MessageStore store;
    private final DeliveryRelease release;
    private final int maxAttempts;

    public RoutingRoute(InterchangeProcessor processor, DeliveryRelease release, MessageStore store, int maxAttempts) {
        this.processor = processor;
        this.release = release;
        this.store = store;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public void configure() {
        // A poison interchange (the stage itself fails, e.g. a mapping bug) is retried by the broker with back-off;
        // after the last attempt it is recorded as FAILED with its reason and parked in tsw.dead, so it neither
        // blocks the queue nor comes back at every start.
        onException(Exception.class)
                .onWhen(e -> e.getIn().getHeader("JMSXDeliveryCount", 1, Integer.class) >= maxAttempts)
                .handled(true)
                .process(this::failed)
                .to("jms:queue:{{gateway.queue.dead}}?transacted=true");

        from("jms:queue:{{gateway.queue.received}}?transacted=true&concurrentConsumers={{gateway.route.consumers}}")
                .routeId("route")
                .process(e -> {
                    long id = e.getIn().getBody(Long.class);
                    processor.process(id);
                    e.getIn().setBody(release.release(id));
                })
                .split(body())
                    .process(e -> {
                        PendingDelivery d = e.getIn().getBody(PendingDelivery.class);
                        e.getIn().setHeader("tswAgency", d.agency());
                        e.getIn().setBody(d.body());
                    })
                    .toD(Queues.jms(Queues.deliver("${header.tswAgency}")) + "?transacted=true")
                .end();
    }

    private void failed(org.apache.camel.Exchange e) {
        Throwable t = e.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Long id = e.getIn().getBody(Long.class);
        String reason = t == null ? "unknown failure" : t.getClass().getSimpleName() + ": " + t.getMessage();
        if (id != null) {
            store.finished(id, InterchangeState.FAILED, "The gateway could not process this interchange: " + reason);
        }
        log.error("Interchange {} failed after {} attempts and is parked in the dead-letter queue: {}", id, maxAttempts, reason);
        e.getIn().setHeader("tswReason", reason);
        // where an operator's re-drive of this dead letter sends it back to (docs/CONSOLE.md, dead letters)
        e.getIn().setHeader("tswOrigin", Queues.RECEIVED);
    }
}
