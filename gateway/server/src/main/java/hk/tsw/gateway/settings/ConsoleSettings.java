package hk.tsw.gateway.settings;

import java.time.Duration;

/**
 * The browser console's settings (docs/CONSOLE.md), read once at start: how long a session may stay idle
 * ({@code gateway.console.idleTimeout.minutes}) and how long five failed logins lock an account
 * ({@code gateway.console.lockout.minutes}).
 */
public record ConsoleSettings(Duration idleTimeout, Duration lockout) {

    public static ConsoleSettings from(GatewaySettings s) {
        return new ConsoleSettings(Duration.ofMinutes(s.getLong("gateway.console.idleTimeout.minutes")),
                Duration.ofMinutes(s.getLong("gateway.console.lockout.minutes")));
    }
}
