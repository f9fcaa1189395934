package hk.tsw.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final Path statsFile;

    private BenchDatabase(String url, String schema, Path statsFile) {
        this.url = url;
        this.schema = schema;
        this.statsFile = statsFile;
    }

    /**
     * Creates a schema {@code tsw_bench_<millis>} in the database of {@code url}; its statistics go to
     * {@code dir/database-tables.txt} at {@link #close}.
     */
    static BenchDatabase create(String url, Path dir) {
        String schema = "tsw_bench_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
        return new BenchDatabase(url, schema, dir.resolve("database-tables.txt"));
    }

    /** The gateway settings for this schema. */
    Map<String, String> settings() {
        Matcher m = USER.matcher(url);
        Map<String, String> s = new TreeMap<>();
        s.put("gateway.db.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema
                + "&ApplicationName=" + schema);
        s.put("gateway.db.user", m.find() ? m.group(1) : "postgres");
        s.put("gateway.db.password", "");
        return s;
    }

    String schema() {
        return schema;
    }

    /** The server's process ids of the gateway's connections (named by {@code ApplicationName}); empty if unknown. */
    List<Integer> backendPids() {
        List<Integer> pids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
        } catch (SQLException e) {
            System.err.println("[bench] pg_stat_activity: " + e.getMessage());
        }
        return pids;
    }

    /**
     * The server's counters at this moment: the database's commits and rollbacks (every client of the database), the
     * whole server's WAL records, bytes, writes and syncs ({@code pg_stat_wal}); empty if unreadable.
     */
    Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT xact_commit, xact_rollback FROM pg_stat_database"
                    + " WHERE datname = current_database()")) {
                putRow(rs, m);
            }
            try (ResultSet rs = st.executeQuery("SELECT wal_records, wal_fpi, wal_bytes::bigint, wal_write, wal_sync"
                    + " FROM pg_stat_wal")) {
                putRow(rs, m);
            }
        } catch (SQLException e) {
            System.err.println("[bench] PostgreSQL counters: " + e.getMessage());
        }
        return m;
    }

    private static void putRow(ResultSet rs, Map<String, Long> m) throws SQLException {
        if (rs.next()) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                m.put(md.getColumnLabel(i), rs.getLong(i));
            }
        }
    }

    /**
     * The schema's table and index statistics as text, read once the gateway's backends have ended (a backend reports
     * its last counts as it ends): waits up to 10 s for them to go.
     */
    private void writeStats() {
        for (int i = 0; i < 100 && !backendPids().isEmpty(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        StringBuilder out = new StringBuilder("-- " + schema + ": pg_stat_user_tables, pg_stat_user_indexes\n");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            table(st, "SELECT relname, seq_scan, seq_tup_read, idx_scan, idx_tup_fetch, n_tup_ins, n_tup_upd,"
                    + " n_tup_hot_upd, n_tup_del, n_live_tup, n_dead_tup, autovacuum_count, autoanalyze_count"
                    + " FROM pg_stat_user_tables WHERE schemaname = '" + schema + "' ORDER BY relname", out);
            table(st, "SELECT relname, indexrelname, idx_scan, idx_tup_read, idx_tup_fetch FROM pg_stat_user_indexes"
                    + " WHERE schemaname = '" + schema + "' ORDER BY relname, indexrelname", out);
            Files.createDirectories(statsFile.getParent());
            Files.writeString(statsFile, out);
        } catch (SQLException | IOException e) {
            System.err.println("[bench] could not write " + statsFile + ": " + e.getMessage());
        }
    }

    private static void table(Statement st, String sql, StringBuilder out) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> head = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                head.add(md.getColumnLabel(i));
            }
            out.append(String.join("\t", head)).append('\n');
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                out.append(String.join("\t", row)).append('\n');
            }
        }
    }

    @Override
    public void close() {
        writeStats();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("[bench] could not drop schema " + schema + ": " + e.getMessage());
        }
    }
}
