package hk.tsw.gateway.settings;

import java.util.Map;

/**
 * The broker link's settings (embedded or external, health checks, recovery, re-queue), read once at start, with the
 * gateway node's broker account ({@code password} from the secrets file, empty when unset) and the agencies' broker
 * passwords ({@code gateway.broker.agency.<code>.password}, agency code to password); for {@code tsw-gateway.jar broker},
 * its role in a primary/backup pair ({@code none}, {@code primary}, {@code backup}), its own and its peer's connector
 * URLs, and its TLS key store (PKCS#12, empty for plain TCP) with the key store's password from the secrets file.
 * {@code startWaitMs}: how long a starting node waits for a broker it cannot reach yet before it gives up.
 */
public record BrokerSettings(boolean embedded, String url, String acceptor, int checkMs, int startWaitMs,
        int monitorPingMs, int monitorTtlMs, int recoveryMs, int requeueMs, String user, String password,
        Map<String, String> agencyPasswords, String haRole, String haConnector, String haPeer, String tlsKeystore,
        String tlsPassword) {

    public static BrokerSettings from(GatewaySettings s) {
        return new BrokerSettings(s.getBoolean("gateway.broker.embedded"), s.get("gateway.broker.url"),
                s.get("gateway.broker.acceptor"), s.getInt("gateway.broker.check.ms"),
                s.getInt("gateway.broker.start.wait.ms"), s.getInt("gateway.broker.monitor.ping.ms"),
                s.getInt("gateway.broker.monitor.ttl.ms"),
                s.getInt("gateway.broker.recovery.ms"), s.getInt("gateway.broker.requeue.ms"),
                s.get("gateway.broker.user"), s.get("gateway.broker.password", ""),
                s.family("gateway.broker.agency.", ".password"), s.get("gateway.broker.ha.role"),
                s.get("gateway.broker.ha.connector"), s.get("gateway.broker.ha.peer"),
                s.get("gateway.broker.tls.keystore"), s.get("gateway.broker.tls.password", ""));
    }

    /** Never prints the passwords (records print every component). */
    @Override
    public String toString() {
        return "BrokerSettings[embedded=" + embedded + ", url=" + url + ", acceptor=" + acceptor + ", user=" + user + ", haRole=" + haRole
                + ", haConnector=" + haConnector + ", haPeer=" + haPeer + ", tlsKeystore=" + tlsKeystore + "]";
    }
}
