package hk.tsw.gateway.intake.sftp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.answer.SftpOutbox;
import hk.tsw.gateway.intake.DiskGuard;
import hk.tsw.gateway.intake.ReceivedQueue;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.PayloadFiles;
import hk.tsw.gateway.store.ReplyStore;
import hk.tsw.gateway.testsupport.TestDatabases;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SFTP inbox poller ({@link SftpReceiveRoute}) with a real store and file system: it is a singleton (a node that
 * does not hold it leaves a complete upload in the inbox however often it polls, and takes it once it holds it), and
 * a file younger than the settle time waits without holding up the others (the poll skips it instead of sleeping on
 * it). No timing: the settle time is an hour, and a file's age is set through its modification time.
 */
class SftpInboxPollerTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void a_node_that_does_not_hold_the_poller_leaves_the_file_and_takes_it_once_it_does() throws Exception {
        AtomicBoolean leading = new AtomicBoolean(false);
        try (Poller p = new Poller(tmp, 100, leading)) {
            Path file = Files.write(p.inbox.resolve("a.edi"), bytes("SINGLE1"));

            await().atMost(TIMEOUT).until(() -> p.asked.get() >= 5); // five polls looked at the file, none took it
            assertTrue(Files.exists(file), "a follower leaves the upload where it is");
            assertEquals(0, p.queued.ids.get());

            leading.set(true);
            await().atMost(TIMEOUT).until(() -> !Files.exists(file) && p.queued.ids.get() == 1);
        }
    }

    @Test
    void a_new_holder_takes_the_file_whose_read_lock_marker_a_killed_holder_left() throws Exception {
        // what a holder SIGKILLed while taking a file leaves: the upload and its read-lock marker (ClusterIT found a
        // file that waited for ever: every other node's consumer skipped it because of the marker)
        AtomicBoolean leading = new AtomicBoolean(false);
        try (Poller p = new Poller(tmp, 100, leading)) {
            Path file = Files.write(p.inbox.resolve("orphan.edi"), bytes("ORPHAN1"));
            Path marker = Files.createFile(p.inbox.resolve("orphan.edi" + PollerTenure.MARKER));
            Path other = Files.createDirectories(p.inbox.getParent().getParent().resolve("OTHER/inbox"))
                    .resolve("x.edi" + PollerTenure.MARKER);
            Files.createFile(other);
            await().atMost(TIMEOUT).until(() -> p.asked.get() >= 5);
            assertTrue(Files.exists(marker), "a follower leaves the markers alone");

            leading.set(true); // the holder died: this node takes the poller over
            await().atMost(TIMEOUT).until(() -> !Files.exists(file) && p.queued.ids.get() == 1);
            assertFalse(Files.exists(marker), "the orphan marker is gone");
            assertFalse(Files.exists(other), "and so is any other partner's inbox marker");
        }
    }

    @Test
    void a_file_still_settling_is_left_for_later_and_does_not_hold_up_a_settled_one() throws Exception {
        long hour = Duration.ofHours(1).toMillis();
        try (Poller p = new Poller(tmp, hour, new AtomicBoolean(true))) {
            // the poll's own filter refuses a file younger than the settle time, and passes it once older
            assertFalse(p.filterAccepts(System.currentTimeMillis()), "a settling file is skipped by the poll");
            assertTrue(p.filterAccepts(System.currentTimeMillis() - 2 * hour));

            Path fresh = Files.write(p.inbox.resolve("fresh.edi"), bytes("FRESH1"));

            // the poller keeps polling with the fresh file in the inbox: it does not sleep on it (it used to, in
            // the read lock, for as long as the settle time, taking nothing else meanwhile)
            await().atMost(TIMEOUT).until(() -> p.asked.get() >= 5);
            assertTrue(Files.exists(fresh), "a file younger than the settle time is not taken");
            assertEquals(0, p.queued.ids.get());

            Path settled = Files.write(p.inbox.resolve("settled.edi"), bytes("SETTLED1"));
            Files.setLastModifiedTime(settled, FileTime.from(Instant.now().minusMillis(2 * hour)));
            await().atMost(TIMEOUT).until(() -> !Files.exists(settled) && p.queued.ids.get() == 1);
            assertTrue(Files.exists(fresh), "the fresh file is still waiting");

            Files.setLastModifiedTime(fresh, FileTime.from(Instant.now().minusMillis(2 * hour)));
            await().atMost(TIMEOUT).until(() -> !Files.exists(fresh) && p.queued.ids.get() == 2);
            assertFalse(Files.exists(fresh));
        }
    }

    @Test
    void settled_means_unchanged_for_longer_than_the_settle_time() {
        assertFalse(SftpReceiveRoute.settled(1_000, 200, 1_100));
        assertFalse(SftpReceiveRoute.settled(1_000, 200, 1_200), "strictly longer, as the read lock's own check");
        assertTrue(SftpReceiveRoute.settled(1_000, 200, 1_201));
    }

    /** The poller route on a fresh H2 store and mailbox folder; {@code asked} counts the files it looked at. */
    private static final class Poller implements AutoCloseable {
        final AtomicInteger asked = new AtomicInteger();
        final Queued queued = new Queued(); // stands in for the broker's tsw.received
        final Path inbox;
        private final HikariDataSource ds;
        private final DefaultCamelContext camel = new DefaultCamelContext();
        private final DiskGuard disk;
        private final ReceivedQueue queue;

        Poller(Path tmp, long settleMs, AtomicBoolean leading) throws Exception {
            ds = TestDatabases.h2(tmp);
            MessageStore.migrate(ds);
            MessageStore store = new MessageStore(ds, new PayloadFiles(tmp.resolve("payloads")));
            PartnerRegistry partners = PartnerRegistry.load(Path.of("config/partners"), Path.of("xsd/config/partner.xsd"));
            Path root = tmp.resolve("sftp");
            inbox = Files.createDirectories(root.resolve("DEMOFWD/inbox"));
            Properties p = new Properties();
            p.setProperty("gateway.sftp.root", root.toString());
            p.setProperty("gateway.sftp.settle.ms", String.valueOf(settleMs));
            camel.getPropertiesComponent().setInitialProperties(p);
            camel.getRegistry().bind("queued", queued);
            disk = new DiskGuard(tmp, 100, 0, 60_000);
            queue = new ReceivedQueue(() -> camel, "bean:queued", () -> true, 1_000);
            camel.addRoutes(new SftpReceiveRoute(store, new PartnerReplies(new ReplyStore(store), partners,
                    new SftpOutbox(root)), Duration.ofDays(1), queue, disk, () -> {
                        asked.incrementAndGet();
                        return leading.get();
                    }));
            camel.start();
        }

        /** What the poll's filter says of a file of the inbox last modified at {@code lastModified}. */
        @SuppressWarnings("unchecked")
        boolean filterAccepts(long lastModified) {
            org.apache.camel.component.file.GenericFile<Object> f = new org.apache.camel.component.file.GenericFile<>();
            f.setDirectory(false);
            f.setLastModified(lastModified);
            f.setRelativeFilePath("DEMOFWD/inbox/x.edi");
            return camel.getRegistry().lookupByNameAndType("sftpInboxWhileIntakeOpen",
                    org.apache.camel.component.file.GenericFileFilter.class).accept(f);
        }

        @Override
        public void close() throws Exception {
            camel.close();
            queue.close();
            disk.close();
            ds.close();
        }
    }

    /** What the intake handed on, counted. */
    public static final class Queued {
        final AtomicInteger ids = new AtomicInteger();

        public void accept(Long interchangeId) {
            ids.incrementAndGet();
        }
    }

    /** An envelope: the poller takes and stores it raw; translation is not part of this test. */
    private static byte[] bytes(String reference) {
        return ("UNB+UNOC:3+DEMOFWD:ZZZ+HKTSWGW:ZZZ+261204:1200+" + reference + "'UNZ+0+" + reference + "'")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
