package hk.tsw.gateway.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import hk.tsw.gateway.store.MessageStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link TestDatabases} pools one test opens, closed when it ends ({@code @RegisterExtension final TestPools pools =
 * new TestPools();}, then {@code pools.store(kind, tmp)}): the suite never leans on the pools' idle timeout to give
 * PostgreSQL its connections back, and an H2 file is let go before its folder is removed.
 */
public final class TestPools implements AfterEachCallback {

    private final List<HikariDataSource> open = new ArrayList<>();

    /** As {@link TestDatabases#of}: h2 in {@code dir} or a fresh PostgreSQL schema; closed after the test. */
    public synchronized HikariDataSource of(String kind, Path dir) {
        HikariDataSource pool = TestDatabases.pool(kind, dir);
        open.add(pool);
        return pool;
    }

    /** As {@link TestDatabases#store}: a migrated store, its payloads under {@code dir}; its pool closed after the test. */
    public MessageStore store(String kind, Path dir) {
        return TestDatabases.store(of(kind, dir), dir);
    }

    /** Closes every pool opened here, the last first. */
    @Override
    public synchronized void afterEach(ExtensionContext context) {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }
}
