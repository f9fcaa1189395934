package hk.tsw.gateway.deliver;

import hk.tsw.gateway.settings.Queues;
import org.apache.camel.builder.RouteBuilder;

/**
 * One route per agency ({@code agency-deliver-ced}, ...): takes a delivery from the agency's queue in a
 * transaction, hands the canonical document to the agency's endpoint with a stable {@code Idempotency-Key}, and
 * records it. A failure is either retried (the transaction rolls back and the broker redelivers with back-off) or
 * dead-lettered with its reason (recorded, copied to {@code tsw.dead}, committed) — never dropped.
 */
public final class AgencyDeliveryRoutes extends RouteBuilder {

    private final AgencyRegistry agencies;
    private final DeliveryProcessor processor;

    public AgencyDeliveryRoutes(AgencyRegistry agencies, DeliveryProcessor processor) {
        this.agencies = agencies;
        this.processor = processor;
    }

    @Override
    public void configure() {
        onException(Exception.class).onWhen(processor::giveUp).handled(true)
                .process(processor::dead)
                .to("jms:queue:{{gateway.queue.dead}}?transacted=true");
        onException(Exception.class).handled(false).process(processor::retry);

        for (Agency a : agencies.all()) {
            from(Queues.jms(Queues.deliver(a.code())) + "?transacted=true&concurrentConsumers={{gateway.delivery.consumers}}")
                    .routeId("agency-deliver-" + a.code().toLowerCase())
                    .process(processor::prepare)
                    .to(a.endpoint())
                    .process(processor::delivered);
        }
    }
}
