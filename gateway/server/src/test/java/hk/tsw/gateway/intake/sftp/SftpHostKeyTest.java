package hk.tsw.gateway.intake.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import hk.tsw.gateway.partner.PartnerRegistry;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SFTP host key of a cluster: every node given the same key file presents the same key to a real client, which
 * it would not with keys generated per node (the control); a configured file that cannot serve refuses the start.
 */
class SftpHostKeyTest {

    static final Duration TIMEOUT = SftpServerTest.TIMEOUT;

    @TempDir
    Path tmp;

    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void two_nodes_given_the_same_openssh_key_file_present_the_same_host_key() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Path file = tmp.resolve("secrets/sftp_host_ecdsa");
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "tsw cluster", null, out);
        }
        SftpServer node1 = server("node1", SftpHostKey.configured(file));
        SftpServer node2 = server("node2", SftpHostKey.configured(file));

        String expected = KeyUtils.getFingerPrint(key.getPublic());
        assertEquals(expected, presented(node1.port()));
        assertEquals(expected, presented(node2.port()));
        // and OpenSSH's own client sees the one key too, when it is installed
        if (Files.isExecutable(Path.of("/usr/bin/ssh-keyscan"))) {
            String line = PublicKeyEntry.toString(key.getPublic());
            assertEquals(line, keyscan(node1.port()));
            assertEquals(line, keyscan(node2.port()));
        }
    }

    @Test
    void a_pem_private_key_file_serves_as_well() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair key = rsa.generateKeyPair();
        Path file = tmp.resolve("sftp_host_rsa.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        SftpServer node = server("pem", SftpHostKey.configured(file));
        assertEquals(KeyUtils.getFingerPrint(key.getPublic()), presented(node.port()));
    }

    @Test
    void an_openssh_ed25519_key_file_serves_as_well() throws Exception {
        Path file = Path.of("config/demo/demoline_ed25519"); // any OpenSSH ed25519 private key: a DEMO-ONLY one
        SftpHostKey key = SftpHostKey.configured(file);
        assertEquals(KeyUtils.getFingerPrint(demoKey("demoline").getPublic()), presented(server("ed", key).port()));
    }

    @Test
    void control_nodes_with_generated_keys_present_different_keys() throws Exception {
        SftpServer node1 = server("node1", SftpHostKey.generated(tmp.resolve("node1/keys/host.ser")));
        SftpServer node2 = server("node2", SftpHostKey.generated(tmp.resolve("node2/keys/host.ser")));
        assertNotEquals(presented(node1.port()), presented(node2.port()));
    }

    @Test
    void a_configured_key_file_that_is_missing_or_holds_no_key_refuses_the_start() throws Exception {
        Path missing = tmp.resolve("nowhere/sftp_host_key");
        IOException none = assertThrows(IOException.class, () -> SftpHostKey.of(missing.toString(), tmp.resolve("gen")));
        assertTrue(none.getMessage().startsWith("gateway.sftp.hostKey " + missing.toAbsolutePath() + ": no such file"),
                none.getMessage());
        assertTrue(!none.getMessage().contains("\n"), "one line");
        Path garbage = Files.writeString(tmp.resolve("garbage"), "not a key\n");
        IOException bad = assertThrows(IOException.class, () -> SftpHostKey.configured(garbage));
        assertTrue(bad.getMessage().startsWith("gateway.sftp.hostKey " + garbage.toAbsolutePath()), bad.getMessage());
        assertTrue(Files.notExists(tmp.resolve("gen")), "nothing generated in place of a configured key");
    }

    private SftpServer server(String node, SftpHostKey key) throws IOException {
        PartnerRegistry partners = PartnerRegistry.load(Path.of("config/partners"), Path.of("xsd/config/partner.xsd"));
        SftpServer s = SftpServer.start("127.0.0.1", 0, tmp.resolve(node + "/sftp"), partners, key, () -> true,
                Long.MAX_VALUE);
        open.add(s);
        return s;
    }

    /** The fingerprint of the host key the server proves itself with, as a MINA SSHD client sees it at sign-in. */
    private String presented(int port) throws Exception {
        AtomicReference<PublicKey> seen = new AtomicReference<>();
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, remote, key) -> {
            seen.set(key);
            return true;
        });
        client.start();
        try (ClientSession session = client.connect("demofwd", "127.0.0.1", port).verify(TIMEOUT).getSession()) {
            session.addPublicKeyIdentity(demoKey("demofwd"));
            session.auth().verify(TIMEOUT); // the key exchange, with the host key checked, is done by now
        } finally {
            client.stop();
        }
        return KeyUtils.getFingerPrint(seen.get());
    }

    /** The key line {@code ssh-keyscan} prints for the server (without the host name). */
    private static String keyscan(int port) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/ssh-keyscan", "-T", "30", "-p", String.valueOf(port), "127.0.0.1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        return out.lines().filter(l -> !l.startsWith("#")).map(l -> l.substring(l.indexOf(' ') + 1)).findFirst()
                .orElse("no key from ssh-keyscan: " + out);
    }

    private static KeyPair demoKey(String user) throws Exception {
        Path file = Path.of("config/demo/" + user + "_ed25519");
        try (InputStream in = Files.newInputStream(file)) {
            return SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null)
                    .iterator().next();
        }
    }
}
