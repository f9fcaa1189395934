package hk.tsw.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-ahead journal that makes payload files durable (issue 16): a unit's payloads are appended to the node's
 * current segment and forced once ({@code fdatasync}), and only then written to their content-addressed files by temp
 * file and atomic rename, without any fsync of file or folder. A segment rolls over at {@link #SEGMENT_BYTES} or when
 * older than the checkpoint age; a sealed one older than that age (by then the kernel has written the files back) is
 * checkpointed in the background: each file it names forced, then their folders, then the segment deleted. At start
 * {@link JournalRecovery} replays the segments a crash left. Payloads over {@link #MAX_RECORD} bypass the journal.
 *
 * <p>The journal lives in the node's own data folder, never in the payload folder a cluster shares (docs/CLUSTER.md).
 */
public final class PayloadJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadJournal.class);

    /** The largest payload journaled; a bigger one is fsynced in its own file (a journal must not double 100 MB). */
    static final int MAX_RECORD = 1 << 20;
    /** A segment rolls over past this size. */
    static final long SEGMENT_BYTES = 64L << 20;

    private final Path dir;
    private final Path payloads;
    private final long checkpointAfterNanos;
    private final JournalFiles.Forcer forcer;
    private final Object lock = new Object();
    private final List<JournalSegment> sealed = new ArrayList<>();
    private JournalSegment current;
    private long sequence;
    private ScheduledExecutorService checkpointer;

    private PayloadJournal(Path dir, Path payloads, Duration checkpointAfter, JournalFiles.Forcer forcer, long next) {
        this.dir = dir;
        this.payloads = payloads;
        this.checkpointAfterNanos = checkpointAfter.toNanos();
        this.forcer = forcer;
        this.sequence = next;
    }

    /**
     * Opens the journal in {@code dir} for the payload folder {@code payloads}: first recovers what a previous run left
     * there, then checkpoints in the background every quarter of {@code checkpointAfter}.
     */
    public static PayloadJournal open(Path dir, Path payloads, Duration checkpointAfter) throws IOException {
        PayloadJournal j = openQuiet(dir, payloads, checkpointAfter, JournalFiles.FSYNC);
        long every = Math.max(1000, checkpointAfter.toMillis() / 4);
        j.checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "payload-journal-checkpoint");
            t.setDaemon(true);
            return t;
        });
        j.checkpointer.scheduleWithFixedDelay(() -> {
            try {
                j.checkpoint(false);
            } catch (RuntimeException e) { // a pass that throws must not end the schedule
                LOG.warn("payload journal: checkpoint pass failed (tried again later): {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return j;
    }

    /** Recovers and opens without the background checkpoint (tests run it by {@link #checkpoint}). */
    static PayloadJournal openQuiet(Path dir, Path payloads, Duration checkpointAfter, JournalFiles.Forcer forcer)
            throws IOException {
        boolean created = !Files.isDirectory(dir);
        Files.createDirectories(dir);
        if (created && dir.getParent() != null) {
            PayloadFiles.forceFolder(dir.getParent());
        }
        JournalRecovery.recover(dir, payloads, forcer);
        return new PayloadJournal(dir, payloads, checkpointAfter, forcer, System.currentTimeMillis() * 1000);
    }

    /** A new unit of writes. */
    JournalUnit unit() {
        return new JournalUnit(this);
    }

    void append(JournalUnit unit, String sha, byte[] content) {
        synchronized (lock) {
            try {
                if (current == null || current.written() >= SEGMENT_BYTES || current.failed()) {
                    rollLocked();
                    current = JournalSegment.create(dir.resolve(String.format("%019d", sequence++)
                            + JournalRecovery.SUFFIX));
                    PayloadFiles.forceFolder(dir); // the segment's name survives a crash before its first checkpoint
                }
                long end = current.append(sha, content);
                if (unit.appended(current, end)) {
                    current.inflight++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot journal payload " + sha, e);
            }
        }
    }

    /** A unit is done with these segments. */
    void release(Collection<JournalSegment> segments) {
        synchronized (lock) {
            segments.forEach(s -> s.inflight--);
        }
    }

    /** Seals the current segment (the next append starts a new one). */
    void roll() {
        synchronized (lock) {
            rollLocked();
        }
    }

    private void rollLocked() {
        if (current != null) {
            current.seal();
            sealed.add(current);
            current = null;
        }
    }

    /**
     * One checkpoint pass: rolls the current segment over when it is older than the checkpoint age, then checkpoints
     * every sealed segment no unit still uses and sealed longer ago than that age ({@code all}: whatever its age).
     * Returns how many segments it deleted; one that fails is kept (WARN) and tried again by the next pass.
     */
    int checkpoint(boolean all) {
        List<JournalSegment> due = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (lock) {
            if (current != null && (all || now - current.openedNanos >= checkpointAfterNanos)) {
                rollLocked();
            }
            for (JournalSegment s : sealed) {
                if (s.inflight == 0 && (all || now - s.sealedNanos >= checkpointAfterNanos)) {
                    due.add(s);
                }
            }
        }
        int deleted = 0;
        for (JournalSegment s : due) {
            try {
                JournalRecovery.checkpoint(s, payloads, forcer);
                synchronized (lock) {
                    sealed.remove(s);
                }
                deleted++;
                LOG.debug("payload journal: checkpointed {} ({} payload(s))", s.file.getFileName(), s.shas().size());
            } catch (RuntimeException e) {
                LOG.warn("payload journal: cannot checkpoint {} (kept, tried again later): {}", s.file.getFileName(),
                        e.getMessage());
            }
        }
        return deleted;
    }

    /** The segments not yet checkpointed (the current one included). */
    int segments() {
        synchronized (lock) {
            return sealed.size() + (current == null ? 0 : 1);
        }
    }

    Path dir() {
        return dir;
    }

    /** Stops the background checkpoint and checkpoints every segment no unit still uses: a clean stop leaves none. */
    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.shutdownNow();
            try {
                checkpointer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        checkpoint(true);
    }

    @Override
    public String toString() {
        return "payload journal " + dir;
    }
}
