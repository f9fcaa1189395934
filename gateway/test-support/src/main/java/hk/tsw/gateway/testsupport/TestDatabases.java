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
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(POSTGRES_URL + "&currentSchema=" + schema);
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }

    public static DataSource of(String kind, Path dir) {
        return "postgres".equals(kind) ? postgres() : h2(dir);
    }

    /** A migrated message store on {@code kind} ({@link #of}: h2 or postgres), its payloads under {@code dir}. */
    public static MessageStore store(String kind, Path dir) {
        DataSource ds = of(kind, dir);
        MessageStore.migrate(ds);
        return new MessageStore(ds, new PayloadFiles(dir.resolve("payloads")));
    }
}
