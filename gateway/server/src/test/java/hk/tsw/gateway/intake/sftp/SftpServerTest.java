package hk.tsw.gateway.intake.sftp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import hk.tsw.gateway.partner.PartnerRegistry;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftpServerTest {

    /** A hang guard, not a speed check: sign-in took over 10 s in a clean-clone run beside another build. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    Path mailboxes;
    Path hostKey;
    SftpServer server;
    SshClient client;
    final List<Map.Entry<String, Path>> uploads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        PartnerRegistry partners = PartnerRegistry.load(Path.of("config/partners"), Path.of("xsd/config/partner.xsd"));
        mailboxes = tmp.resolve("mailboxes");
        hostKey = tmp.resolve("data/sftp/hostkey.ser");
        server = SftpServer.start("127.0.0.1", 0, mailboxes, partners, hostKey);
        server.onUploadClosed((partner, file) -> uploads.add(Map.entry(partner, file)));
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    @AfterEach
    void stop() throws IOException {
        client.stop();
        server.close();
    }

    @Test
    void partner_logs_in_with_its_key_and_uploads_to_its_inbox() throws Exception {
        try (SftpClient sftp = sftp("demofwd", demoKey("demofwd"))) {
            upload(sftp, "inbox/cusdec-1.edi", "UNA:+.? 'UNB+UNOC:3+DEMOFWD:ZZZ'");
        }

        Path file = mailboxes.resolve("DEMOFWD/inbox/cusdec-1.edi");
        assertEquals("UNA:+.? 'UNB+UNOC:3+DEMOFWD:ZZZ'", Files.readString(file));
        assertTrue(Files.isDirectory(mailboxes.resolve("DEMOFWD/outbox")));
        assertTrue(Files.isDirectory(mailboxes.resolve("DEMOLINE/inbox")));
        assertTrue(Files.exists(hostKey), "host key persisted under the data folder");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hostKey)));
    }

    @Test
    void refuses_a_key_that_is_not_the_partners() throws Exception {
        KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        assertThrows(IOException.class, () -> login("demofwd", stranger));
        assertThrows(IOException.class, () -> login("demofwd", demoKey("demoline")));
        assertThrows(IOException.class, () -> login("nobody", demoKey("demofwd")));
    }

    @Test
    void refuses_password_and_keyboard_interactive_authentication() throws Exception {
        for (var factory : List.of(UserAuthPasswordFactory.INSTANCE, UserAuthKeyboardInteractiveFactory.INSTANCE)) {
            ClientSession session = connect("demofwd");
            session.setUserAuthFactories(List.of(factory));
            session.addPasswordIdentity("demofwd");
            assertThrows(IOException.class, () -> session.auth().verify(TIMEOUT), factory.getName());
            session.close();
        }
    }

    @Test
    void refuses_exec_requests() throws Exception {
        try (ClientSession session = login("demofwd", demoKey("demofwd"));
                ChannelExec exec = session.createExecChannel("echo pwned")) {
            CoreModuleProperties.REQUEST_EXEC_REPLY.set(session, true); // so a refusal closes the channel at once
            try {
                exec.open().verify(TIMEOUT);
            } catch (IOException refused) {
                return;
            }
            exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), TIMEOUT);
            assertNotEquals(Integer.valueOf(0), exec.getExitStatus(), "a command ran");
        }
    }

    @Test
    void dot_dot_and_absolute_paths_stay_inside_the_partner_root() throws Exception {
        try (SftpClient sftp = sftp("demofwd", demoKey("demofwd"))) {
            for (String path : List.of("../../escape-1", "/../../../escape-2", "inbox/../../escape-3",
                    tmp.toAbsolutePath() + "/escape-4")) {
                try {
                    upload(sftp, path, "x");
                } catch (IOException refused) {
                    // refusing is as good as confining
                }
            }
            assertEquals("/", sftp.canonicalPath("../.."));
        }

        Path root = mailboxes.resolve("DEMOFWD");
        try (Stream<Path> all = Files.walk(tmp)) {
            List<Path> escapes = all.filter(p -> p.getFileName().toString().startsWith("escape-")).toList();
            assertFalse(escapes.isEmpty(), "the writes were confined, not all refused: " + escapes);
            for (Path p : escapes) {
                assertTrue(p.toAbsolutePath().startsWith(root.toAbsolutePath()), "escaped to " + p);
            }
        }
        assertFalse(Files.exists(tmp.resolve("escape-1")));
        assertFalse(Files.exists(mailboxes.resolve("escape-2")));
    }

    @Test
    void a_partner_cannot_read_another_partners_files() throws Exception {
        Files.writeString(mailboxes.resolve("DEMOLINE/inbox/manifest.edi"), "secret manifest");

        try (SftpClient sftp = sftp("demofwd", demoKey("demofwd"))) {
            for (String path : List.of("../DEMOLINE/inbox/manifest.edi", "/DEMOLINE/inbox/manifest.edi",
                    mailboxes.toAbsolutePath() + "/DEMOLINE/inbox/manifest.edi")) {
                assertThrows(IOException.class, () -> read(sftp, path), path);
            }
        }
        // control: the owner reads it with the same call
        try (SftpClient sftp = sftp("demoline", demoKey("demoline"))) {
            assertEquals("secret manifest", read(sftp, "inbox/manifest.edi"));
        }
    }

    @Test
    void refuses_to_create_links() throws Exception {
        try (SftpClient sftp = sftp("demofwd", demoKey("demofwd"))) {
            assertThrows(IOException.class, () -> sftp.symLink("inbox/link", "/outbox"));
        }
        assertFalse(Files.exists(mailboxes.resolve("DEMOFWD/inbox/link"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void upload_hook_fires_once_per_upload_with_the_uploading_partner() throws Exception {
        try (SftpClient fwd = sftp("demofwd", demoKey("demofwd"));
                SftpClient line = sftp("demoline", demoKey("demoline"))) {
            upload(fwd, "inbox/a.edi", "a");
            upload(line, "inbox/b.edi", "bb");
            assertEquals("a", read(fwd, "inbox/a.edi"));
        }

        await().atMost(TIMEOUT).until(() -> uploads.size() >= 2);
        assertEquals(List.of(
                Map.entry("DEMOFWD", mailboxes.toRealPath().resolve("DEMOFWD/inbox/a.edi")),
                Map.entry("DEMOLINE", mailboxes.toRealPath().resolve("DEMOLINE/inbox/b.edi"))), uploads);
    }

    @Test
    void keeps_the_host_key_across_restarts() throws Exception {
        byte[] first = Files.readAllBytes(hostKey);
        server.close();
        server = SftpServer.start("127.0.0.1", 0, mailboxes,
                PartnerRegistry.load(Path.of("config/partners"), Path.of("xsd/config/partner.xsd")), hostKey);

        assertArrayEquals(first, Files.readAllBytes(hostKey));
        try (SftpClient sftp = sftp("demoline", demoKey("demoline"))) {
            assertEquals("/", sftp.canonicalPath("."));
        }
    }

    @Test
    void refuses_uploads_into_the_inbox_while_the_gateway_cannot_queue_them() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean brokerUp = new java.util.concurrent.atomic.AtomicBoolean(false);
        server.close();
        server = SftpServer.start("127.0.0.1", 0, mailboxes,
                PartnerRegistry.load(Path.of("config/partners"), Path.of("xsd/config/partner.xsd")), hostKey, brokerUp::get);
        try (SftpClient sftp = sftp("demofwd", demoKey("demofwd"))) {
            IOException refused = assertThrows(IOException.class, () -> upload(sftp, "inbox/down.edi", "UNA"));
            assertTrue(refused.getMessage().contains("intake closed") && refused.getMessage().contains("send again later"),
                    "the partner's client shows why: " + refused.getMessage());
            assertFalse(Files.exists(mailboxes.resolve("DEMOFWD/inbox/down.edi")));
            upload(sftp, "down.edi.part", "UNA"); // outside the inbox: allowed, but not into it
            assertThrows(IOException.class, () -> sftp.rename("down.edi.part", "inbox/down.edi"));
            assertFalse(Files.exists(mailboxes.resolve("DEMOFWD/inbox/down.edi")));

            brokerUp.set(true); // control: the same upload once the gateway can queue it again
            upload(sftp, "inbox/down.edi", "UNA");
            sftp.rename("down.edi.part", "inbox/down2.edi");
        }
        assertEquals("UNA", Files.readString(mailboxes.resolve("DEMOFWD/inbox/down.edi")));
        assertTrue(Files.exists(mailboxes.resolve("DEMOFWD/inbox/down2.edi")));
    }

    @Test
    void refuses_an_inbox_name_the_poller_keeps_for_its_read_lock_markers() throws Exception {
        try (SftpClient sftp = sftp("demofwd", demoKey("demofwd"))) {
            IOException refused = assertThrows(IOException.class, () -> upload(sftp, "inbox/a.edi.camelLock", "UNA"));
            assertTrue(refused.getMessage().contains("reserved") && refused.getMessage().contains("another name"),
                    "the partner's client shows why: " + refused.getMessage());
            upload(sftp, "a.edi.part", "UNA");
            assertThrows(IOException.class, () -> sftp.rename("a.edi.part", "inbox/a.camelLock"));
            assertFalse(Files.exists(mailboxes.resolve("DEMOFWD/inbox/a.edi.camelLock")));
            assertFalse(Files.exists(mailboxes.resolve("DEMOFWD/inbox/a.camelLock")));

            sftp.rename("a.edi.part", "inbox/a.edi"); // control: the same file under an ordinary name
            upload(sftp, "outbox-copy.camelLock", "UNA"); // outside the inbox the name means nothing
        }
        assertEquals("UNA", Files.readString(mailboxes.resolve("DEMOFWD/inbox/a.edi")));
    }

    private static KeyPair demoKey(String user) throws Exception {
        Path file = Path.of("config/demo/" + user + "_ed25519");
        try (InputStream in = Files.newInputStream(file)) {
            return SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null)
                    .iterator().next();
        }
    }

    private ClientSession connect(String user) throws IOException {
        return client.connect(user, "127.0.0.1", server.port()).verify(TIMEOUT).getSession();
    }

    private ClientSession login(String user, KeyPair key) throws IOException {
        ClientSession session = connect(user);
        try {
            session.addPublicKeyIdentity(key);
            session.auth().verify(TIMEOUT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private SftpClient sftp(String user, KeyPair key) throws IOException {
        ClientSession session = login(user, key);
        return SftpClientFactory.instance().createSftpClient(session).singleSessionInstance();
    }

    private static void upload(SftpClient sftp, String path, String content) throws IOException {
        try (OutputStream out = sftp.write(path)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(SftpClient sftp, String path) throws IOException {
        try (InputStream in = sftp.read(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
