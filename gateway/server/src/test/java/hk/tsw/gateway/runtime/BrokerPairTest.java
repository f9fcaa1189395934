package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.settings.BrokerSettings;

/** The pair's configuration and the TLS acceptor: what each role sets, and each refusal with its located line. */
class BrokerPairTest {

    private static final BrokerSecurity.Credentials NODE = new BrokerSecurity.Credentials("tsw-gateway", "pw");

    @TempDir
    Path dir;

    private static BrokerSettings settings(String role, String connector, String peer, String keystore, String tlsPassword) {
        return new BrokerSettings(false, "tcp://127.0.0.1:61616", "tcp://127.0.0.1:61616", 1000, 60000, 1000, 3000, 2000, 2000,
                "tsw-gateway", "pw", Map.of(), role, connector, peer, keystore, tlsPassword);
    }

    @Test
    void a_primary_and_a_backup_get_artemis_shared_store_policies_and_a_cluster_connection_to_the_peer() throws Exception {
        ConfigurationImpl primary = new ConfigurationImpl();
        BrokerPair.configure(primary, settings("primary", "tcp://127.0.0.1:61616", "tcp://127.0.0.1:61617", "", ""), NODE);
        SharedStorePrimaryPolicyConfiguration p = assertInstanceOf(SharedStorePrimaryPolicyConfiguration.class,
                primary.getHAPolicyConfiguration());
        assertTrue(p.isFailoverOnServerShutdown(), "a primary stopped cleanly hands over to the backup");
        assertEquals("tsw-pair", primary.getClusterUser());
        assertEquals("pw", primary.getClusterPassword(), "never Artemis' default cluster password");
        assertEquals(1, primary.getClusterConfigurations().size());
        assertEquals("self", primary.getClusterConfigurations().get(0).getConnectorName());
        assertEquals(java.util.List.of("peer"), primary.getClusterConfigurations().get(0).getStaticConnectors());
        assertEquals("61617", primary.getConnectorConfigurations().get("peer").getParams().get("port").toString());

        ConfigurationImpl backup = new ConfigurationImpl();
        BrokerPair.configure(backup, settings("Backup", "tcp://127.0.0.1:61617", "tcp://127.0.0.1:61616", "", ""), NODE);
        SharedStoreBackupPolicyConfiguration b = assertInstanceOf(SharedStoreBackupPolicyConfiguration.class,
                backup.getHAPolicyConfiguration());
        assertTrue(b.isAllowFailBack(), "a restarted primary fails back");
        assertTrue(b.isRestartBackup(), "after the failback the backup waits again");
    }

    @Test
    void a_broker_on_its_own_is_not_touched_and_a_wrong_role_or_missing_address_is_refused() throws Exception {
        ConfigurationImpl alone = new ConfigurationImpl();
        BrokerPair.configure(alone, settings("none", "", "", "", ""), NODE);
        assertTrue(alone.getClusterConfigurations().isEmpty());
        assertFalse(BrokerPair.paired(settings("none", "", "", "", "")));

        IllegalStateException role = assertThrows(IllegalStateException.class,
                () -> BrokerPair.paired(settings("master", "", "", "", "")));
        assertEquals("gateway.broker.ha.role is 'master': it must be none, primary or backup", role.getMessage());
        IllegalStateException peer = assertThrows(IllegalStateException.class, () -> BrokerPair.configure(
                new ConfigurationImpl(), settings("backup", "tcp://127.0.0.1:61617", "", "", ""), NODE));
        assertTrue(peer.getMessage().contains("gateway.broker.ha.peer"), peer.getMessage());
    }

    @Test
    void the_acceptor_gets_tls_from_the_key_store_and_plain_tcp_beyond_loopback_is_refused() throws Exception {
        assertEquals(Map.of(), BrokerPair.tls("tcp://127.0.0.1:61616", settings("none", "", "", "", "")),
                "plain TCP on loopback stays allowed");
        IllegalStateException open = assertThrows(IllegalStateException.class,
                () -> BrokerPair.tls("tcp://0.0.0.0:61616", settings("none", "", "", "", "")));
        assertTrue(open.getMessage().startsWith("gateway.broker.acceptor tcp://0.0.0.0:61616 listens beyond loopback"),
                open.getMessage());

        Path ks = dir.resolve("broker store.p12");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> BrokerPair.tls("tcp://0.0.0.0:61616", settings("none", "", "", ks.toString(), "secret")));
        assertEquals("gateway.broker.tls.keystore " + ks + ": no such readable file", missing.getMessage());
        Files.write(ks, new byte[]{1});
        IllegalStateException noPassword = assertThrows(IllegalStateException.class,
                () -> BrokerPair.tls("tcp://0.0.0.0:61616", settings("none", "", "", ks.toString(), "")));
        assertTrue(noPassword.getMessage().startsWith("gateway.broker.tls.password is missing"), noPassword.getMessage());

        ConfigurationImpl c = new ConfigurationImpl();
        BrokerPair.addAcceptor(c, "tcp://0.0.0.0:61616?host=0.0.0.0", settings("none", "", "", ks.toString(), "p&w=1;x"));
        Map<String, Object> params = c.getAcceptorConfigurations().iterator().next().getParams();
        assertEquals("true", params.get("sslEnabled").toString());
        assertEquals("PKCS12", params.get("keyStoreType").toString());
        assertEquals(ks.toAbsolutePath().toString(), params.get("keyStorePath").toString(), "a path with a space survives");
        assertEquals("p&w=1;x", params.get("keyStorePassword").toString(), "a password with &, = and ; survives");
        assertEquals("61616", params.get("port").toString());
    }
}
