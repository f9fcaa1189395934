package hk.tsw.gateway.intake.sftp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import hk.tsw.gateway.partner.PartnerRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SFTP event path ({@link SftpEventIntake}) beside the real inbox poller (the {@link SftpReceiveRoute#INBOX}
 * endpoint in a Camel context of its own): a real SFTP client uploads, and every file is taken once, by one of them.
 */
class SftpEventIntakeTest {

    /** A hang guard, not a speed check. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The taker ("event" or "poller") and name of each file taken, in order. */
    record Taken(String by, String partner, String name, String content) {
    }

    @TempDir
    Path tmp;

    Path mailboxes;
    SftpServer server;
    SftpEventIntake events;
    SshClient client;
    CamelContext poller;
    final List<Taken> taken = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        PartnerRegistry partners = PartnerRegistry.load(Path.of("config/partners"), Path.of("xsd/config/partner.xsd"));
        mailboxes = tmp.resolve("mailboxes");
        server = SftpServer.start("127.0.0.1", 0, mailboxes, partners, tmp.resolve("hostkey.ser"));
        events = new SftpEventIntake((partner, name, content) -> taken.add(
                new Taken("event", partner, name, new String(content, StandardCharsets.UTF_8))), 2);
        server.takeCompleted(events);
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.close();
        events.close();
        if (poller != null) {
            poller.close();
        }
    }

    @Test
    void an_upload_is_taken_when_the_partner_closes_it_not_at_the_next_poll() throws Exception {
        startPoller(60_000, 1000); // first poll after a second, then a minute: the file must not wait for it
        try (SftpClient sftp = sftp()) {
            upload(sftp, "inbox/cusdec-1.edi", "UNB+1");
        }

        await().atMost(TIMEOUT).until(() -> taken.size() == 1);
        assertEquals(new Taken("event", "DEMOFWD", "cusdec-1.edi", "UNB+1"), taken.get(0));
        events.close();
        assertEquals(List.of(), inbox(), "taken out of the inbox, no claim left behind");
        assertEquals(List.of("cusdec-1.edi"), processed().stream().map(n -> n.substring(0, n.indexOf(".edi") + 4))
                .toList(), "moved to processed/: the partner's acknowledgement");
    }

    @Test
    void a_part_file_renamed_to_its_final_name_is_taken_once_under_that_name() throws Exception {
        try (SftpClient sftp = sftp()) {
            upload(sftp, "inbox/cusdec-2.edi.part", "UNB+2");
            sftp.rename("inbox/cusdec-2.edi.part", "inbox/cusdec-2.edi");
        }

        await().atMost(TIMEOUT).until(() -> !taken.isEmpty());
        events.close(); // every hand-over done
        assertEquals(List.of(new Taken("event", "DEMOFWD", "cusdec-2.edi", "UNB+2")), taken);
        assertEquals(List.of(), inbox());
    }

    @Test
    void a_file_still_open_for_writing_is_taken_by_neither_and_by_the_event_path_once_closed() throws Exception {
        startPoller(20, 0); // the poller lists the inbox all the time and wants no settle time at all
        try (SftpClient sftp = sftp()) {
            OutputStream open = sftp.write("inbox/open.edi");
            open.write("UNB+3".getBytes(StandardCharsets.UTF_8));
            open.flush();
            await().atMost(TIMEOUT).until(() -> Files.exists(mailboxes.resolve("DEMOFWD/inbox/open.edi")));
            // two files dropped in by other means, one after the other was taken: the poll that took the second
            // began after the poll that took the first had ended, and both listed open.edi
            Files.writeString(mailboxes.resolve("DEMOFWD/inbox/dropped-1.edi"), "UNB+4");
            await().atMost(TIMEOUT).until(() -> names().contains("dropped-1.edi"));
            Files.writeString(mailboxes.resolve("DEMOFWD/inbox/dropped-2.edi"), "UNB+5");
            await().atMost(TIMEOUT).until(() -> names().contains("dropped-2.edi"));

            assertEquals(List.of("dropped-1.edi", "dropped-2.edi"), names(), "the open file was not taken");
            open.close();
        }
        await().atMost(TIMEOUT).until(() -> names().contains("open.edi"));
        events.close();
        assertEquals(List.of(new Taken("poller", "DEMOFWD", "dropped-1.edi", "UNB+4"),
                new Taken("poller", "DEMOFWD", "dropped-2.edi", "UNB+5"),
                new Taken("event", "DEMOFWD", "open.edi", "UNB+3")), taken);
    }

    @Test
    void poller_and_event_path_racing_over_the_same_files_take_each_once() throws Exception {
        startPoller(10, 0);
        int files = 30;
        try (SftpClient sftp = sftp()) {
            for (int i = 0; i < files; i++) {
                if (i % 2 == 0) {
                    upload(sftp, "inbox/race-" + i + ".edi", "UNB+" + i);
                } else {
                    upload(sftp, "inbox/race-" + i + ".edi.part", "UNB+" + i);
                    sftp.rename("inbox/race-" + i + ".edi.part", "inbox/race-" + i + ".edi");
                }
            }
        }

        await().atMost(TIMEOUT).until(() -> taken.size() >= files && inbox().isEmpty());
        events.close();
        poller.getRouteController().stopAllRoutes();
        Map<String, Integer> times = new TreeMap<>();
        for (Taken t : taken) {
            times.merge(t.name(), 1, Integer::sum);
            assertEquals("UNB+" + t.name().replaceAll("\\D", ""), t.content(), t.name());
        }
        assertEquals(files, times.size(), "every file taken: " + times);
        assertTrue(times.values().stream().allMatch(n -> n == 1), "each file taken once: " + times);
        assertEquals(files, processed().size());
        assertEquals(List.of(), inbox(), "no claim left behind");
    }

    /** The real poller's endpoint; the intake behind it only records (the durable intake is GatewayPipelineTest's). */
    private void startPoller(long pollMs, long settleMs) throws Exception {
        poller = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty("gateway.sftp.root", mailboxes.toString());
        p.setProperty("gateway.sftp.poll.ms", String.valueOf(pollMs));
        p.setProperty("gateway.sftp.settle.ms", String.valueOf(settleMs));
        poller.getPropertiesComponent().setInitialProperties(p);
        GenericFileFilter<Object> open = f -> !f.isDirectory() || SftpReceiveRoute.mailboxWalk(f.getRelativeFilePath());
        poller.getRegistry().bind("sftpInboxWhileIntakeOpen", open);
        poller.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(SftpReceiveRoute.INBOX).process(e -> {
                    String file = e.getIn().getHeader(Exchange.FILE_NAME, String.class);
                    taken.add(new Taken("poller", file.substring(0, file.indexOf('/')),
                            e.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class), e.getIn().getBody(String.class)));
                });
            }
        });
        poller.start();
    }

    private List<String> names() {
        return taken.stream().map(Taken::name).toList();
    }

    private List<String> inbox() throws IOException {
        return list(mailboxes.resolve("DEMOFWD/inbox"));
    }

    private List<String> processed() throws IOException {
        Path processed = mailboxes.resolve("DEMOFWD/processed");
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(processed)) {
            try (Stream<Path> days = Files.list(processed)) {
                for (Path day : days.toList()) {
                    names.addAll(list(day));
                }
            }
        }
        return names;
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private SftpClient sftp() throws Exception {
        KeyPair key;
        Path file = Path.of("config/demo/demofwd_ed25519");
        try (InputStream in = Files.newInputStream(file)) {
            key = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null)
                    .iterator().next();
        }
        ClientSession session = client.connect("demofwd", "127.0.0.1", server.port()).verify(TIMEOUT).getSession();
        session.addPublicKeyIdentity(key);
        session.auth().verify(TIMEOUT);
        return SftpClientFactory.instance().createSftpClient(session).singleSessionInstance();
    }

    private static void upload(SftpClient sftp, String path, String content) throws IOException {
        try (OutputStream out = sftp.write(path)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
