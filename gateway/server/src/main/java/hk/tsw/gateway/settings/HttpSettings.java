package hk.tsw.gateway.settings;

/**
 * The HTTP listener's settings (API, health, metrics), read once at start: where it listens, its TLS key store (empty:
 * plain HTTP) and password (secrets file), whether plain HTTP beyond loopback is allowed, and how long the database
 * health check waits.
 */
public record HttpSettings(String host, int port, String tlsKeystore, String tlsPassword,
        boolean allowPlainOnNonLoopback, long databaseHealthTimeoutMs) {

    /** The switch that allows plain HTTP on a non-loopback address (behind a TLS-terminating proxy). */
    public static final String ALLOW_PLAIN = "gateway.http.allowPlainHttpOnNonLoopback";

    public static HttpSettings from(GatewaySettings s) {
        return new HttpSettings(s.get("gateway.http.host"), s.getInt("gateway.http.port"),
                s.get("gateway.http.tls.keystore"), s.get("gateway.http.tls.password", ""), s.getBoolean(ALLOW_PLAIN),
                s.getLong("gateway.health.database.timeout.ms"));
    }

    /** Never prints the key store's password (records print every component). */
    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", tlsKeystore=" + tlsKeystore + "]";
    }
}
