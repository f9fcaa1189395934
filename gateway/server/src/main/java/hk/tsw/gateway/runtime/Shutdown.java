package hk.tsw.gateway.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops one part of the gateway at shutdown; a failure is logged with what was stopping and the next part still stops. */
final class Shutdown {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntime.class);

    private Shutdown() {
    }

    /** Closes {@code part} unless it is null (never started); logs, and does not throw, when closing fails. */
    static void quietly(String what, AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("{}: {}", what, e.toString());
        }
    }
}
