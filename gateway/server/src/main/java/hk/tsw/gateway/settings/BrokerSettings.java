package hk.tsw.gateway.settings;

/** The broker link's settings (embedded or external, health checks, recovery, re-queue), read once at start. */
public record BrokerSettings(boolean embedded, String url, String acceptor, int checkMs, int monitorPingMs,
        int monitorTtlMs, int recoveryMs, int requeueMs) {

    public static BrokerSettings from(GatewaySettings s) {
        return new BrokerSettings(s.getBoolean("gateway.broker.embedded"), s.get("gateway.broker.url"),
                s.get("gateway.broker.acceptor"), s.getInt("gateway.broker.check.ms"),
                s.getInt("gateway.broker.monitor.ping.ms"), s.getInt("gateway.broker.monitor.ttl.ms"),
                s.getInt("gateway.broker.recovery.ms"), s.getInt("gateway.broker.requeue.ms"));
    }
}
