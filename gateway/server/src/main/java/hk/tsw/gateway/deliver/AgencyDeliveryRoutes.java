package hk.tsw.gateway.deliver;

import hk.tsw.gateway.settings.Queues;
import org.apache.camel.builder.RouteBuilder;

/**
 * One route per agency ({@code agency-deliver-ced}, ...): takes a delivery from the agency's queue in a
 * transaction, hands the canonical document to the agency's endpoint with a stable {@code Idempotency-Key}, and
 * records it. A failure is either retried (the transaction rolls back and the broker redelivers with back-off) or
 * dead-lettered with its reason (recorded, copied to {@code tsw.dead}, committed) — never dropped. The route of an
 * agency with a service window is opened and closed by {@link ServiceWindows}.
 */
public final class AgencyDeliveryRoutes extends RouteBuilder {

    private final AgencyRegistry agencies;
    private final DeliveryProcessor processor;
    private final ServiceWindows windows;

    public AgencyDeliveryRoutes(AgencyRegistry agencies, DeliveryProcessor processor) {
        this(agencies, processor, null);
    }

    /** @param windows opens and closes the routes of agencies with a service window (null: none is windowed) */
    public AgencyDeliveryRoutes(AgencyRegistry agencies, DeliveryProcessor processor, ServiceWindows windows) {
        this.agencies = agencies;
        this.processor = processor;
        this.windows = windows;
    }

    /** The id of the agency's delivery route. */
    public static String routeId(String code) {
        return "agency-deliver-" + code.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void configure() {
        onException(Exception.class).onWhen(processor::giveUp).handled(true)
                .process(processor::dead)
                .to("jms:queue:{{gateway.queue.dead}}?transacted=true");
        onException(Exception.class).handled(false).process(processor::retry);

        for (Agency a : agencies.all()) {
            // a windowed agency has one consumer, so what waited goes out in receipt order, and starts closed
            boolean windowed = windows != null && windows.windowed(a.code());
            from(Queues.jms(Queues.deliver(a.code())) + "?transacted=true&concurrentConsumers="
                    + (windowed ? "1" : "{{gateway.delivery.consumers}}"))
                    .routeId(routeId(a.code()))
                    .autoStartup(!windowed)
                    .process(processor::prepare)
                    .to(a.endpoint())
                    .process(processor::delivered);
        }
    }
}
