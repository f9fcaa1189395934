package hk.tsw.gateway.intake.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.testsupport.TestPools;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay cache shared by gateway nodes, on both supported databases: two caches standing for two nodes see each
 * other's nonces, exactly one of many racing first uses wins, and an expired entry may be used again.
 */
class DatabaseReplayCacheTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private DataSource store(String kind) {
        DataSource ds = pools.of(kind, tmp);
        MessageStore.migrate(ds);
        return ds;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_nonce_seen_by_one_node_is_a_replay_on_another(String kind) {
        DataSource ds = store(kind);
        DatabaseReplayCache nodeA = new DatabaseReplayCache(ds, "nonce", Duration.ofMinutes(6));
        DatabaseReplayCache nodeB = new DatabaseReplayCache(ds, "nonce", Duration.ofMinutes(6));
        assertFalse(nodeA.contains("n-1"), "first use");
        nodeA.add("n-1", Instant.now().plusSeconds(300));
        assertTrue(nodeB.contains("n-1"), "replayed to another node");
        assertTrue(nodeA.contains("n-1"), "replayed to the same node");
        assertFalse(new DatabaseReplayCache(ds, "timestamp", Duration.ofMinutes(6)).contains("n-1"),
                "caches do not share identifiers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void of_many_racing_first_uses_exactly_one_wins(String kind) throws Exception {
        DataSource ds = store(kind);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                DatabaseReplayCache node = new DatabaseReplayCache(ds, "nonce", Duration.ofMinutes(6));
                racers.add(() -> node.contains("race"));
            }
            int winners = 0;
            for (Future<Boolean> f : pool.invokeAll(racers)) {
                winners += f.get() ? 0 : 1;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void an_expired_entry_may_be_used_again(String kind) {
        DataSource ds = store(kind);
        DatabaseReplayCache cache = new DatabaseReplayCache(ds, "nonce", Duration.ofMinutes(6));
        assertFalse(cache.contains("old"));
        cache.add("old", Instant.now().minusSeconds(1));
        assertFalse(cache.contains("old"), "expired: not a replay");
        assertTrue(cache.contains("old"), "but now it is remembered again");
    }
}
