package hk.tsw.gateway.deliver;

import java.util.function.Function;

import org.apache.camel.builder.RouteBuilder;

/**
 * One route per agency ({@code agency-deliver-ced}, ...) whose timer runs that agency's
 * {@link AgencyBatchConsumer}: it takes the deliveries waiting in the agency's queue in batches, hands each document
 * to the agency's endpoint with a stable {@code Idempotency-Key}, and records the batch in one store commit and one
 * broker commit. A failure is either retried (recorded, sent back to the agency's queue with back-off) or
 * dead-lettered with its reason (recorded, copied to {@code tsw.dead}) — never dropped. The route of an agency with
 * a service window is opened and closed by {@link ServiceWindows} (suspended, its timer polls nothing).
 * {@code gateway.delivery.consumers} above 1 adds routes {@code agency-deliver-ced-2}, ... for agencies without a
 * window (a windowed agency keeps one, so what waited goes out in receipt order).
 */
public final class AgencyDeliveryRoutes extends RouteBuilder {

    private final AgencyRegistry agencies;
    private final Function<Agency, AgencyBatchConsumer> consumers;
    private final ServiceWindows windows;
    private final int perAgency;

    /**
     * @param consumers makes the batch consumer of one route of an agency (one per route: each holds its session)
     * @param windows   opens and closes the routes of agencies with a service window (null: none is windowed)
     * @param perAgency consumers (routes) per agency without a window
     */
    public AgencyDeliveryRoutes(AgencyRegistry agencies, Function<Agency, AgencyBatchConsumer> consumers,
                                ServiceWindows windows, int perAgency) {
        this.agencies = agencies;
        this.consumers = consumers;
        this.windows = windows;
        this.perAgency = Math.max(1, perAgency);
    }

    /** The id of the agency's (first) delivery route. */
    public static String routeId(String code) {
        return "agency-deliver-" + code.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void configure() {
        for (Agency a : agencies.all()) {
            boolean windowed = windows != null && windows.windowed(a.code());
            int n = windowed ? 1 : perAgency;
            for (int i = 1; i <= n; i++) {
                String id = i == 1 ? routeId(a.code()) : routeId(a.code()) + "-" + i;
                // the consumer's own receive waits for work, so the next poll may follow at once; a timer of its own
                // per route (one thread), which skips its polls while the route is suspended
                from("timer:" + id + "?delay=0&period=1")
                        .routeId(id)
                        .autoStartup(!windowed)
                        .process(consumers.apply(a));
            }
        }
    }
}
