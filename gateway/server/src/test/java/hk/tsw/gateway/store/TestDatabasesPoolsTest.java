package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import hk.tsw.gateway.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * The test stores' PostgreSQL pools keep no connection they do not use: the fast tests make about 25 such pools and
 * seldom close them, and pools that each kept 4 idle connections used up the server's 100 ("too many clients").
 */
class TestDatabasesPoolsTest {

    private static final int POOLS = 30;

    @Test
    void thirty_used_pools_hold_no_more_connections_than_they_used() throws Exception {
        List<HikariDataSource> pools = new ArrayList<>();
        try {
            for (int i = 0; i < POOLS; i++) {
                HikariDataSource pool = TestDatabases.postgres();
                pools.add(pool);
                try (Connection c = pool.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                    rs.next();
                }
            }
            // 30 pools of 4 kept idle would be 120 connections, over PostgreSQL's default 100: this would fail
            int held = pools.stream().mapToInt(p -> p.getHikariPoolMXBean().getTotalConnections()).sum();
            assertTrue(held <= POOLS, "connections held by " + POOLS + " pools used once each: " + held);
            try (Connection another = DriverManager.getConnection(TestDatabases.POSTGRES_URL);
                 ResultSet rs = another.createStatement().executeQuery("SELECT 1")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the server still takes a connection");
            }
        } finally {
            pools.forEach(HikariDataSource::close);
        }
    }
}
