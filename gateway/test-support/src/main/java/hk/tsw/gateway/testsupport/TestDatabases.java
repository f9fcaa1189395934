package hk.tsw.gateway.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.PayloadFiles;

/** The two stores the gateway supports: embedded H2 (file) and the local PostgreSQL, each in a fresh schema. */
public final class TestDatabases {

    public static final String POSTGRES_URL = System.getProperty("tsw.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private TestDatabases() {
    }

    public static HikariDataSource h2(Path dir) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:file:" + dir.resolve("store").toAbsolutePath() + ";WRITE_DELAY=0");
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }

    /** JDBC URL of a new, empty schema in the local PostgreSQL, so runs never see each other's rows. */
    public static String postgresUrl() {
        String schema = "tsw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(POSTGRES_URL)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES_URL + " is not reachable: " + e.getMessage(), e);
        }
        return POSTGRES_URL + "&currentSchema=" + schema;
    }

    /** A new schema in the local PostgreSQL, so runs never see each other's rows. */
    public static HikariDataSource postgres() {
        String schema = "tsw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(POSTGRES_URL)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES_URL + " is not reachable: " + e.getMessage(), e);
        }
        return releasingPool(POSTGRES_URL + "&currentSchema=" + schema);
    }

    /**
     * A pool that gives its connections back to the server soon after their last use. Tests seldom close the stores
     * they make, and each kept pool would hold its connections for the whole test JVM: about 25 of them used up
     * PostgreSQL's 100 connections in the fast tests. Here no connection is kept idle longer than Hikari's minimum of
     * 10 s, checked every {@value #HOUSEKEEPING_MS} ms (Hikari reads that period when a pool is made).
     */
    private static synchronized HikariDataSource releasingPool(String url) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setMaximumPoolSize(4);
        c.setMinimumIdle(0);
        c.setIdleTimeout(10_000);
        String period = System.getProperty(HOUSEKEEPING_PROPERTY);
        System.setProperty(HOUSEKEEPING_PROPERTY, String.valueOf(HOUSEKEEPING_MS));
        try {
            return new HikariDataSource(c);
        } finally {
            if (period == null) {
                System.clearProperty(HOUSEKEEPING_PROPERTY);
            } else {
                System.setProperty(HOUSEKEEPING_PROPERTY, period);
            }
        }
    }

    private static final String HOUSEKEEPING_PROPERTY = "com.zaxxer.hikari.housekeeping.periodMs";
    private static final long HOUSEKEEPING_MS = 2_000;

    /** An h2 pool in {@code dir} or a fresh PostgreSQL schema's; the test closes it (see {@link TestPools}). */
    public static DataSource of(String kind, Path dir) {
        return pool(kind, dir);
    }

    /** As {@link #of}, as the pool it is. */
    public static HikariDataSource pool(String kind, Path dir) {
        return "postgres".equals(kind) ? postgres() : h2(dir);
    }

    /**
     * A migrated message store on {@code kind} ({@link #of}: h2 or postgres), its payloads under {@code dir}. Its pool
     * is never closed: tests take {@link TestPools#store} instead, which closes it after the test.
     */
    public static MessageStore store(String kind, Path dir) {
        return store(of(kind, dir), dir);
    }

    /** A migrated message store on {@code ds}, its payloads under {@code dir}. */
    public static MessageStore store(DataSource ds, Path dir) {
        MessageStore.migrate(ds);
        return new MessageStore(ds, new PayloadFiles(dir.resolve("payloads")));
    }
}
