package hk.tsw.gateway.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import hk.tsw.gateway.testsupport.ProjectRoot;

/**
 * Every database pool a test opens is closed by the test (a clean-clone CI once ran PostgreSQL out of connections on
 * pools nobody closed): a test takes its pools and stores from {@code TestPools}, {@code H2Store} or
 * {@code PostgresNodes}, which close them after it, or opens one in a try-with-resources. A call that opens a pool
 * ({@code TestDatabases.h2/postgres/pool/of}, {@code TestDatabases.store("h2", dir)}, {@code new HikariDataSource})
 * anywhere else in the tests is a leak, unless its file is listed below with how it closes the pool. No timing: the
 * test reads the sources.
 */
class TestPoolsClosedTest {

    private static final List<Path> SOURCES = List.of(ProjectRoot.REPO.resolve("gateway/server/src/test/java"),
            ProjectRoot.REPO.resolve("gateway/bench/src/test/java"));

    /** Files that open a pool outside a try-with-resources and close it themselves, with where. */
    static final Map<String, String> CLOSING_THEMSELVES = Map.of(
            "hk/tsw/gateway/store/TestDatabasesPoolsTest.java", "closes its thirty pools in a finally",
            "hk/tsw/gateway/intake/sftp/SftpInboxPollerTest.java", "Poller.close(), each Poller in a try-with-resources",
            "hk/tsw/gateway/runtime/DeliveryBatchRecordsTest.java", "its reWriteBatchedInserts pool, in @AfterEach");

    /** This file, whose examples of the forms are no calls. */
    private static final String SELF = "hk/tsw/gateway/architecture/TestPoolsClosedTest.java";

    private static final Pattern OPENS_A_POOL = Pattern.compile(
            "\\bTestDatabases\\s*\\.\\s*(h2|postgres|pool|of)\\s*\\("
                    + "|\\bTestDatabases\\s*\\.\\s*store\\s*\\(\\s*(\"|kind\\b)"
                    + "|\\bnew\\s+HikariDataSource\\s*\\(");

    private static final Pattern IN_TRY_WITH_RESOURCES = Pattern.compile("^\\s*try\\s*\\(");

    @Test
    void no_test_opens_a_pool_it_does_not_close() throws IOException {
        List<String> found = new ArrayList<>();
        int read = 0;
        for (Path root : SOURCES) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            read += files.size();
            for (Path file : files) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (name.equals(SELF) || CLOSING_THEMSELVES.containsKey(name)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (opensAPoolLeftOpen(lines.get(i))) {
                        found.add(name + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertTrue(read > 100, "read " + read + " test sources under " + SOURCES);
        assertEquals(List.of(), found, "pools opened and never closed: take them from a TestPools extension"
                + " (@RegisterExtension final TestPools pools = new TestPools(); pools.store(kind, tmp) or"
                + " pools.of(kind, tmp)) or open them in a try-with-resources");
    }

    @Test
    void the_scan_finds_the_leaking_forms_and_passes_their_closed_twins() {
        assertTrue(opensAPoolLeftOpen("DataSource ds = TestDatabases.of(kind, tmp);"));
        assertTrue(opensAPoolLeftOpen("store = TestDatabases.store(\"h2\", tmp);"));
        assertTrue(opensAPoolLeftOpen("MessageStore store = TestDatabases.store(kind, tmp.resolve(\"db\"));"));
        assertTrue(opensAPoolLeftOpen("ds = TestDatabases.h2(tmp);"));
        assertTrue(opensAPoolLeftOpen("HikariDataSource pool = TestDatabases.postgres();"));
        assertTrue(opensAPoolLeftOpen("HikariDataSource ds = new HikariDataSource(config);"));
        // the control: the same pools from the extension, in a try-with-resources, or a store on a pool already held
        assertFalse(opensAPoolLeftOpen("DataSource ds = pools.of(kind, tmp);"));
        assertFalse(opensAPoolLeftOpen("store = pools.store(\"h2\", tmp);"));
        assertFalse(opensAPoolLeftOpen("try (HikariDataSource ds = TestDatabases.h2(tmp)) {"));
        assertFalse(opensAPoolLeftOpen("return TestDatabases.store(ds, dir);"));
        assertFalse(opensAPoolLeftOpen("String url = TestDatabases.postgresUrl();"));
    }

    static boolean opensAPoolLeftOpen(String line) {
        return OPENS_A_POOL.matcher(line).find() && !IN_TRY_WITH_RESOURCES.matcher(line).find();
    }
}
