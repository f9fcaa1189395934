package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import hk.tsw.gateway.testsupport.TestPools;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failed console logins counted in the store on both supported databases: failures racing from several nodes (each
 * its own {@link LoginFailures} on one database) are all counted, the first one included (two nodes inserting the
 * first row at once), and the sweep forgets only old counts that lock nothing.
 */
class LoginFailuresTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private MessageStore store(String kind) {
        return pools.store(kind, tmp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void racing_failures_on_several_nodes_are_all_counted(String kind) throws Exception {
        MessageStore store = store(kind);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                LoginFailures node = new LoginFailures(store);
                racers.add(() -> node.failed("account:ced", Instant.now(), f ->
                        new LoginFailures.Failures(f == null ? 1 : f.count() + 1, null)).count());
            }
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(racers)) {
                seen.add(f.get());
            }
            assertEquals(8, new LoginFailures(store).get("account:ced").orElseThrow().count());
            assertEquals(8, seen.stream().distinct().count(), "each failure saw its own count: " + seen);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void the_sweep_forgets_old_counts_but_not_a_lock_in_force(String kind) {
        LoginFailures failures = new LoginFailures(store(kind));
        Instant old = Instant.parse("2026-12-01T08:00:00Z");
        Instant now = Instant.parse("2026-12-04T08:00:00Z");
        failures.failed("account:old", old, f -> new LoginFailures.Failures(1, null));
        failures.failed("account:locked", old, f -> new LoginFailures.Failures(5, now.plusSeconds(60)));
        failures.failed("account:recent", now, f -> new LoginFailures.Failures(2, null));
        assertEquals(1, failures.forgetBefore(now.minusSeconds(86_400), now));
        assertTrue(failures.get("account:old").isEmpty());
        assertTrue(failures.get("account:locked").isPresent());
        assertTrue(failures.get("account:recent").isPresent());
        failures.clear("account:recent");
        assertTrue(failures.get("account:recent").isEmpty());
    }
}
