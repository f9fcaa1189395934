package hk.tsw.gateway.settings;

import java.time.Duration;

/**
 * The browser console's settings (docs/CONSOLE.md), read once at start: how long a session may stay idle
 * ({@code gateway.console.idleTimeout.minutes}), how long five failed logins lock an account
 * ({@code gateway.console.lockout.minutes}) and the largest file the preflight takes by upload
 * ({@code gateway.console.preflight.max.bytes}).
 */
public record ConsoleSettings(Duration idleTimeout, Duration lockout, long preflightMaxBytes) {

    public static ConsoleSettings from(GatewaySettings s) {
        return new ConsoleSettings(Duration.ofMinutes(s.getLong("gateway.console.idleTimeout.minutes")),
                Duration.ofMinutes(s.getLong("gateway.console.lockout.minutes")),
                s.getLong("gateway.console.preflight.max.bytes"));
    }
}
