package hk.tsw.gateway.reliability;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import hk.tsw.gateway.testsupport.Invariants;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import hk.tsw.gateway.testsupport.ProcessHarness;

/**
 * Scenario 2: the gateway halts (test-only switch {@code gateway.faults.halt.at}: the JVM stops dead, no shutdown
 * hooks) at each step of the flow — after receive (stored, not queued), after the queue hand-off before the
 * acknowledgement, after the acknowledgement (the file moved out of the inbox) before the translation, after mapping
 * before the answer, after an agency accepted a document before the delivery was
 * recorded — at the third message of 12. It is started again without the switch while the partner re-uploads what
 * was not acknowledged; the invariants then hold.
 */
@org.junit.jupiter.api.extension.ExtendWith(hk.tsw.gateway.testsupport.GatewayLogsOnFailure.class)
class HaltPointsIT {

    private static final int COUNT = 12;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"received", "queued", "acknowledged", "mapped", "forwarded"})
    void a_halt_at_each_step_loses_nothing_and_duplicates_nothing(String point) throws Exception {
        try (ProcessHarness h = new ProcessHarness(dir.resolve(point))) {
            h.start(Map.of("gateway.faults.halt.at", point, "gateway.faults.halt.after", "3"));
            Set<String> lodged = new TreeSet<>();
            boolean[] restarted = {false};
            for (int i = 0; i < COUNT; i++) {
                String ref = "HALT" + point.substring(0, 3).toUpperCase() + i;
                h.uploadUntilTaken(ref + ".edi", ProcessHarness.declaration(ref), () -> {
                    if (!restarted[0] && !h.gateway.alive()) {
                        try {
                            h.start(Map.of());
                        } catch (Exception e) {
                            throw new IllegalStateException("the gateway did not start again after the halt", e);
                        }
                        restarted[0] = true;
                    }
                });
                lodged.add("DOC-" + ref);
            }
            if (!restarted[0]) {
                // the halt came after the last upload: wait for it, then start again
                await().atMost(Duration.ofSeconds(120)).until(() -> !h.gateway.alive());
                h.start(Map.of());
            }
            Invariants.Counts counts = h.invariants().check(h.ced, h.data, lodged, Set.of(), 0);
            System.out.println("halt test at '" + point + "': " + counts);
        }
    }
}
