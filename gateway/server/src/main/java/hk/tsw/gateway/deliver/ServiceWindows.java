package hk.tsw.gateway.deliver;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.RouteController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and closes agencies by their {@link ServiceWindow}s: every {@code checkMs} the clock is read, and the delivery
 * route of an agency that is closed is suspended (its deliveries stay in its durable queue {@code tsw.deliver.<CODE>}
 * in receipt order, no attempt is made or counted), that of an agency open again resumed (the one consumer takes them
 * in order). A windowed agency's route is not started with the others: the first check starts it when the agency is
 * open. A delivery already handed to the agency when the window begins completes (at most one check late). Other
 * agencies have their own queues and routes and are never held up. Gauges: {@code tsw.agency.open{agency}} (1 open,
 * 0 closed) and {@code tsw.agency.waiting{agency}} (deliveries in the agency's queue).
 */
public final class ServiceWindows implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceWindows.class);

    /**
     * What an operator sees of one agency: whether it is open, its window, when that next opens or closes it (null:
     * not within 31 days, or no window), and what waits for it (-1: unknown).
     */
    public record Status(String code, String name, boolean open, String window, java.time.Instant changesAt,
                         long waiting) {
    }

    private final AgencyRegistry agencies;
    private final Clock clock;
    private final long checkMs;
    private final Supplier<Map<String, Long>> depths;
    private final Map<String, Boolean> open = new ConcurrentHashMap<>();
    private final java.util.Set<String> announced = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tsw-service-windows");
        t.setDaemon(true);
        return t;
    });
    private volatile CamelContext camel;
    private volatile Map<String, Long> lastDepths = Map.of();
    private volatile long lastDepthsAt;

    /** @param depths the broker's queue depths by queue name (may throw while the broker cannot be asked) */
    public ServiceWindows(AgencyRegistry agencies, Clock clock, long checkMs, Supplier<Map<String, Long>> depths) {
        this.agencies = agencies;
        this.clock = clock;
        this.checkMs = checkMs;
        this.depths = depths;
        for (Agency a : agencies.all()) {
            open.put(a.code(), agencies.window(a.code()).map(w -> !w.closedAt(clock.instant())).orElse(true));
        }
    }

    /** True when the agency's route must not start with the others (it has a window; the first check starts it). */
    public boolean windowed(String code) {
        return agencies.window(code).isPresent();
    }

    /** Registers the gauges, checks once now, then every {@code checkMs}. */
    public void start(CamelContext context) {
        this.camel = context;
        MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            for (Agency a : agencies.all()) {
                Gauge.builder("tsw.agency.open", this, w -> w.isOpen(a.code()) ? 1 : 0).tag("agency", a.code())
                        .description("1 while the agency is open, 0 during its service window").register(meters);
                Gauge.builder("tsw.agency.waiting", this, w -> w.waiting(a.code())).tag("agency", a.code())
                        .description("deliveries waiting in the agency's queue").register(meters);
            }
        }
        check();
        timer.scheduleWithFixedDelay(this::check, checkMs, checkMs, TimeUnit.MILLISECONDS);
    }

    public boolean isOpen(String code) {
        return open.getOrDefault(code, true);
    }

    /** Every agency, open or closed, with its window and what waits for it. */
    public List<Status> status() {
        List<Status> all = new ArrayList<>();
        for (Agency a : agencies.all()) {
            ServiceWindow w = agencies.window(a.code()).orElse(null);
            all.add(new Status(a.code(), a.name(), isOpen(a.code()), w == null ? null : w.text(),
                    w == null ? null : w.nextChange(clock.instant()), (long) waiting(a.code())));
        }
        return all;
    }

    /** Reads the clock and opens or closes each windowed agency's route; never throws (the next check retries). */
    void check() {
        for (Agency a : agencies.all()) {
            ServiceWindow w = agencies.window(a.code()).orElse(null);
            if (w == null) {
                continue;
            }
            try {
                boolean nowOpen = !w.closedAt(clock.instant());
                Boolean before = open.put(a.code(), nowOpen);
                apply(a.code(), nowOpen);
                if (announced.add(a.code()) || before == null || before != nowOpen) {
                    LOG.info(nowOpen ? "Agency {} is open: the deliveries waiting for it go out in receipt order"
                            : "Agency {} is closed by its service window {}: its deliveries wait in its queue",
                            a.code(), w.text());
                }
            } catch (Exception e) {
                LOG.warn("Service window of agency {}: {}", a.code(), e.toString());
            }
        }
    }

    private void apply(String code, boolean nowOpen) throws Exception {
        if (camel == null) {
            return;
        }
        RouteController routes = camel.getRouteController();
        String id = AgencyDeliveryRoutes.routeId(code);
        ServiceStatus status = routes.getRouteStatus(id);
        if (status == null) {
            return;
        }
        if (nowOpen && status.isSuspended()) {
            routes.resumeRoute(id);
        } else if (nowOpen && status.isStopped()) {
            routes.startRoute(id);
        } else if (!nowOpen && status.isStarted()) {
            routes.suspendRoute(id);
        }
    }

    /** The deliveries in the agency's queue (waiting or being handed over), at most {@code checkMs} old; -1 unknown. */
    double waiting(String code) {
        long now = System.nanoTime();
        if (now - lastDepthsAt > TimeUnit.MILLISECONDS.toNanos(checkMs)) {
            try {
                lastDepths = depths.get();
                lastDepthsAt = now;
            } catch (RuntimeException e) {
                return -1;
            }
        }
        Long n = lastDepths.get("tsw.deliver." + code);
        return n == null ? 0 : n;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
