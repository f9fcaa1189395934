package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.PayloadFiles;
import hk.tsw.gateway.store.Singleton;
import hk.tsw.gateway.store.SingletonElector;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Nodes of one cluster on the local PostgreSQL, for a test of what they share through the store
 * ({@code @RegisterExtension final PostgresNodes pg = new PostgresNodes();}): a fresh schema per test (so the lock
 * keys and the rows are the test's own) with its pool migrated, a message store per node, and singleton electors each
 * on a lock connection of its own, as a node has, whose session a test can end as a dead node's would. Everything is
 * closed after the test, the electors before the pool.
 */
public final class PostgresNodes implements AfterEachCallback {

    private final List<AutoCloseable> open = new ArrayList<>();
    /** The backend pid of each node's lock connection, by node name. */
    private final Map<String, Integer> pids = new ConcurrentHashMap<>();
    private String url;
    private HikariDataSource pool;
    private Path dir;

    /** The JDBC URL of the test's fresh schema, created at the first call. */
    public synchronized String url() {
        if (url == null) {
            url = TestDatabases.postgresUrl();
        }
        return url;
    }

    /** The schema's pool, migrated at the first call; closed after everything else. */
    public synchronized HikariDataSource pool() {
        if (pool == null) {
            HikariConfig c = new HikariConfig();
            c.setJdbcUrl(url());
            c.setMaximumPoolSize(4);
            pool = new HikariDataSource(c);
            open.add(0, pool);
            MessageStore.migrate(pool);
        }
        return pool;
    }

    /** {@code node}'s message store on the pool ({@code node} null: no node named, as one store without a cluster). */
    public MessageStore store(String node) {
        return new MessageStore(pool(), new PayloadFiles(dir().resolve("payloads")), node);
    }

    /**
     * An elector for {@code node} wanting {@code wanted}, started, on a connection of its own whose backend pid is
     * recorded ({@link #endSession}); closed after the test.
     */
    public SingletonElector elector(MessageStore store, String node, Singleton... wanted) {
        String at = url();
        SingletonElector e = new SingletonElector(store, () -> {
            Connection c = DriverManager.getConnection(at);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pids.put(node, rs.getInt(1));
            }
            return c;
        }, node, 100);
        for (Singleton s : wanted) {
            e.want(s);
        }
        e.start();
        open.add(e);
        return e;
    }

    /** How many nodes have opened a lock connection. */
    public int sessions() {
        return pids.size();
    }

    /**
     * Ends {@code node}'s lock session as when its process or its network dies ({@code pg_terminate_backend});
     * whether the database ended one.
     */
    public boolean endSession(String node) throws SQLException {
        try (Connection admin = DriverManager.getConnection(url()); Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(" + pids.get(node) + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        open.clear();
        pids.clear();
        url = null;
        pool = null;
        dir = null;
    }

    /** The folder of the nodes' payloads (shared, as a cluster's mounted payload store is). */
    private synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("tsw-pg-nodes");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }
}
