package hk.tsw.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The bench's options for the half-rate window and the scaling part: defaults, choices, and refusals with a reason. */
class BenchOptionsTest {

    @Test
    void scaling_runs_only_when_named_and_the_half_rate_window_has_defaults() {
        BenchOptions all = BenchOptions.parse(new String[0]);
        assertFalse(all.parts().contains("scaling"), "four JVMs and PostgreSQL are not started unasked");
        assertTrue(all.parts().containsAll(List.of("engine", "e2e", "as2")));
        assertEquals(60, all.halfRateSeconds());
        assertEquals(List.of(1, 2, 3), all.scalingNodes());
        assertEquals(300, all.scalingFiles());
        assertEquals(75, all.e2eWindowSeconds(), "issue 16: a measured window of at least 60 s after warm-up");
        assertEquals(new BenchOptions.Sftp(120, 3), all.sftp(), "generous for a loaded 2-core machine");
        assertEquals(600, all.startTimeoutSeconds(), "a start took over 3 minutes at a load average of 40");

        BenchOptions quick = BenchOptions.parse(new String[] {"--quick", "--only", "scaling,e2e"});
        assertEquals(Set.of("scaling", "e2e"), quick.parts());
        assertEquals(15, quick.halfRateSeconds());
        assertEquals(60, quick.scalingFiles());
        assertEquals(0, quick.e2eWindowSeconds(), "--quick measures exactly --files files");
        assertEquals(0, BenchOptions.parse(new String[] {"--files", "50"}).e2eWindowSeconds(),
                "files given: that many, not sized by the window");
    }

    @Test
    void the_node_counts_files_and_window_are_taken_as_given() {
        BenchOptions o = BenchOptions.parse(new String[] {"--scaling-nodes", "1, 3", "--scaling-files", "40",
                "--half-rate-seconds", "0", "--sftp-timeout", "30", "--sftp-attempts", "1"});
        assertEquals(new BenchOptions.Sftp(30, 1), o.sftp());
        assertEquals(List.of(1, 3), o.scalingNodes());
        assertEquals(40, o.scalingFiles());
        assertEquals(0, o.halfRateSeconds(), "0: no half-rate window");
    }

    @Test
    void impossible_values_are_refused_naming_the_options() {
        for (String[] bad : List.of(new String[] {"--scaling-nodes", "0,2"}, new String[] {"--scaling-files", "0"},
                new String[] {"--half-rate-seconds", "-1"}, new String[] {"--e2e-window", "-5"},
                new String[] {"--sftp-timeout", "0"}, new String[] {"--sftp-attempts", "0"},
                new String[] {"--start-timeout", "0"})) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(bad));
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
        IllegalArgumentException only = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--only", "scale"}));
        assertTrue(only.getMessage().contains("scaling"), only.getMessage());
    }
}
