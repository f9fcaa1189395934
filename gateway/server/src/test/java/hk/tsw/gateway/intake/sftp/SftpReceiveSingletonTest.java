package hk.tsw.gateway.intake.sftp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The inbox poller is a singleton: a node that does not hold it leaves a complete upload in the inbox however often it
 * polls, and takes it once it holds it (the control, with the same file and route).
 */
class SftpReceiveSingletonTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void a_node_that_does_not_hold_the_poller_leaves_the_file_and_takes_it_once_it_does() throws Exception {
        HikariDataSource ds = TestDatabases.h2(tmp);
        MessageStore.migrate(ds);
        MessageStore store = new MessageStore(ds, new PayloadFiles(tmp.resolve("payloads")));
        PartnerRegistry partners = PartnerRegistry.load(Path.of("config/partners"), Path.of("xsd/config/partner.xsd"));
        Path root = tmp.resolve("sftp");
        Path inbox = Files.createDirectories(root.resolve("DEMOFWD/inbox"));
        AtomicBoolean leading = new AtomicBoolean(false);
        AtomicInteger asked = new AtomicInteger();
        DefaultCamelContext camel = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty("gateway.sftp.root", root.toString());
        p.setProperty("gateway.sftp.settle.ms", "100");
        camel.getPropertiesComponent().setInitialProperties(p);
        Queued queued = new Queued(); // stands in for the broker's tsw.received
        camel.getRegistry().bind("queued", queued);
        try (DiskGuard disk = new DiskGuard(tmp, 100, 0, 60_000);
             ReceivedQueue queue = new ReceivedQueue(() -> camel, "bean:queued", () -> true, 1_000)) {
            camel.addRoutes(new SftpReceiveRoute(store, new PartnerReplies(new ReplyStore(store), partners,
                    new SftpOutbox(root)), Duration.ofDays(1), queue, disk, () -> {
                        asked.incrementAndGet();
                        return leading.get();
                    }));
            camel.start();
            Path file = Files.write(inbox.resolve("a.edi"), TranslatorSample.BYTES);

            await().atMost(TIMEOUT).until(() -> asked.get() >= 5); // five polls looked at the file, none took it
            assertTrue(Files.exists(file), "a follower leaves the upload where it is");
            assertEquals(0, queued.ids.get());

            leading.set(true);
            await().atMost(TIMEOUT).until(() -> !Files.exists(file) && queued.ids.get() == 1);
        } finally {
            camel.close();
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

    /** Any bytes: the poller takes and stores them raw; translation is not part of this test. */
    private static final class TranslatorSample {
        static final byte[] BYTES = "UNB+UNOC:3+DEMOFWD:ZZZ+HKTSWGW:ZZZ+261204:1200+SINGLE1'UNZ+0+SINGLE1'"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
