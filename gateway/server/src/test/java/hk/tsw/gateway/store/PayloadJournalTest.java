package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payload journal (issue 16) keeps {@link PayloadFiles}' promise with one journal force per unit: what is written
 * is in its file; after an OS crash (the segment kept, files missing, empty or torn) a new start restores every file
 * byte-exact; a torn tail is ignored; a checkpoint deletes a segment only once its files are forced; large payloads
 * and the switched-off store fsync every file. Real files throughout; the "crash" is a journal never closed.
 */
class PayloadJournalTest {

    @TempDir
    Path tmp;

    private final List<PayloadJournal> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(PayloadJournal::close);
    }

    private Path root() {
        return tmp.resolve("payloads");
    }

    private Path journalDir() {
        return tmp.resolve("payload-journal");
    }

    private PayloadJournal journal(JournalFiles.Forcer forcer) throws IOException {
        PayloadJournal j = PayloadJournal.openQuiet(journalDir(), root(), Duration.ofHours(1), forcer);
        opened.add(j);
        return j;
    }

    private PayloadJournal journal() throws IOException {
        return journal(JournalFiles.FSYNC);
    }

    /** A start after an OS crash: the journal left as it was (not closed), a new one opened over the same folders. */
    private int[] restart() throws IOException {
        return JournalRecovery.recover(journalDir(), root(), JournalFiles.FSYNC);
    }

    private static byte[] doc(int i) {
        return ("<doc n='" + i + "'>" + "x".repeat(3500) + "</doc>").getBytes(StandardCharsets.UTF_8);
    }

    private long count(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }

    @Test
    void payloads_written_are_in_their_files_and_journaled_once() throws IOException {
        PayloadJournal journal = journal();
        PayloadFiles payloads = new PayloadFiles(root(), journal);
        String single = payloads.write(doc(0));
        List<String> unit = payloads.together(() -> List.of(payloads.write(doc(1)), payloads.write(doc(2))));
        assertArrayEquals(doc(0), Files.readAllBytes(payloads.path(single)));
        assertArrayEquals(doc(1), Files.readAllBytes(payloads.path(unit.get(0))));
        assertArrayEquals(doc(2), payloads.read(unit.get(1)));
        assertEquals(0, count(root(), ".tmp"), "no temp file left");
        List<Path> segments = JournalRecovery.segments(journalDir());
        assertEquals(1, segments.size());
        JournalRecords.Read read = JournalRecords.read(segments.get(0));
        assertFalse(read.torn());
        assertEquals(List.of(single, unit.get(0), unit.get(1)), read.entries().stream().map(JournalRecords.Entry::sha).toList());
    }

    @Test
    void after_an_os_crash_recovery_restores_missing_empty_and_altered_files_byte_exact() throws IOException {
        PayloadJournal journal = journal();
        PayloadFiles payloads = new PayloadFiles(root(), journal);
        List<String> shas = payloads.together(() -> List.of(payloads.write(doc(1)), payloads.write(doc(2)),
                payloads.write(doc(3))));
        String alone = payloads.write(doc(4));
        // what an OS crash can leave of files renamed but never forced: gone, empty, or with other bytes
        Files.delete(payloads.path(shas.get(0)));
        Files.write(payloads.path(shas.get(1)), new byte[0]);
        Files.write(payloads.path(shas.get(2)), new byte[doc(3).length]);
        Files.write(payloads.path(alone), new byte[0]);

        assertArrayEquals(new int[]{4, 1}, restart(), "four files restored from one segment");
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(doc(i + 1), Files.readAllBytes(payloads.path(shas.get(i))));
        }
        assertArrayEquals(doc(4), Files.readAllBytes(payloads.path(alone)));
        assertEquals(List.of(), JournalRecovery.segments(journalDir()), "the segment is deleted once replayed");
        assertArrayEquals(new int[]{0, 0}, restart(), "nothing left to recover");
    }

    @Test
    void a_torn_tail_record_is_ignored_and_the_records_before_it_are_recovered() throws IOException {
        PayloadJournal journal = journal();
        PayloadFiles payloads = new PayloadFiles(root(), journal);
        List<String> shas = payloads.together(() -> List.of(payloads.write(doc(1)), payloads.write(doc(2))));
        Path segment = JournalRecovery.segments(journalDir()).get(0);
        // a third record cut short by the crash, then one whose checksum does not match
        ByteBuffer torn = JournalRecords.encode(PayloadFiles.sha256(doc(3)), doc(3));
        torn.limit(torn.limit() / 2);
        Files.write(segment, toArray(torn), StandardOpenOption.APPEND);
        shas.forEach(sha -> deleteQuietly(payloads.path(sha)));

        JournalRecords.Read read = JournalRecords.read(segment);
        assertTrue(read.torn());
        assertEquals(2, read.entries().size());
        assertArrayEquals(new int[]{2, 1}, restart());
        assertArrayEquals(doc(1), Files.readAllBytes(payloads.path(shas.get(0))));
        assertArrayEquals(doc(2), Files.readAllBytes(payloads.path(shas.get(1))));
        assertFalse(Files.exists(payloads.path(PayloadFiles.sha256(doc(3)))), "the torn record restores nothing");
    }

    @Test
    void a_record_with_a_wrong_checksum_ends_the_segment() throws IOException {
        PayloadJournal journal = journal();
        PayloadFiles payloads = new PayloadFiles(root(), journal);
        String first = payloads.write(doc(1));
        String second = payloads.write(doc(2));
        Path segment = JournalRecovery.segments(journalDir()).get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 1] ^= 1; // the last byte of the second record's content
        Files.write(segment, bytes);
        Files.delete(payloads.path(first));
        Files.delete(payloads.path(second));
        assertArrayEquals(new int[]{1, 1}, restart());
        assertArrayEquals(doc(1), Files.readAllBytes(payloads.path(first)));
        assertFalse(Files.exists(payloads.path(second)));
    }

    @Test
    void a_checkpoint_deletes_a_segment_only_after_forcing_its_files_and_keeps_it_when_forcing_fails() throws IOException {
        Map<Path, Boolean> segmentThereWhenForced = new ConcurrentHashMap<>();
        boolean[] fail = {true};
        Path[] segment = new Path[1];
        PayloadJournal journal = journal(file -> {
            if (fail[0]) {
                throw new IOException("simulated fsync failure");
            }
            segmentThereWhenForced.put(file, Files.exists(segment[0]));
            JournalFiles.FSYNC.force(file);
        });
        PayloadFiles payloads = new PayloadFiles(root(), journal);
        List<String> shas = payloads.together(() -> List.of(payloads.write(doc(1)), payloads.write(doc(2))));
        segment[0] = JournalRecovery.segments(journalDir()).get(0);

        assertEquals(0, journal.checkpoint(false), "younger than the checkpoint age: kept");
        assertEquals(0, journal.checkpoint(true), "a file that cannot be forced keeps the segment");
        assertTrue(Files.exists(segment[0]));
        assertEquals(1, journal.segments());

        fail[0] = false;
        assertEquals(1, journal.checkpoint(true), "tried again, and deleted");
        assertFalse(Files.exists(segment[0]));
        assertEquals(0, journal.segments());
        assertEquals(Map.of(payloads.path(shas.get(0)), true, payloads.path(shas.get(1)), true), segmentThereWhenForced,
                "every file forced while its segment was still there");
    }

    @Test
    void a_segment_is_not_checkpointed_while_a_unit_that_journaled_in_it_has_not_renamed_its_files() throws IOException {
        PayloadJournal journal = journal();
        PayloadFiles payloads = new PayloadFiles(root(), journal);
        payloads.together(() -> {
            payloads.write(doc(1));
            journal.roll();
            assertEquals(0, journal.checkpoint(true), "the unit has not renamed its file yet");
            return null;
        });
        assertEquals(1, journal.checkpoint(true));
        assertEquals(List.of(), JournalRecovery.segments(journalDir()));
    }

    @Test
    void units_of_several_threads_share_the_journal_and_all_are_recovered() throws Exception {
        PayloadJournal journal = journal();
        PayloadFiles payloads = new PayloadFiles(root(), journal);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<String>>> units = new ArrayList<>();
        try {
            for (int u = 0; u < 80; u++) {
                int base = u * 5;
                units.add(pool.submit(() -> payloads.together(() -> {
                    List<String> shas = new ArrayList<>();
                    for (int d = 0; d < 5; d++) {
                        shas.add(payloads.write(doc(base + d)));
                    }
                    return shas;
                })));
                if (u == 40) {
                    journal.roll(); // a rollover while units run
                }
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : units) {
                all.addAll(f.get());
            }
            assertEquals(400, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertArrayEquals(doc(i), Files.readAllBytes(payloads.path(all.get(i))));
                Files.delete(payloads.path(all.get(i)));
            }
            int[] recovered = restart();
            assertEquals(400, recovered[0], "every payload restored");
            for (int i = 0; i < all.size(); i++) {
                assertArrayEquals(doc(i), Files.readAllBytes(payloads.path(all.get(i))));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_unit_that_fails_names_no_payload_and_its_records_do_not_stop_the_checkpoint() throws IOException {
        PayloadJournal journal = journal();
        PayloadFiles payloads = new PayloadFiles(root(), journal);
        String[] sha = new String[2];
        assertThrows(IllegalStateException.class, () -> payloads.together(() -> {
            sha[0] = payloads.write(doc(1));
            sha[1] = payloads.write(doc(2));
            throw new IllegalStateException("work failed mid-way");
        }));
        assertFalse(Files.exists(payloads.path(sha[0])));
        assertFalse(Files.exists(payloads.path(sha[1])));
        assertEquals(0, count(root(), ".tmp"));
        assertEquals(1, journal.checkpoint(true), "a record whose file was never named is passed by");
        assertFalse(Files.exists(payloads.path(sha[0])), "the checkpoint creates nothing");
    }

    @Test
    void large_payloads_bypass_the_journal() throws IOException {
        PayloadJournal journal = journal();
        PayloadFiles payloads = new PayloadFiles(root(), journal);
        byte[] big = new byte[PayloadJournal.MAX_RECORD + 1];
        big[7] = 7;
        byte[] big2 = new byte[PayloadJournal.MAX_RECORD + 1];
        big2[9] = 9;
        String alone = payloads.write(big);
        String inUnit = payloads.together(() -> payloads.write(big2));
        assertArrayEquals(big, Files.readAllBytes(payloads.path(alone)));
        assertArrayEquals(big2, Files.readAllBytes(payloads.path(inUnit)));
        assertEquals(0, journal.segments(), "no segment was opened");
        assertEquals(List.of(), JournalRecovery.segments(journalDir()));
    }

    @Test
    void without_a_journal_every_file_is_written_the_old_way_and_no_journal_appears() throws IOException {
        PayloadFiles payloads = new PayloadFiles(root());
        String sha = payloads.write(doc(1));
        String unit = payloads.together(() -> payloads.write(doc(2)));
        assertArrayEquals(doc(1), Files.readAllBytes(payloads.path(sha)));
        assertArrayEquals(doc(2), Files.readAllBytes(payloads.path(unit)));
        assertFalse(Files.exists(journalDir()));
    }

    @Test
    void a_clean_close_leaves_no_segment() throws IOException {
        PayloadJournal journal = journal();
        PayloadFiles payloads = new PayloadFiles(root(), journal);
        payloads.write(doc(1));
        journal.close();
        assertEquals(List.of(), JournalRecovery.segments(journalDir()));
        assertArrayEquals(new int[]{0, 0}, restart());
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
