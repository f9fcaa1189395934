package hk.tsw.gateway.intake;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses intake before the data disk fills up. The message store's payload files, the database and the broker's
 * journal share the data folder's disk; the broker blocks its producers when that disk passes its
 * {@code max-disk-usage}, which would leave a partner's upload or AS2 post hanging with nothing said. So the gateway
 * stops taking new submissions a little earlier ({@code gateway.intake.disk.headroom.percent} below the broker's
 * limit), answers each channel with a clear refusal (nothing stored, nothing acknowledged), lets the work already
 * taken finish, and resumes by itself when usage falls back under the limit. An operator may move the limit at run
 * time ({@code PUT /api/intake/disk-limit}); it then applies to the broker too.
 */
public final class DiskGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiskGuard.class);

    /** What the guard last saw. */
    public record Status(boolean paused, double usedPercent, double brokerLimitPercent, double intakeLimitPercent,
                         long usableBytes, String disk) {
    }

    private final FileStore disk;
    private final Path dir;
    private final double headroom;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private volatile DoubleConsumer brokerLimit = p -> { };
    private volatile double limit;
    private volatile Status status;
    private volatile String stopping;

    /**
     * @param dir              the data folder
     * @param maxUsagePercent  the broker's disk limit (Artemis {@code max-disk-usage})
     * @param headroomPercent  intake pauses this much below it
     * @param checkMillis      how often the disk is looked at
     */
    public DiskGuard(Path dir, double maxUsagePercent, double headroomPercent, long checkMillis) throws IOException {
        this.dir = dir;
        this.disk = Files.getFileStore(dir);
        this.headroom = headroomPercent;
        this.limit = maxUsagePercent;
        this.status = look();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tsw-disk-guard");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        if (status.paused()) {
            LOG.warn("INTAKE PAUSED at start: {}", reason(status));
        }
    }

    /** Called with true when intake pauses and false when it resumes (e.g. to stop polling the SFTP inboxes). */
    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    /** Where a changed limit must also go (the embedded broker's disk monitor). */
    public void brokerLimit(DoubleConsumer setter) {
        this.brokerLimit = setter;
    }

    /** Throws {@link IntakePausedException} when new submissions must not be taken. */
    public void requireRoom() {
        String stop = stopping;
        if (stop != null) {
            throw new IntakePausedException(stop);
        }
        Status s = status;
        if (s.paused()) {
            throw new IntakePausedException(reason(s));
        }
    }

    /** What the guard last saw; paused, whatever the disk, once the node is stopping ({@link #closeForStop}). */
    public Status status() {
        Status s = status;
        return stopping == null || s.paused() ? s : new Status(true, s.usedPercent(), s.brokerLimitPercent(),
                s.intakeLimitPercent(), s.usableBytes(), s.disk());
    }

    /**
     * The node is stopping: from now on every channel refuses new submissions with its retryable answer
     * ({@code reason}), and readiness is DOWN, while what was taken finishes. Not undone: the node stops.
     */
    public void closeForStop(String reason) {
        stopping = reason;
        LOG.warn("INTAKE CLOSED: {}", reason);
        listeners.forEach(l -> l.accept(true));
    }

    /**
     * The drain of a stopping node: {@link #closeForStop} then wait {@code millis} (0: not at all) while what was taken
     * finishes, so a load balancer moves partners to another node and a partner sending meanwhile is told to send
     * again rather than finding the port closed. An interrupt ends the wait.
     */
    public void drainForStop(String reason, long millis) {
        if (millis <= 0) {
            return;
        }
        closeForStop(reason);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #closeForStop} was called. */
    public boolean stopping() {
        return stopping != null;
    }

    /** An operator's change of the broker's disk limit (intake keeps its headroom below it); takes effect at once. */
    public synchronized Status setLimit(double maxUsagePercent) {
        if (!(maxUsagePercent > headroom && maxUsagePercent <= 100)) {
            throw new IllegalArgumentException("the disk limit must be above " + headroom + " and at most 100 percent");
        }
        LOG.warn("Operator changed the disk limit from {}% to {}% (broker {}%, intake pauses at {}%)", limit,
                maxUsagePercent, maxUsagePercent, maxUsagePercent - headroom);
        limit = maxUsagePercent;
        brokerLimit.accept(maxUsagePercent);
        check();
        return status;
    }

    synchronized void check() {
        try {
            boolean was = status.paused();
            status = look();
            if (status.paused() != was) {
                if (status.paused()) {
                    LOG.warn("INTAKE PAUSED: {}; submissions are refused (SFTP files stay in the inbox, AS2 503, "
                            + "SOAP fault INTAKE_PAUSED) until it falls back", reason(status));
                } else {
                    LOG.warn("INTAKE RESUMED: disk {} is {}% used, under the intake limit of {}%", status.disk(),
                            round(status.usedPercent()), status.intakeLimitPercent());
                }
                listeners.forEach(l -> l.accept(status.paused() || stopping != null));
            }
        } catch (RuntimeException | IOException e) {
            LOG.error("The disk guard cannot read disk {}: {}", dir, e.toString());
        }
    }

    private Status look() throws IOException {
        long total = disk.getTotalSpace();
        long usable = disk.getUsableSpace();
        double used = total == 0 ? 0 : 100.0 * (total - usable) / total;
        double intakeLimit = limit - headroom;
        return new Status(used >= intakeLimit, used, limit, intakeLimit, usable, disk.name() + " (" + dir + ")");
    }

    private static String reason(Status s) {
        return "the data disk " + s.disk() + " is " + round(s.usedPercent()) + "% used, above the intake limit of "
                + s.intakeLimitPercent() + "% (broker limit " + s.brokerLimitPercent() + "%; "
                + s.usableBytes() / (1024 * 1024) + " MiB usable); nothing was stored, send again later";
    }

    private static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
