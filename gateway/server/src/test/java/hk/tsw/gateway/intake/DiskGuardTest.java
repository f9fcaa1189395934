package hk.tsw.gateway.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk guard on this machine's real disk: limits put below and above what it uses. */
class DiskGuardTest {

    @TempDir
    Path dir;

    private double used() throws Exception {
        var store = Files.getFileStore(dir);
        return 100.0 * (store.getTotalSpace() - store.getUsableSpace()) / store.getTotalSpace();
    }

    @Test
    void a_limit_below_the_usage_pauses_intake_with_the_figures_and_raising_it_resumes() throws Exception {
        double used = used();
        assumeTrue(used > 3 && used < 97, "needs a disk between 3% and 97% used, this one is " + used + "%");
        List<Boolean> changes = new ArrayList<>();
        try (DiskGuard guard = new DiskGuard(dir, 99, 1, 60_000)) {
            guard.onChange(changes::add);
            List<Double> brokerLimits = new ArrayList<>();
            guard.brokerLimit(brokerLimits::add);
            guard.requireRoom();
            assertFalse(guard.status().paused());

            DiskGuard.Status paused = guard.setLimit(2);
            assertTrue(paused.paused());
            assertEquals(1.0, paused.intakeLimitPercent());
            IntakePausedException e = assertThrows(IntakePausedException.class, guard::requireRoom);
            assertTrue(e.getMessage().contains("above the intake limit of 1.0%") && e.getMessage().contains("send again later"),
                    e.getMessage());

            assertFalse(guard.setLimit(99).paused());
            guard.requireRoom();
            assertEquals(List.of(true, false), changes, "listeners told of the pause and of the resumption");
            assertEquals(List.of(2.0, 99.0), brokerLimits, "the broker's limit follows the operator's");
        }
    }

    @Test
    void a_limit_that_leaves_no_room_for_the_headroom_or_is_over_100_is_refused() throws Exception {
        try (DiskGuard guard = new DiskGuard(dir, 90, 2, 60_000)) {
            assertThrows(IllegalArgumentException.class, () -> guard.setLimit(2));
            assertThrows(IllegalArgumentException.class, () -> guard.setLimit(101));
            assertThrows(IllegalArgumentException.class, () -> guard.setLimit(Double.NaN));
            assertEquals(90.0, guard.status().brokerLimitPercent(), "unchanged");
        }
    }
}
