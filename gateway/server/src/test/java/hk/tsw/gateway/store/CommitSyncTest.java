package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import hk.tsw.gateway.testsupport.TestPools;

/**
 * A commit through the store is on disk before the store returns from it: on an H2 file the file is forced after the
 * commit (concurrent commits sharing one force), and before anything waiting for the commit runs; a failed force stops
 * the store from reporting any later commit done; PostgreSQL and an in-memory H2 need nothing.
 */
class CommitSyncTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    @Test
    void an_h2_file_store_forces_its_file_after_a_commit() {
        DataSource ds = pools.of("h2", tmp);
        MessageStore.migrate(ds);
        CommitSync sync = CommitSync.of(ds, false);
        assertEquals("h2-file", sync.kind());
        MessageStore store = new MessageStore(ds, new PayloadFiles(tmp.resolve("payloads")), null, sync);
        long before = sync.forces();
        receive(store, "a");
        assertTrue(sync.forces() > before, "the receipt's commit forced the file: " + sync.forces());
    }

    @Test
    void a_transaction_that_only_read_forces_nothing() {
        DataSource ds = pools.of("h2", tmp);
        MessageStore.migrate(ds);
        CommitSync sync = CommitSync.of(ds, false);
        Jdbc jdbc = new Jdbc(ds, sync);
        long before = sync.forces();
        jdbc.tx(c -> Jdbc.queryLong(c, "SELECT COUNT(*) FROM interchange"));
        jdbc.unit(() -> jdbc.tx(c -> Jdbc.queryLong(c, "SELECT COUNT(*) FROM document")));
        assertEquals(before, sync.forces(), "reads need no fsync");
        jdbc.tx(c -> Jdbc.update(c, "UPDATE interchange SET state = state WHERE id = -1")); // touches no row
        assertEquals(before, sync.forces(), "a statement that changed nothing needs no fsync");
        receive(new MessageStore(ds, new PayloadFiles(tmp.resolve("payloads")), null, sync), "w");
        assertTrue(sync.forces() > before, "a write is forced");
    }

    @Test
    void postgres_in_memory_h2_and_the_switch_force_nothing() throws Exception {
        assertEquals("none", CommitSync.of(pools.of("postgres", tmp), false).kind());
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:mem:commitsync;DB_CLOSE_DELAY=-1");
        try (HikariDataSource mem = new HikariDataSource(c)) {
            assertEquals("none", CommitSync.of(mem, false).kind());
        }
        assertEquals("none", CommitSync.of(pools.of("h2", tmp), true).kind());
    }

    @Test
    void every_commit_is_forced_after_it_was_written_and_concurrent_commits_share_forces() throws Exception {
        AtomicLong written = new AtomicLong(); // commits written so far
        AtomicLong covered = new AtomicLong(); // what the last force covered
        CommitSync sync = new CommitSync("test", () -> {
            long upTo = written.get();
            Thread.sleep(2); // a disk's force takes a while: others commit meanwhile
            covered.set(upTo);
        });
        int threads = 8;
        int each = 100;
        AtomicInteger uncovered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    long mine = written.incrementAndGet();
                    sync.committed();
                    if (covered.get() < mine) {
                        uncovered.incrementAndGet(); // returned before a force that began after it was written
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(0, uncovered.get(), "a commit reported durable before a force that covered it");
        assertEquals(threads * each, sync.commits(), "every commit counted once");
        assertTrue(sync.forces() < threads * each, "concurrent commits shared forces: " + sync.forces());
    }

    @Test
    void a_failed_force_fails_that_commit_and_every_later_one() {
        AtomicInteger calls = new AtomicInteger();
        CommitSync sync = new CommitSync("test", () -> {
            if (calls.incrementAndGet() == 2) {
                throw new IOException("EIO on fsync");
            }
        });
        sync.committed();
        StoreException first = assertThrows(StoreException.class, sync::committed);
        assertTrue(first.getMessage().contains("could not be forced to disk") && first.getMessage().contains("EIO"),
                first.getMessage());
        StoreException later = assertThrows(StoreException.class, sync::committed);
        assertTrue(later.getMessage().contains("earlier force to disk failed"), later.getMessage());
        assertEquals(2, calls.get(), "no force tried again after one failed: a later success would hide lost pages");
    }

    @Test
    void what_waits_for_a_unit_runs_only_after_its_commit_was_forced() {
        DataSource ds = pools.of("h2", tmp);
        MessageStore.migrate(ds);
        List<String> order = new ArrayList<>();
        CommitSync sync = new CommitSync("test", () -> order.add("forced"));
        Jdbc jdbc = new Jdbc(ds, sync);
        jdbc.unit(() -> {
            jdbc.tx(c -> Jdbc.queryLong(c, "SELECT COUNT(*) FROM interchange"));
            jdbc.afterCommit(() -> order.add("after commit"));
            return null;
        });
        jdbc.tx(c -> order.add("tx"));
        assertEquals(List.of("forced", "after commit", "forced"), order.subList(0, 3));
    }

    private static long receive(MessageStore store, String name) {
        return store.receive("ACME", "SFTP", name + ".edi", ("UNB+UNOC:3+ACME+TSW+260101:1200+" + name + "'")
                .getBytes(StandardCharsets.US_ASCII), null, Duration.ofDays(1)).id();
    }
}
