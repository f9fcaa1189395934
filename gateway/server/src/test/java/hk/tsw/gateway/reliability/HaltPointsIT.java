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
 * acknowledgement, after the acknowledgement (the file moved out of the inbox) before the translation, after the
 * interchange's one store commit before its deliveries are released, after that commit before its answer is written
 * to the partner's outbox ({@code answering}: the redelivery or the outbox sweep writes it after the restart), after
 * an agency accepted a document before the delivery was recorded — at the third message (or answer) of 12. It is
 * started again without the switch while the partner re-uploads what was not acknowledged; the invariants then hold, and the partner finds
 * a receipt for every interchange in its outbox, over SFTP.
 */
@org.junit.jupiter.api.extension.ExtendWith(hk.tsw.gateway.testsupport.GatewayLogsOnFailure.class)
class HaltPointsIT {

    private static final int COUNT = 12;

    /** The restart's settings: the outbox sweep soon, so that an answer left unwritten is seen within the test. */
    private static final Map<String, String> SWEEP = Map.of("gateway.outbox.sweep.ms", "1000",
            "gateway.outbox.sweep.grace.ms", "1000");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"received", "queued", "acknowledged", "mapped", "answering", "forwarded"})
    void a_halt_at_each_step_loses_nothing_and_duplicates_nothing(String point) throws Exception {
        try (ProcessHarness h = new ProcessHarness(dir.resolve(point))) {
            h.start(Map.of("gateway.faults.halt.at", point, "gateway.faults.halt.after", "3",
                    "gateway.outbox.sweep.ms", "1000", "gateway.outbox.sweep.grace.ms", "1000"));
            Set<String> lodged = new TreeSet<>();
            boolean[] restarted = {false};
            for (int i = 0; i < COUNT; i++) {
                String ref = "HALT" + point.substring(0, 3).toUpperCase() + i;
                h.uploadUntilTaken(ref + ".edi", ProcessHarness.declaration(ref), () -> {
                    if (!restarted[0] && !h.gateway.alive()) {
                        try {
                            h.start(SWEEP);
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
                h.start(SWEEP);
            }
            Invariants.Counts counts = h.invariants().check(h.ced, h.data, lodged, Set.of(), 0);
            // every interchange answered in the partner's outbox (at 'answering' the sweep writes the one whose
            // commit came before the halt)
            Set<String> receipts = new TreeSet<>();
            lodged.forEach(doc -> receipts.add(doc.substring("DOC-".length()) + ".receipt.txt"));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Set<String> missing = new TreeSet<>(receipts);
                missing.removeAll(h.outbox());
                org.junit.jupiter.api.Assertions.assertTrue(missing.isEmpty(), "receipts missing in DEMOFWD's outbox: "
                        + missing);
            });
            System.out.println("halt test at '" + point + "': " + counts + ", " + receipts.size() + " receipts");
        }
    }
}
