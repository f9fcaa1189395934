package hk.tsw.gateway.intake.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The event path of SFTP intake ({@code gateway.sftp.event.intake}): a file the partner finished on this node (its
 * write handle closed without error, or a {@code .part} renamed to its final name; see {@link SftpServer#takeCompleted})
 * is taken at once, without the poller's settle time. The SFTP server already holds the file's claim
 * ({@link SftpInboxClaim}) when it hands the file over; it is taken as the poller takes it (read, {@code receiver},
 * moved to {@code processed/<yyyyMMdd>/<name>.<id>}: the partner's acknowledgement) and the claim is released. When
 * the receiver refuses (broker unreachable, disk guard paused) or anything fails, the file stays in the inbox and the
 * poller, the safety net, takes it later. Runs on its own threads, never on an SSHD thread.
 */
public final class SftpEventIntake implements java.util.function.BiConsumer<String, Path>, AutoCloseable {

    /** Records a file as received, durably; when it returns the partner may be acknowledged. */
    @FunctionalInterface
    public interface Receiver {
        void receive(String partner, String fileName, byte[] content);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SftpEventIntake.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Receiver receiver;
    private final ExecutorService threads;

    public SftpEventIntake(Receiver receiver, int threadCount) {
        this.receiver = receiver;
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "sftp-event-intake-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes {@code file} (claimed by the caller) of {@code partner} on this path's threads. */
    @Override
    public void accept(String partner, Path file) {
        try {
            threads.execute(() -> take(partner, file));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            releaseQuietly(file);
        }
    }

    private void take(String partner, Path file) {
        MDC.put("partner", partner);
        try {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException gone) {
                return;
            }
            String name = file.getFileName().toString();
            receiver.receive(partner, name, content);
            Path day = file.getParent().resolveSibling("processed").resolve(LocalDate.now().format(DAY));
            Files.createDirectories(day);
            Files.move(file, day.resolve(name + "." + UUID.randomUUID()));
            hk.tsw.gateway.settings.FaultPoints.installed().halt("acknowledged");
        } catch (IOException | RuntimeException e) {
            LOG.warn("SFTP upload {} of {} not taken at once, left for the inbox poller: {}", file.getFileName(),
                    partner, e.toString());
        } finally {
            releaseQuietly(file);
            MDC.remove("partner");
        }
    }

    private static void releaseQuietly(Path file) {
        try {
            SftpInboxClaim.release(file);
        } catch (IOException e) {
            LOG.error("cannot remove the claim on {}: the poller skips the file until the gateway restarts",
                    file, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(30, TimeUnit.SECONDS);
    }
}
