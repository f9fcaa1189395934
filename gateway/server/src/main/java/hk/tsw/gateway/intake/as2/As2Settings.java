package hk.tsw.gateway.intake.as2;

import hk.tsw.gateway.settings.GatewaySettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The AS2 channel's settings ({@code gateway.as2.*}; defaults in {@code gateway-defaults.properties}), read once at
 * start: whether the channel runs, identity and keys, the listener and its caps, outbound retries, the duplicate
 * window. The TLS password comes from the secrets file (empty: none).
 */
public record As2Settings(boolean enabled, String id, Path keyDir, Duration certificateWarning, String host,
                          int port, String path, int threads, long maxBodyBytes, long maxDiscardBytes, String tlsKeystore, String tlsPassword,
                          Duration outboundPoll, int outboundMaxAttempts, Duration outboundRetryDelay,
                          Duration outboundRetryMaxDelay, Duration httpTimeout, Duration duplicateWindow) {

    public static As2Settings from(GatewaySettings s) {
        return new As2Settings(s.getBoolean("gateway.as2.enabled"), s.get("gateway.as2.id"),
                s.path("gateway.as2.key.dir"),
                Duration.ofDays(s.getInt("gateway.as2.certificate.warn.days")), s.get("gateway.as2.host"),
                s.getInt("gateway.as2.port"), s.get("gateway.as2.path"), s.getInt("gateway.as2.threads"),
                s.getLong("gateway.as2.max.body.bytes"), s.getLong("gateway.as2.max.discard.bytes"),
                s.get("gateway.as2.tls.keystore"), s.get("gateway.as2.tls.password", ""),
                Duration.ofMillis(s.getLong("gateway.as2.outbound.poll.ms")), s.getInt("gateway.as2.outbound.max.attempts"),
                Duration.ofMillis(s.getLong("gateway.as2.outbound.retry.delay.ms")),
                Duration.ofMillis(s.getLong("gateway.as2.outbound.retry.max.delay.ms")),
                Duration.ofMillis(s.getLong("gateway.as2.http.timeout.ms")),
                Duration.ofDays(s.getLong("gateway.duplicate.window.days")));
    }

    /** Never prints the TLS password (records print every component). */
    @Override
    public String toString() {
        return "As2Settings[id=" + id + ", " + host + ":" + port + path + ", enabled=" + enabled + "]";
    }
}
