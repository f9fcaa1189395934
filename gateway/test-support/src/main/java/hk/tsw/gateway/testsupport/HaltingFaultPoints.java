package hk.tsw.gateway.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hk.tsw.gateway.settings.FaultPoints;
import hk.tsw.gateway.settings.GatewaySettings;

/**
 * TEST-ONLY fault injection for the reliability suite, found by {@link java.util.ServiceLoader} when this jar is on
 * the gateway's class path ({@link GatewayProcess} puts it there), off unless configured:
 * {@code gateway.faults.halt.at} = one of the points of {@link FaultPoints}: the JVM halts there (like a power cut: no
 * shutdown hooks), once, at the {@code gateway.faults.halt.after}-th time the point is passed.
 * {@code gateway.faults.poison.marker}: an interchange containing this text makes the translate stage throw (a poison
 * message). The gateway logs a warning at start when any of them is set.
 */
public final class HaltingFaultPoints implements FaultPoints {

    private static final Logger LOG = LoggerFactory.getLogger(HaltingFaultPoints.class);
    private volatile String haltAt = "";
    private volatile int haltAfter = 1;
    private volatile String poisonMarker = "";
    private final AtomicInteger passed = new AtomicInteger();

    @Override
    public void configure(GatewaySettings s) {
        haltAt = s.get("gateway.faults.halt.at", "");
        haltAfter = Integer.parseInt(s.get("gateway.faults.halt.after", "1"));
        poisonMarker = s.get("gateway.faults.poison.marker", "");
        passed.set(0);
        if (!haltAt.isEmpty() || !poisonMarker.isEmpty()) {
            LOG.warn("TEST-ONLY FAULT INJECTION IS ON: halt at '{}' (after {}), poison marker '{}'", haltAt, haltAfter,
                    poisonMarker);
        }
    }

    /** Halts the JVM if this is the configured point and its turn has come. */
    @Override
    public void halt(String point) {
        if (point.equals(haltAt) && passed.incrementAndGet() == haltAfter) {
            LOG.warn("TEST-ONLY FAULT INJECTION: halting the JVM at '{}'", point);
            Runtime.getRuntime().halt(137);
        }
    }

    /** Throws if the content carries the configured poison marker. */
    @Override
    public void poison(byte[] content) {
        if (!poisonMarker.isEmpty() && new String(content, StandardCharsets.ISO_8859_1).contains(poisonMarker)) {
            throw new IllegalStateException("injected poison message (gateway.faults.poison.marker)");
        }
    }
}
