package hk.tsw.gateway.settings;

import java.util.ServiceLoader;

/**
 * Test hooks at the points where a crash can fall (the reliability suite halts the gateway there). The product ships
 * only the no-op: every call returns at once. The halting implementation lives in gateway/test-support
 * ({@code hk.tsw.gateway.testsupport.HaltingFaultPoints}) and is found by {@link ServiceLoader} only when a test puts
 * that jar on the class path; then it reads {@code gateway.faults.*} from the settings and says so in the log.
 * Points: {@code received} (stored, not yet queued), {@code handed-off} (the broker took it, its {@code queued_at}
 * not yet recorded), {@code queued} (queued, not yet acknowledged),
 * {@code acknowledged} (the SFTP file moved out of the inbox, the AS2 MDN sent; not yet translated), {@code mapped}
 * (translated and recorded, answer not yet recorded), {@code forwarded} (an agency accepted a document, the delivery
 * not yet recorded).
 */
public interface FaultPoints {

    /** Reads the implementation's settings; called once at start. */
    default void configure(GatewaySettings settings) {
    }

    /** The named point is passed; an implementation may halt the JVM here. */
    default void halt(String point) {
    }

    /** An interchange enters the translate stage; an implementation may throw to make it a poison message. */
    default void poison(byte[] content) {
    }

    /** The installed fault points: the first found on the class path, else the no-op. */
    static FaultPoints installed() {
        return Installed.POINTS;
    }

    /** Loads once, on first use. */
    final class Installed {
        private static final FaultPoints POINTS = ServiceLoader.load(FaultPoints.class).findFirst()
                .orElse(new FaultPoints() {
                });

        private Installed() {
        }
    }
}
