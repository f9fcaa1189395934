package hk.tsw.gateway.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message store of a gateway under test when the bench runs with {@code --postgres}: a fresh schema in that
 * database (the gateway's Flyway creates its tables there), and the settings that point the gateway at it. The
 * schema is dropped when the gateway has stopped.
 */
final class BenchDatabase implements AutoCloseable {

    private static final Pattern USER = Pattern.compile("[?&]user=([^&]+)");

    private final String url;
    private final String schema;

    private BenchDatabase(String url, String schema) {
        this.url = url;
        this.schema = schema;
    }

    /** Creates a schema {@code tsw_bench_<millis>} in the database of {@code url}. */
    static BenchDatabase create(String url) {
        String schema = "tsw_bench_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
        return new BenchDatabase(url, schema);
    }

    /** The gateway settings for this schema. */
    Map<String, String> settings() {
        Matcher m = USER.matcher(url);
        Map<String, String> s = new TreeMap<>();
        s.put("gateway.db.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        s.put("gateway.db.user", m.find() ? m.group(1) : "postgres");
        s.put("gateway.db.password", "");
        return s;
    }

    String schema() {
        return schema;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("[bench] could not drop schema " + schema + ": " + e.getMessage());
        }
    }
}
