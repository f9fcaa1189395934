package hk.tsw.gateway.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import hk.tsw.gateway.testsupport.PostgresNodes;
import hk.tsw.gateway.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leader election by the database's own lock: on the real PostgreSQL (a fresh schema, so the lock keys are this test's
 * own) two electors with two connections, as two nodes would have; on H2 the one node always holds.
 */
class SingletonElectorTest {

    /** A hang guard, not a speed check. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Singleton JOB = new Singleton("test-job");

    @TempDir
    Path tmp;

    @RegisterExtension
    final PostgresNodes pg = new PostgresNodes();

    @Test
    void on_postgres_exactly_one_of_two_nodes_holds_and_the_other_takes_over_when_its_session_dies() throws Exception {
        MessageStore store = pg.store(null);
        SingletonElector a = pg.elector(store, "node-a", JOB);
        SingletonElector b = pg.elector(store, "node-b", JOB);

        await().atMost(TIMEOUT).until(() -> a.holds(JOB) || b.holds(JOB));
        SingletonElector holder = a.holds(JOB) ? a : b;
        SingletonElector other = holder == a ? b : a;
        // the other keeps trying (every 100 ms) and keeps failing while the holder's session lives
        await().atMost(TIMEOUT).until(() -> tenure(store).size() == 1 && pg.sessions() == 2);
        for (int i = 0; i < 5; i++) {
            other.round();
            assertFalse(other.holds(JOB), "two nodes hold " + JOB);
            assertTrue(holder.holds(JOB));
        }

        // the holder's connection dies (as when its node or its network does): the lock goes with the session
        assertTrue(pg.endSession(holder.node()));
        long killed = System.nanoTime();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> other.holds(JOB));
        System.out.printf("singleton moved %d ms after pg_terminate_backend (retry every 100 ms)%n",
                (System.nanoTime() - killed) / 1_000_000); // a figure for the record, not asserted
        await().atMost(TIMEOUT).until(() -> tenure(store).size() >= 2 && tenure(store).get(0).stoppedAt() != null);
        List<SingletonTenure.Row> rows = tenure(store);
        assertEquals(holder.node(), rows.get(0).node());
        assertEquals(other.node(), rows.get(rows.size() - 1).node());
        assertNoOverlap(rows);
    }

    @Test
    void a_stopping_node_ends_its_tenure_and_the_other_takes_over() throws Exception {
        MessageStore store = pg.store(null);
        SingletonElector a = pg.elector(store, "node-a", JOB);
        await().atMost(TIMEOUT).until(() -> a.holds(JOB));
        SingletonElector b = pg.elector(store, "node-b", JOB);
        b.round();
        assertFalse(b.holds(JOB));

        a.close();
        assertFalse(a.holds(JOB));
        await().atMost(TIMEOUT).until(() -> b.holds(JOB));
        List<SingletonTenure.Row> rows = tenure(store);
        assertEquals(List.of("node-a", "node-b"), rows.stream().map(SingletonTenure.Row::node).toList());
        assertEquals("node stopping", rows.get(0).stopReason());
        assertNull(rows.get(1).stoppedAt());
        assertNoOverlap(rows);
    }

    @Test
    void on_h2_the_one_node_always_holds_and_records_its_tenure() throws Exception {
        try (HikariDataSource ds = TestDatabases.h2(tmp)) {
            MessageStore.migrate(ds);
            MessageStore store = new MessageStore(ds, new PayloadFiles(tmp.resolve("payloads")));
            String url = ds.getJdbcUrl();
            SingletonElector only = new SingletonElector(store, () -> DriverManager.getConnection(url), "solo", 100);
            only.want(JOB);
            only.start();
            assertTrue(only.holds(JOB), "held from the first round, before any route starts");
            only.close();
            assertFalse(only.holds(JOB));
            List<SingletonTenure.Row> rows = tenure(store);
            assertEquals(1, rows.size());
            assertEquals("solo", rows.get(0).node());
            assertNotNull(rows.get(0).stoppedAt());
        }
    }

    @Test
    void the_lock_key_is_the_schema_and_the_name() {
        assertEquals(SingletonElector.key("s1", JOB), SingletonElector.key("s1", new Singleton("test-job")));
        assertFalse(SingletonElector.key("s1", JOB) == SingletonElector.key("s2", JOB));
        assertFalse(SingletonElector.key("s1", JOB) == SingletonElector.key("s1", Singleton.WEBHOOKS));
    }

    /** Each tenure ends no later than the next begins (by the database's clock), and only the last is open. */
    static void assertNoOverlap(List<SingletonTenure.Row> rows) {
        for (int i = 0; i + 1 < rows.size(); i++) {
            SingletonTenure.Row r = rows.get(i);
            SingletonTenure.Row next = rows.get(i + 1);
            assertNotNull(r.stoppedAt(), "tenure " + r + " still open while " + next + " began");
            assertFalse(r.stoppedAt().isAfter(next.startedAt()), "tenures overlap: " + r + " and " + next);
            assertFalse(r.stoppedAt().isBefore(r.startedAt()), "tenure ends before it begins: " + r);
        }
    }

    private List<SingletonTenure.Row> tenure(MessageStore store) {
        return new SingletonTenure(store).of(JOB.name());
    }
}
