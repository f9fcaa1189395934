package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.PayloadFiles;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, migrated message store on H2 for each test of a class that tests one store-backed class
 * ({@code @RegisterExtension final H2Store h2 = new H2Store();}): opened in a folder of its own before the test,
 * closed and deleted after it. Tests that run on both H2 and PostgreSQL use {@link TestPools#of} instead.
 */
public final class H2Store implements BeforeEachCallback, AfterEachCallback {

    private Path dir;
    private HikariDataSource dataSource;
    private MessageStore store;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("tsw-h2-store");
        dataSource = TestDatabases.h2(dir);
        MessageStore.migrate(dataSource);
        store = new MessageStore(dataSource, new PayloadFiles(dir.resolve("payloads")));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (dataSource != null) {
            dataSource.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(H2Store::delete);
            }
        }
    }

    /** The store of the test running. */
    public MessageStore store() {
        return store;
    }

    /** Its database, for a test that reads the rows themselves. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
