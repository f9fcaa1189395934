package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import hk.tsw.gateway.settings.RetentionSettings;
import hk.tsw.gateway.settings.RetentionSettings.Policy;
import hk.tsw.gateway.testsupport.MovableClock;
import hk.tsw.gateway.testsupport.TestPools;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retention with a moved clock, on H2 and the local PostgreSQL: declarations online 30 days and kept 365, the rest
 * online 90 days and kept 7 years. Real payload files, real zips, real database.
 */
class RetentionTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private MessageStore store;
    private PayloadFiles payloads;
    private MessageContent content;
    private Retention retention;
    private final MovableClock clock = new MovableClock(Instant.now());

    private void open(String kind) {
        DataSource ds = pools.of(kind, tmp);
        MessageStore.migrate(ds);
        payloads = new PayloadFiles(tmp.resolve("payloads"));
        store = new MessageStore(ds, payloads);
        content = new MessageContent(store);
        RetentionSettings settings = new RetentionSettings(true, 1000, 10, tmp.resolve("archive"),
                new Policy("default", Duration.ofDays(90), Duration.ofDays(2557)),
                Map.of("DECLARATION", new Policy("DECLARATION", Duration.ofDays(30), Duration.ofDays(365))),
                Duration.ofDays(90));
        retention = new Retention(store, settings, Map.of("IMPORT_DECLARATION", "DECLARATION"), clock);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A declaration mapped, delivered to CED and answered: finished. */
    private long finishedDeclaration(String ref) {
        long id = store.receive("P1", "SFTP", ref + ".edi", bytes("UNB+" + ref), ref, Duration.ofDays(30)).id();
        long doc = store.mapped(id, "1", "IMPORT_DECLARATION", ref, bytes("<TradeDocument>" + ref + "</TradeDocument>"));
        DeliveryStore deliveries = new DeliveryStore(store);
        deliveries.delivered(deliveries.get(store.routed(id, doc, "CED")), "delivered");
        ReplyStore replies = new ReplyStore(store);
        replies.settle(replies.add("P1", "SFTP", id, "CONTRL", ref + ".contrl", bytes("UNH+CONTRL " + ref)),
                ReplyState.SENT, "written");
        store.finished(id, InterchangeState.TRANSLATED, "receipt " + ref);
        return id;
    }

    private long rejected(String partner, String ref, String raw) {
        long id = store.receive(partner, "SFTP", ref + ".edi", bytes(raw), ref, Duration.ofDays(30)).id();
        store.finished(id, InterchangeState.REJECTED, "rejected " + ref);
        return id;
    }

    private String sha(long id) {
        return store.interchange(id).sha256();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void archives_what_is_finished_and_past_its_family_period_and_restores_it_byte_for_byte(String kind) throws Exception {
        open(kind);
        long declaration = finishedDeclaration("DEC1");
        long other = rejected("P1", "REJ1", "UNB+REJ1");
        long unfinished = store.receive("P1", "SFTP", "u.edi", bytes("UNB+U1"), "U1", Duration.ofDays(30)).id();
        long pending = finishedDeclaration("DEC2");
        new ReplyStore(store).add("P1", "SOAP", pending, "RESPONSE", "late.xml", bytes("<late/>")); // not collected yet
        byte[] raw = content.raw(declaration).orElseThrow().bytes();
        byte[] doc = content.document(declaration, 1).orElseThrow().bytes();
        byte[] answer = content.answer(declaration, 1).orElseThrow().bytes();

        assertEquals(0, retention.run(() -> true).archived(), "nothing is past a period yet");
        clock.advance(Duration.ofDays(31));
        Retention.Pass pass = retention.run(() -> true);
        assertEquals(1, pass.archived(), "only the finished declaration is past its 30 days");
        MessageArchivedException archived = assertThrows(MessageArchivedException.class, () -> content.raw(declaration));
        assertTrue(archived.getMessage().contains("/api/messages/" + declaration + "/restore"), archived.getMessage());
        assertThrows(MessageArchivedException.class, () -> content.document(declaration, 1));
        assertThrows(MessageArchivedException.class, () -> content.answer(declaration, 1));
        assertFalse(payloads.exists(sha(declaration)), "the online file is gone");
        // the gateway's own readers (a late decision's answer reads the raw and the canonical) read the archive
        assertArrayEquals(raw, store.raw(store.interchange(declaration)));
        DecisionStore decisions = new DecisionStore(store);
        assertArrayEquals(doc, decisions.canonical(decisions.findDocument(null, declaration, null)).xml());
        assertEquals("UNB+REJ1", new String(content.raw(other).orElseThrow().bytes(), StandardCharsets.UTF_8),
                "a message of the default family (90 days) is untouched");
        assertTrue(content.raw(unfinished).isPresent(), "an unfinished message is untouched");
        assertTrue(content.raw(pending).isPresent(), "a message with an answer not yet collected is untouched");
        assertEquals(declaration, store.interchange(declaration).id(), "the row is still there for search");
        @SuppressWarnings("unchecked")
        Map<String, Object> where = (Map<String, Object>) new MessageQueries(store).detail(declaration).get("archive");
        assertTrue(String.valueOf(where.get("archiveName")).endsWith("/message-" + declaration + ".zip"), where.toString());
        assertEquals("DECLARATION online 30 days", where.get("archivePolicy"), where.toString());

        // the manifest: one line per payload, each the SHA-256 of its entry's bytes
        Path zip = archiveOf(declaration);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> sums = new String(z.getInputStream(z.getEntry("SHA256SUMS")).readAllBytes(),
                    StandardCharsets.UTF_8).lines().toList();
            assertEquals(3, sums.size(), sums.toString());
            for (String line : sums) {
                String[] parts = line.split("  ");
                try (InputStream in = z.getInputStream(z.getEntry(parts[1]))) {
                    assertEquals(parts[0], PayloadFiles.sha256(in.readAllBytes()), line);
                }
            }
            assertTrue(sums.stream().anyMatch(l -> l.startsWith(PayloadFiles.sha256(raw))), sums.toString());
        }

        Retention.Restored restored = retention.restore(declaration).orElseThrow();
        assertFalse(restored.wasOnline());
        assertEquals(3, restored.payloads());
        assertArrayEquals(raw, content.raw(declaration).orElseThrow().bytes());
        assertArrayEquals(doc, content.document(declaration, 1).orElseThrow().bytes());
        assertArrayEquals(answer, content.answer(declaration, 1).orElseThrow().bytes());
        assertEquals(0, retention.run(() -> true).archived(), "a restored message stays online for an online period");

        clock.advance(Duration.ofDays(60)); // day 91: the default family's turn; the declaration again
        assertEquals(2, retention.run(() -> true).archived());
        assertThrows(MessageArchivedException.class, () -> content.raw(other));
        assertTrue(content.raw(unfinished).isPresent());
        assertTrue(retention.run(() -> false).archived() == 0, "a node that does not hold the singleton does nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void purges_the_archive_after_the_legal_period_and_keeps_a_tombstone(String kind) {
        open(kind);
        long declaration = finishedDeclaration("DEC3");
        long other = rejected("P1", "REJ3", "UNB+REJ3");
        clock.advance(Duration.ofDays(100));
        assertEquals(2, retention.run(() -> true).archived());
        Path zip = archiveOf(declaration);
        clock.advance(Duration.ofDays(300)); // day 400: past the declaration's 365, far from the default 7 years
        assertEquals(1, retention.run(() -> true).purged());
        assertFalse(Files.exists(zip), "the archive is deleted");
        MessageArchivedException gone = assertThrows(MessageArchivedException.class, () -> content.raw(declaration));
        assertTrue(gone.purged() && gone.purgePolicy().contains("DECLARATION legal retention 365 days"),
                gone.getMessage());
        assertThrows(MessageArchivedException.class, () -> retention.restore(declaration), "nothing to restore");
        assertTrue(new MessageQueries(store).detail(declaration).get("archive").toString().contains("purgedAt"));
        assertTrue(Files.exists(archiveOf(other)), "the default family's archive is kept");
        assertTrue(retention.restore(other).isPresent());
        assertEquals(1, retention.purgedTotal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_crash_mid_batch_neither_loses_nor_duplicates(String kind) throws Exception {
        open(kind);
        long first = rejected("P1", "C1", "UNB+C1");
        long crashed = rejected("P1", "C2", "UNB+C2");
        long last = rejected("P1", "C3", "UNB+C3");
        clock.advance(Duration.ofDays(91));
        // the archive of the second message is written and checked, then the process "dies" before the rows change
        retention.afterArchiveWritten(id -> {
            if (id == crashed) {
                throw new IllegalStateException("killed");
            }
        });
        Retention.Pass pass = retention.run(() -> true);
        assertEquals(2, pass.archived());
        assertEquals(1, pass.failed());
        assertEquals(1, zips("message-" + crashed + ".zip"), "its archive was written, not yet recorded");
        assertEquals("UNB+C2", new String(content.raw(crashed).orElseThrow().bytes(), StandardCharsets.UTF_8),
                "and its payload is still online");

        retention.afterArchiveWritten(id -> { });
        assertEquals(1, retention.run(() -> true).archived(), "the next run archives it");
        assertEquals(3, zips(".zip"), "one archive per message, none twice");
        assertEquals(0, zips(".tmp"), "no temporary file left");
        assertTrue(Files.exists(archiveOf(crashed)));

        // a crash between recording the archive and removing the online files: the next run finishes the removal
        payloads.write(bytes("UNB+C3"));
        store.jdbc().tx(c -> Jdbc.update(c, "UPDATE interchange SET online_deleted_at = NULL WHERE id = ?", last));
        assertEquals(1, retention.run(() -> true).removed());
        assertFalse(payloads.exists(sha(last)));
        for (long id : new long[]{first, crashed, last}) {
            retention.restore(id);
            assertEquals("UNB+C" + (id == first ? 1 : id == crashed ? 2 : 3),
                    new String(content.raw(id).orElseThrow().bytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_payload_file_another_online_message_shares_stays_online(String kind) {
        open(kind);
        long archived = rejected("P1", "S1", "UNB+SAME");
        long sameBytes = store.receive("P2", "SFTP", "s.edi", bytes("UNB+SAME"), "S1", Duration.ofDays(30)).id();
        assertEquals(sha(archived), sha(sameBytes), "one file for both");
        clock.advance(Duration.ofDays(91));
        assertEquals(1, retention.run(() -> true).archived());
        assertThrows(MessageArchivedException.class, () -> content.raw(archived));
        assertEquals("UNB+SAME", new String(content.raw(sameBytes).orElseThrow().bytes(), StandardCharsets.UTF_8),
                "the unfinished message still reads its payload");
    }

    private Path archiveOf(long id) {
        String name = store.jdbc().tx(c -> {
            try (var ps = Jdbc.prepare(c, "SELECT archive_name FROM interchange WHERE id = ?", id);
                 var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        assertTrue(name != null, "message " + id + " has an archive name");
        return tmp.resolve("archive").resolve(name);
    }

    private long zips(String suffix) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(tmp.resolve("archive"))) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }
}
