package hk.tsw.gateway.route;

import java.util.function.Supplier;

import org.apache.camel.builder.RouteBuilder;

/**
 * The route stage's routes ({@code route}, {@code route-2}, ... : {@code gateway.route.consumers} of them), each a
 * timer running its own {@link ReceivedBatchConsumer}: it takes the received interchanges waiting in
 * {@code tsw.received} in batches, translates and routes each, hands one message per agency delivery to that agency's
 * queue, and commits the broker once per batch (a crash before the commit redelivers the batch). A poison interchange
 * is retried with back-off and then recorded FAILED and parked in {@code tsw.dead}, without holding up the others.
 */
public final class RoutingRoute extends RouteBuilder {

    private final Supplier<ReceivedBatchConsumer> consumers;
    private final int count;

    /**
     * @param consumers makes the batch consumer of one route (one per route: each holds its session)
     * @param count     routes (consumers of the received queue)
     */
    public RoutingRoute(Supplier<ReceivedBatchConsumer> consumers, int count) {
        this.consumers = consumers;
        this.count = Math.max(1, count);
    }

    @Override
    public void configure() {
        for (int i = 1; i <= count; i++) {
            String id = i == 1 ? "route" : "route-" + i;
            // the consumer's own receive waits for work, so the next poll may follow at once
            from("timer:" + id + "?delay=0&period=1")
                    .routeId(id)
                    .process(consumers.get());
        }
    }
}
