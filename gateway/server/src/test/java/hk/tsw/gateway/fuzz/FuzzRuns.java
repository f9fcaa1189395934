package hk.tsw.gateway.fuzz;

/**
 * Settings shared by the fuzz tests. In a normal {@code mvn test} the fuzz tests only replay their regression
 * inputs; with {@code JAZZER_FUZZ=1} one of them fuzzes for at most {@link #MAX_DURATION} (see docs/FUZZING.md).
 */
final class FuzzRuns {

    /** Upper bound of one fuzzing run; libFuzzer's {@code -max_total_time}. Ctrl-C ends a run earlier. */
    static final String MAX_DURATION = "5m";

    private FuzzRuns() {
    }
}
