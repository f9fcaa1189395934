package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import hk.tsw.gateway.testsupport.TestPools;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retention of {@code singleton_tenure}, on H2 and PostgreSQL: tenures that ended before the cut-off go, in batches;
 * a tenure still open and each singleton's latest row stay, however old.
 */
class SingletonTenureRetentionTest {

    private static final Singleton SFTP = new Singleton("sftp-receive");
    private static final Singleton WEBHOOK = new Singleton("webhook");
    private static final Singleton AS2 = new Singleton("as2-outbound");

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private final Instant now = Instant.parse("2026-12-05T12:00:00Z");
    private SingletonTenure tenure;

    private void open(String kind) {
        tenure = new SingletonTenure(pools.store(kind, tmp));
        held(SFTP, "node-a", 300, 200);   // ended 200 days ago: goes
        held(SFTP, "node-b", 200, 150);   // goes
        held(SFTP, "node-a", 150, 10);    // ended within the 90 days: stays
        tenure.start(SFTP, "node-b", days(10));  // held now: stays
        held(WEBHOOK, "node-a", 400, 350); // goes
        held(WEBHOOK, "node-b", 350, 300); // old, but the latest of its singleton: stays
        tenure.start(AS2, "node-c", days(500));  // never closed (no successor yet): stays
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void deletes_tenures_ended_before_the_cut_off_in_batches_and_keeps_open_and_latest_rows(String kind) {
        open(kind);
        assertEquals(3, tenure.deleteEnded(days(90), 2, () -> true));

        assertEquals(List.of("node-a 150", "node-b 10"), rows(SFTP));
        assertEquals(List.of("node-b 350"), rows(WEBHOOK));
        assertEquals(List.of("node-c 500"), rows(AS2));
        assertEquals(0, tenure.deleteEnded(days(90), 2, () -> true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_node_that_stops_leading_stops_after_the_batch_it_is_in(String kind) {
        open(kind);
        assertEquals(2, tenure.deleteEnded(days(90), 2, () -> false));
        assertEquals(1, tenure.deleteEnded(days(90), 2, () -> false));
    }

    private void held(Singleton s, String node, int fromDaysAgo, int toDaysAgo) {
        tenure.stop(tenure.start(s, node, days(fromDaysAgo)), days(toDaysAgo), "test");
    }

    private Instant days(int ago) {
        return now.minus(ago, ChronoUnit.DAYS);
    }

    private List<String> rows(Singleton s) {
        return tenure.of(s.name()).stream()
                .map(r -> r.node() + " " + Duration.between(r.startedAt(), now).toDays()).toList();
    }
}
