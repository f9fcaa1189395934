package hk.tsw.gateway.settings;

import java.util.Map;

/**
 * The broker link's settings (embedded or external, health checks, recovery, re-queue), read once at start, with the
 * gateway node's broker account ({@code password} from the secrets file, empty when unset) and the agencies' broker
 * passwords ({@code gateway.broker.agency.<code>.password}, agency code to password).
 */
public record BrokerSettings(boolean embedded, String url, String acceptor, int checkMs, int monitorPingMs,
        int monitorTtlMs, int recoveryMs, int requeueMs, String user, String password,
        Map<String, String> agencyPasswords) {

    public static BrokerSettings from(GatewaySettings s) {
        return new BrokerSettings(s.getBoolean("gateway.broker.embedded"), s.get("gateway.broker.url"),
                s.get("gateway.broker.acceptor"), s.getInt("gateway.broker.check.ms"),
                s.getInt("gateway.broker.monitor.ping.ms"), s.getInt("gateway.broker.monitor.ttl.ms"),
                s.getInt("gateway.broker.recovery.ms"), s.getInt("gateway.broker.requeue.ms"),
                s.get("gateway.broker.user"), s.get("gateway.broker.password", ""),
                s.family("gateway.broker.agency.", ".password"));
    }

    /** Never prints the passwords (records print every component). */
    @Override
    public String toString() {
        return "BrokerSettings[embedded=" + embedded + ", url=" + url + ", acceptor=" + acceptor + ", user=" + user + "]";
    }
}
