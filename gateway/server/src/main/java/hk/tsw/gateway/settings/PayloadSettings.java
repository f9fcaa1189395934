package hk.tsw.gateway.settings;

import java.time.Duration;

/**
 * The payload files' durability (issue 16), read once at start: whether a write-ahead journal in the node's data
 * folder makes them durable ({@code gateway.payloads.journal.enabled}; false: every file and folder fsynced as it is
 * written) and how long a sealed journal segment waits before its files are forced and it is deleted
 * ({@code gateway.payloads.journal.checkpoint.seconds}, above the kernel's dirty-page expiry so that the files are
 * usually written back by then).
 */
public record PayloadSettings(boolean journal, Duration checkpointAfter) {

    public PayloadSettings {
        if (checkpointAfter.isNegative() || checkpointAfter.isZero()) {
            throw new IllegalArgumentException("gateway.payloads.journal.checkpoint.seconds must be at least 1");
        }
    }

    public static PayloadSettings from(GatewaySettings s) {
        return new PayloadSettings(s.getBoolean("gateway.payloads.journal.enabled"),
                Duration.ofSeconds(s.getLong("gateway.payloads.journal.checkpoint.seconds")));
    }
}
