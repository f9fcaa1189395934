package hk.tsw.gateway.runtime;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import hk.tsw.gateway.settings.BrokerSettings;

/**
 * The broker's place in an Artemis primary/backup pair ({@code gateway.broker.ha.role}) and TLS on its TCP acceptor
 * ({@code gateway.broker.tls.keystore}), applied to the broker's configuration before it starts.
 *
 * <p>The pair is Artemis' own <b>shared-store</b> HA: both brokers use the same journal folder; the live one holds the
 * journal's file lock, the backup waits for it and, when the live one dies (its lock freed by the kernel) or stops,
 * loads the journal and serves. A restarted primary <b>fails back</b>: it announces itself, the live backup stops and
 * returns to waiting, and the primary loads the journal. Each broker announces its own connector
 * ({@code gateway.broker.ha.connector}) to its peer ({@code gateway.broker.ha.peer}) over a cluster connection that
 * moves no messages (the pair has one journal), so clients learn both addresses from whichever broker they reach.
 * The cluster connection signs in as {@value #CLUSTER_USER} with the gateway node's broker password.
 */
public final class BrokerPair {

    /** The broker user of the pair's own cluster connection. */
    static final String CLUSTER_USER = "tsw-pair";

    private BrokerPair() {
    }

    /** Whether {@code b} asks for a broker of a pair. */
    public static boolean paired(BrokerSettings b) {
        return !"none".equals(role(b));
    }

    private static String role(BrokerSettings b) {
        String role = b.haRole().trim().toLowerCase(Locale.ROOT);
        if (!List.of("none", "primary", "backup").contains(role)) {
            throw new IllegalStateException("gateway.broker.ha.role is '" + b.haRole()
                    + "': it must be none, primary or backup");
        }
        return role;
    }

    /** Puts the pair's HA policy and cluster connection into {@code c} (nothing for role {@code none}). */
    static void configure(Configuration c, BrokerSettings b, BrokerSecurity.Credentials node) throws Exception {
        String role = role(b);
        if ("none".equals(role)) {
            return;
        }
        if (b.haConnector().isBlank() || b.haPeer().isBlank()) {
            throw new IllegalStateException("gateway.broker.ha.role is " + role + ": gateway.broker.ha.connector (this"
                    + " broker's address as clients reach it) and gateway.broker.ha.peer (the other broker's) must be set");
        }
        c.setName("tsw-" + role);
        c.addConnectorConfiguration("self", b.haConnector());
        c.addConnectorConfiguration("peer", b.haPeer());
        c.addClusterConfiguration(new ClusterConnectionConfiguration()
                .setName("tsw-pair")
                .setConnectorName("self")
                .setStaticConnectors(List.of("peer"))
                .setMessageLoadBalancingType(MessageLoadBalancingType.OFF)
                .setRetryInterval(500)
                .setReconnectAttempts(-1));
        c.setClusterUser(CLUSTER_USER);
        c.setClusterPassword(node.password());
        if ("primary".equals(role)) {
            c.setHAPolicyConfiguration(new SharedStorePrimaryPolicyConfiguration().setFailoverOnServerShutdown(true));
        } else {
            c.setHAPolicyConfiguration(new SharedStoreBackupPolicyConfiguration()
                    .setAllowFailBack(true).setRestartBackup(true).setFailoverOnServerShutdown(true));
        }
    }

    /**
     * The TLS parameters of the broker's TCP acceptor: from {@code gateway.broker.tls.keystore} (PKCS#12, password
     * {@code gateway.broker.tls.password}) when set, none for plain TCP. They are put into the acceptor's parameters
     * rather than its URL, where Artemis would split a password holding {@code &} or {@code ;}. Secure by default: an
     * acceptor beyond loopback without TLS, or a key store that cannot be read, is refused with a line naming the
     * setting.
     */
    static Map<String, Object> tls(String tcpAcceptor, BrokerSettings b) {
        String keystore = b.tlsKeystore();
        if (keystore.isBlank()) {
            if (!loopback(tcpAcceptor)) {
                throw new IllegalStateException("gateway.broker.acceptor " + tcpAcceptor + " listens beyond loopback:"
                        + " set gateway.broker.tls.keystore (PKCS#12) so nodes reach the broker over TLS");
            }
            return Map.of();
        }
        Path ks = Path.of(keystore);
        if (!Files.isReadable(ks)) {
            throw new IllegalStateException("gateway.broker.tls.keystore " + keystore + ": no such readable file");
        }
        if (b.tlsPassword().isBlank()) {
            throw new IllegalStateException("gateway.broker.tls.password is missing from the secrets file: the key"
                    + " store " + keystore + " needs it");
        }
        return Map.of("sslEnabled", "true", "keyStoreType", "PKCS12", "keyStorePath", ks.toAbsolutePath().toString(),
                "keyStorePassword", b.tlsPassword());
    }

    /** Adds the TCP acceptor {@code tcp} to {@code c}, with {@link #tls}. */
    static void addAcceptor(Configuration c, String tcpAcceptor, BrokerSettings b) throws Exception {
        Map<String, Object> tls = tls(tcpAcceptor, b);
        c.addAcceptorConfiguration("tcp", tcpAcceptor);
        for (var t : c.getAcceptorConfigurations()) {
            if ("tcp".equals(t.getName())) {
                t.getParams().putAll(tls);
            }
        }
    }

    private static boolean loopback(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
