package hk.tsw.gateway.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records hand-offs the broker took ({@link UnfinishedWork#queued}) on one background thread, all that are waiting
 * in one transaction, instead of one commit on the channel's thread per interchange before the partner is answered.
 *
 * <p>Why that is safe: {@code queued_at} only tells the unfinished-work sweep and a node's start what the broker already
 * has; it promises the partner nothing. A mark not yet written when the node dies makes its interchange look
 * unqueued, so it is queued once more (at that node's start, or by the sweep of another node): the same harmless
 * second copy as a node killed between the broker's taking it and its recording, which the route stage already
 * handles idempotently (see {@code UnfinishedSweep}). A live node's marks are written within moments, far inside the
 * sweep's grace period. {@link #close} writes what is left.
 */
public final class QueuedMarks implements LongConsumer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedMarks.class);
    /** The most ids one transaction marks. */
    static final int BATCH = 500;

    private final UnfinishedWork work;
    private final LinkedBlockingQueue<Long> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    public QueuedMarks(UnfinishedWork work) {
        this.work = work;
        this.writer = new Thread(this::writeUntilClosed, "tsw-queued-marks");
        writer.setDaemon(true);
        writer.start();
    }

    /** Marks the interchange queued soon, on the writer's thread. */
    @Override
    public void accept(long interchangeId) {
        waiting.add(interchangeId);
    }

    private void writeUntilClosed() {
        while (!closed) {
            try {
                Long first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Long> ids = new ArrayList<>();
                    ids.add(first);
                    waiting.drainTo(ids, BATCH - 1);
                    write(ids);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Long> ids) {
        try {
            work.queued(ids);
        } catch (RuntimeException e) {
            // the broker has them: at worst they are queued once more, which costs work, not correctness
            LOG.warn("{} interchanges are queued but their queued_at was not recorded: {}", ids.size(), e.toString());
        }
    }

    /** Stops the writer (never interrupted mid-transaction) and writes the marks still waiting. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        writer.join(5_000);
        List<Long> rest = new ArrayList<>();
        waiting.drainTo(rest);
        for (int i = 0; i < rest.size(); i += BATCH) {
            write(rest.subList(i, Math.min(rest.size(), i + BATCH)));
        }
    }
}
