package hk.tsw.gateway.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import hk.tsw.gateway.settings.GatewaySettings;

/**
 * TEST-ONLY fault injection for the reliability suite, off unless configured:
 * {@code gateway.faults.halt.at} = {@code received} (stored, not yet queued), {@code queued} (queued, not yet
 * acknowledged), {@code acknowledged} (the SFTP file moved out of the inbox, the AS2 MDN sent; not yet translated),
 * {@code mapped} (translated and recorded, answer not yet recorded), {@code forwarded} (an agency
 * accepted a document, the delivery not yet recorded): the JVM halts there (like a power cut: no shutdown hooks),
 * once, at the {@code gateway.faults.halt.after}-th time the point is passed. {@code gateway.faults.poison.marker}:
 * an interchange containing this text makes the translate stage throw (a poison message). The gateway logs a
 * warning at start when any of them is set.
 */
public final class Faults {

    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);
    private static volatile String haltAt = "";
    private static volatile int haltAfter = 1;
    private static volatile String poisonMarker = "";
    private static final java.util.concurrent.atomic.AtomicInteger PASSED = new java.util.concurrent.atomic.AtomicInteger();

    private Faults() {
    }

    static void configure(GatewaySettings s) {
        haltAt = s.get("gateway.faults.halt.at", "");
        haltAfter = Integer.parseInt(s.get("gateway.faults.halt.after", "1"));
        poisonMarker = s.get("gateway.faults.poison.marker", "");
        PASSED.set(0);
        if (!haltAt.isEmpty() || !poisonMarker.isEmpty()) {
            LOG.warn("TEST-ONLY FAULT INJECTION IS ON: halt at '{}' (after {}), poison marker '{}'", haltAt, haltAfter,
                    poisonMarker);
        }
    }

    /** Halts the JVM if this is the configured point and its turn has come. */
    public static void point(String name) {
        if (name.equals(haltAt) && PASSED.incrementAndGet() == haltAfter) {
            LOG.warn("TEST-ONLY FAULT INJECTION: halting the JVM at '{}'", name);
            Runtime.getRuntime().halt(137);
        }
    }

    /** Throws if the content carries the configured poison marker. */
    public static void poison(byte[] content) {
        if (!poisonMarker.isEmpty() && new String(content, java.nio.charset.StandardCharsets.ISO_8859_1).contains(poisonMarker)) {
            throw new IllegalStateException("injected poison message (gateway.faults.poison.marker)");
        }
    }
}
