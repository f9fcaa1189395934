package hk.tsw.gateway.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import hk.tsw.gateway.store.UnfinishedWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The singleton {@code unfinished-sweep} (docs/CLUSTER.md): re-queues interchanges that were recorded but never handed
 * to the broker when the node that recorded them is dead (the database says so: its node lock is free), and those of
 * a live node that waited longer than the grace period (its hand-off keeps failing, e.g. its broker link is down while
 * ours is up). Work the broker already took is not the sweep's: the broker gives a dead consumer's messages to another.
 *
 * <p>What may be queued twice, and why that is harmless: an interchange the broker took just before its node died,
 * before {@code queued_at} was written; one whose live node hands it off at the moment the grace period ends; one the
 * restarted node re-queues at its start while the sweep does too. The route stage is idempotent per interchange (its
 * end state is checked first, each delivery is created once, released with the broker's duplicate id), so a second
 * copy costs a translation, never a second delivery.
 */
public final class UnfinishedSweep implements AutoCloseable {

    /** Whether a node is alive, by the database's lock ({@link hk.tsw.gateway.store.SingletonElector#alive}). */
    public interface Liveness {
        boolean alive(String node) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(UnfinishedSweep.class);
    private static final int BATCH = 500;

    private final UnfinishedWork work;
    private final Liveness nodes;
    private final BooleanSupplier here;
    private final LongConsumer requeue;
    private final long graceMs;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tsw-unfinished-sweep");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param here    whether this node holds the singleton now (asked before each round)
     * @param requeue hands an interchange to the received queue (throws when the broker cannot take it)
     */
    public UnfinishedSweep(UnfinishedWork work, Liveness nodes, BooleanSupplier here, LongConsumer requeue,
                           long graceMs, Clock clock) {
        this.work = work;
        this.nodes = nodes;
        this.here = here;
        this.requeue = requeue;
        this.graceMs = graceMs;
        this.clock = clock;
    }

    public void start(long everyMs) {
        timer.scheduleWithFixedDelay(this::sweepQuietly, everyMs, everyMs, TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("Unfinished-work sweep failed, trying again at the next round: {}", e.toString());
        }
    }

    /** One round (when this node holds the singleton): the ids it re-queued, oldest first. */
    public List<Long> sweep() {
        List<Long> done = new ArrayList<>();
        if (!here.getAsBoolean()) {
            return done;
        }
        Instant overdue = clock.instant().minusMillis(graceMs);
        Map<String, Boolean> alive = new HashMap<>();
        for (UnfinishedWork.Unqueued u : work.unqueued(BATCH)) {
            boolean dead;
            try {
                dead = !alive(alive, u.receivedBy());
            } catch (SQLException e) {
                // not knowing is not dead: leave it to the next round
                LOG.warn("Unfinished-work sweep: cannot tell whether node {} is alive ({}); next round", u.receivedBy(),
                        e.toString());
                return done;
            }
            boolean late = u.receivedAt().isBefore(overdue);
            if (!dead && !late) {
                continue;
            }
            if (!here.getAsBoolean()) {
                return done; // lost the singleton during the round: the new holder goes on
            }
            try {
                requeue.accept(u.id());
            } catch (RuntimeException e) {
                LOG.warn("Unfinished-work sweep: interchange {} cannot be queued now ({}); next round", u.id(), e.toString());
                return done;
            }
            done.add(u.id());
            LOG.info("Re-queued interchange {} recorded by {} at {}: {}", u.id(), u.receivedBy(), u.receivedAt(),
                    dead ? "that node is dead" : "its hand-off waited over " + graceMs + " ms");
        }
        return done;
    }

    private boolean alive(Map<String, Boolean> known, String node) throws SQLException {
        if (node == null) {
            return false;
        }
        Boolean a = known.get(node);
        if (a == null) {
            a = nodes.alive(node);
            known.put(node, a);
        }
        return a;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
