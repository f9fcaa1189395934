package hk.tsw.gateway.settings;

/**
 * The deliver stage's settings (attempts, consumers, HTTP timeout, broker redelivery, re-drive, batches per agency, how
 * often the agencies' service windows are checked), read once at start.
 */
public record DeliverSettings(int maxAttempts, int consumers, long httpTimeoutMs, long redeliveryDelayMs,
        double redeliveryMultiplier, long redeliveryMaxDelayMs, long redriveReceiveTimeoutMs, int batchMax,
        long batchWindowMs, long windowCheckMs) {

    public static DeliverSettings from(GatewaySettings s) {
        return new DeliverSettings(s.getInt("gateway.delivery.max.attempts"), s.getInt("gateway.delivery.consumers"),
                s.getLong("gateway.delivery.http.timeout.ms"), s.getLong("gateway.delivery.redelivery.delay.ms"),
                s.getDouble("gateway.delivery.redelivery.multiplier"),
                s.getLong("gateway.delivery.redelivery.max.delay.ms"), s.getLong("gateway.redrive.receive.timeout.ms"),
                Math.max(1, s.getInt("gateway.delivery.batch.max")), s.getLong("gateway.delivery.batch.window.ms"),
                s.getLong("gateway.agency.window.check.ms"));
    }

    /** How long a delivery whose {@code attempt}-th attempt failed waits before the next: back-off, capped. */
    public long retryDelayMs(int attempt) {
        double d = redeliveryDelayMs * Math.pow(redeliveryMultiplier, Math.max(0, attempt - 1));
        return (long) Math.min(redeliveryMaxDelayMs, d);
    }
}
