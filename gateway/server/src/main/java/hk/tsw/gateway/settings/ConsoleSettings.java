package hk.tsw.gateway.settings;

import java.time.Duration;

/**
 * The browser console's settings (docs/CONSOLE.md), read once at start: how long a session may stay idle
 * ({@code gateway.console.idleTimeout.minutes}), how long five failed logins lock an account
 * ({@code gateway.console.lockout.minutes}) and the largest file the preflight takes by upload
 * ({@code gateway.console.preflight.max.bytes}), with how much of a larger upload is read and dropped before the refusal
 * ({@code gateway.console.preflight.max.discard.bytes}); and when the dashboard calls a partner quiet: silent for longer
 * than {@code gateway.console.quiet.factor} × its median interval between submissions over 30 days, and at least
 * {@code gateway.console.quiet.floor.minutes}.
 */
public record ConsoleSettings(Duration idleTimeout, Duration lockout, long preflightMaxBytes,
                              long preflightMaxDiscardBytes, double quietFactor, Duration quietFloor) {

    public ConsoleSettings {
        if (!(quietFactor >= 1) || quietFloor.isNegative()) {
            throw new IllegalArgumentException("gateway.console.quiet.factor must be 1 or more and"
                    + " gateway.console.quiet.floor.minutes 0 or more (got " + quietFactor + " and "
                    + quietFloor.toMinutes() + ")");
        }
    }

    public static ConsoleSettings from(GatewaySettings s) {
        return new ConsoleSettings(Duration.ofMinutes(s.getLong("gateway.console.idleTimeout.minutes")),
                Duration.ofMinutes(s.getLong("gateway.console.lockout.minutes")),
                s.getLong("gateway.console.preflight.max.bytes"),
                s.getLong("gateway.console.preflight.max.discard.bytes"), s.getDouble("gateway.console.quiet.factor"),
                Duration.ofMinutes(s.getLong("gateway.console.quiet.floor.minutes")));
    }
}
