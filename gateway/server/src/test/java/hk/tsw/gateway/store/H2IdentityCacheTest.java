package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariDataSource;

import hk.tsw.gateway.testsupport.TestDatabases;
import hk.tsw.gateway.testsupport.TestPools;

/** H2's identity columns of the traffic tables use a large cache (no store commit inside every 32nd INSERT); PostgreSQL's keep theirs. */
class H2IdentityCacheTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    @Test
    void h2_traffic_tables_hand_out_ids_from_a_cache_of_a_thousand() {
        MessageStore store = pools.store("h2", tmp);
        for (String table : H2IdentityCache.TABLES) {
            Long cache = store.jdbc().tx(c -> Jdbc.queryLong(c, "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_NAME = ? AND COLUMN_NAME = 'ID'", table.toUpperCase()));
            assertEquals(1000L, cache, table);
        }
    }

    @Test
    void postgres_identity_columns_keep_a_cache_of_one_so_ids_follow_insertion_order_across_sessions() {
        MessageStore store = pools.store("postgres", tmp);
        for (String table : H2IdentityCache.TABLES) {
            Long cache = store.jdbc().tx(c -> Jdbc.queryLong(c, "SELECT seqcache FROM pg_sequence WHERE seqrelid ="
                    + " pg_get_serial_sequence(?, 'id')::regclass", table));
            assertEquals(1L, cache, table);
        }
    }

    @Test
    void h2_ids_go_on_without_a_gap_after_a_clean_restart() {
        long first;
        try (HikariDataSource ds = TestDatabases.h2(tmp)) {
            first = receive(TestDatabases.store(ds, tmp), "a");
        }
        try (HikariDataSource ds = TestDatabases.h2(tmp)) {
            assertEquals(first + 1, receive(TestDatabases.store(ds, tmp), "b"));
        }
    }

    @Test
    void an_existing_h2_store_upgraded_to_the_cache_goes_on_counting_from_its_last_id() throws Exception {
        long before;
        try (HikariDataSource ds = TestDatabases.h2(tmp)) {
            org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("17.6")
                    .load().migrate();
            MessageStore old = new MessageStore(ds, new PayloadFiles(tmp.resolve("payloads")));
            receive(old, "a");
            before = receive(old, "b");
        }
        try (HikariDataSource ds = TestDatabases.h2(tmp)) {
            MessageStore upgraded = TestDatabases.store(ds, tmp);
            Long cache = upgraded.jdbc().tx(c -> Jdbc.queryLong(c, "SELECT IDENTITY_CACHE FROM"
                    + " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'INTERCHANGE' AND COLUMN_NAME = 'ID'"));
            assertEquals(1000L, cache);
            assertEquals(before + 1, receive(upgraded, "c"));
        }
    }

    @Test
    void h2_never_hands_out_an_id_again_after_a_crash() throws Exception {
        long last;
        try (HikariDataSource ds = TestDatabases.h2(tmp)) {
            MessageStore store = TestDatabases.store(ds, tmp);
            receive(store, "a");
            last = receive(store, "b");
            // a crash: the database stops without closing, nothing more is written (the cache's mark is not updated)
            try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
                st.execute("SHUTDOWN IMMEDIATELY");
            } catch (java.sql.SQLException expected) {
                // the connection goes with the database
            }
        }
        try (HikariDataSource ds = TestDatabases.h2(tmp)) {
            long next = receive(TestDatabases.store(ds, tmp), "c");
            org.junit.jupiter.api.Assertions.assertTrue(next > last, "id " + next + " after the crash, "
                    + last + " before it: an id handed out before a crash must never come again");
        }
    }

    private static long receive(MessageStore store, String name) {
        return store.receive("P1", "SFTP", name + ".edi", ("UNB+" + name).getBytes(StandardCharsets.UTF_8), "R" + name,
                Duration.ofDays(30)).id();
    }
}
