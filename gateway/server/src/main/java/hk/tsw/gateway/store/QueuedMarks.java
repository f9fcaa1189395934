package hk.tsw.gateway.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 *
 * <p>After each transaction the writer pauses ({@code gateway.unfinished.queued.marks.pause.ms}, 500 ms by default) so
 * that the marks of the next half second share one commit: at a steady 50 interchanges a second that is one commit
 * for ~25 marks instead of one for every one or two (each commit re-writes the interchange table's touched pages).
 * The pause delays only the mark, never the hand-off or the partner's answer; keep it far below
 * {@code gateway.unfinished.grace.ms} (60 s), after which the sweep would queue an unmarked interchange a second time.
 */
public final class QueuedMarks implements LongConsumer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedMarks.class);
    /** The most ids one transaction marks. */
    static final int BATCH = 500;

    private final Consumer<List<Long>> marker;
    private final long pauseMs;
    private final LinkedBlockingQueue<Long> waiting = new LinkedBlockingQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread writer;
    private volatile boolean closed;

    /** @param pauseMs how long the writer waits after a transaction before it takes the next marks (0: at once) */
    public QueuedMarks(UnfinishedWork work, long pauseMs) {
        this(work::queued, pauseMs);
    }

    /** @param marker writes one transaction's marks ({@link UnfinishedWork#queued(java.util.Collection)}) */
    QueuedMarks(Consumer<List<Long>> marker, long pauseMs) {
        if (pauseMs < 0) {
            throw new IllegalArgumentException("gateway.unfinished.queued.marks.pause.ms must be 0 or more: " + pauseMs);
        }
        this.marker = marker;
        this.pauseMs = pauseMs;
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
                    if (pauseMs > 0 && waiting.size() < BATCH) {
                        closing.await(pauseMs, TimeUnit.MILLISECONDS); // close() ends the pause at once
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Long> ids) {
        try {
            marker.accept(ids);
        } catch (RuntimeException e) {
            // the broker has them: at worst they are queued once more, which costs work, not correctness
            LOG.warn("{} interchanges are queued but their queued_at was not recorded: {}", ids.size(), e.toString());
        }
    }

    /** Stops the writer (never interrupted mid-transaction) and writes the marks still waiting. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        closing.countDown();
        writer.join(5_000);
        List<Long> rest = new ArrayList<>();
        waiting.drainTo(rest);
        for (int i = 0; i < rest.size(); i += BATCH) {
            write(rest.subList(i, Math.min(rest.size(), i + BATCH)));
        }
    }
}
