package hk.tsw.gateway.runtime;

import java.lang.management.ManagementFactory;
import java.util.StringJoiner;

/**
 * Where a start's time goes: each {@link #done(String)} notes the wall-clock milliseconds since the previous step and
 * the CPU milliseconds the whole process (every thread: the JIT compilers, the broker's, the background warm-ups)
 * spent meanwhile. {@link #toString()} is the one line the runtime logs after its ready line.
 */
final class BootSteps {

    private static final com.sun.management.OperatingSystemMXBean OS = os();

    private final StringJoiner line = new StringJoiner(", ");
    private long wall = System.nanoTime();
    private long cpu = processCpuNanos();

    BootSteps() {
        // what the JVM and the command line spent before the runtime was asked to start
        line.add("jvm " + ManagementFactory.getRuntimeMXBean().getUptime() + "/" + (cpu < 0 ? "?" : String.valueOf(cpu / 1_000_000)));
    }

    /** Ends the step {@code name} (a short word, no user input). */
    void done(String name) {
        long w = System.nanoTime();
        long c = processCpuNanos();
        line.add(name + " " + (w - wall) / 1_000_000 + "/" + (c < 0 ? "?" : String.valueOf((c - cpu) / 1_000_000)));
        wall = w;
        cpu = c;
    }

    /** The process's CPU time so far, in nanoseconds, or -1 where the JVM cannot tell. */
    static long processCpuNanos() {
        return OS == null ? -1 : OS.getProcessCpuTime();
    }

    @Override
    public String toString() {
        return "start-up steps (wall ms/process CPU ms): " + line;
    }

    private static com.sun.management.OperatingSystemMXBean os() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o ? o : null;
    }
}
