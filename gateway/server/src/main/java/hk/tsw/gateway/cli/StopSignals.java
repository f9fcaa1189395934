package hk.tsw.gateway.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a long-lived command until SIGTERM or SIGINT, then stops it cleanly and lets the command return 0: the JVM's
 * default answer to those signals is to run the shutdown hooks and exit 143 (130), which systemd and other supervisors
 * report as a failure although the stop was clean. Other ways the JVM ends (SIGHUP, System.exit elsewhere) still close
 * the work, by a shutdown hook.
 */
final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    /** Blocks until SIGTERM/SIGINT (or JVM shutdown), runs {@code close} once, and returns when it is done. */
    static void awaitStop(Runnable close) {
        CountDownLatch signalled = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable closeOnce = () -> {
            if (closed.compareAndSet(false, true)) {
                close.run();
            }
        };
        for (String name : new String[]{"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> signalled.countDown());
            } catch (IllegalArgumentException e) {
                LOG.debug("signal {} cannot be handled here: {}", name, e.toString());
            }
        }
        Thread hook = new Thread(() -> {
            closeOnce.run();
            signalled.countDown();
        }, "tsw-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            signalled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeOnce.run();
    }
}
