package hk.tsw.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * CPU seconds a PostgreSQL server on this machine has spent, from {@code /proc}: on the same cores as the gateway its
 * work counts against the rate, and the gateway's own CPU figure does not see it. {@link #all} is every process named
 * {@code postgres} (the postmaster, the background writers, every backend) plus what the postmaster's ended children
 * spent (autovacuum workers, closed connections); {@link #of} only the given backends (the gateway's own connections,
 * see {@link BenchDatabase#backendPids}), which another client of the same server does not disturb. -1 where there is
 * no {@code /proc}.
 */
final class DatabaseServerCpu {

    private static final String NAME = "postgres";

    private DatabaseServerCpu() {
    }

    static double all() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return -1;
        }
        long ticks = 0;
        try (var dirs = Files.list(proc)) {
            for (Path p : dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                long[] t = ticks(p);
                if (t != null) {
                    // the postmaster's parent is not a postgres: count its reaped children too
                    ticks += t[0] + t[1] + (isPostgres(Path.of("/proc", String.valueOf(t[4]))) ? 0 : t[2] + t[3]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks / 100.0; // USER_HZ
    }

    static double of(Collection<Integer> pids) {
        long ticks = 0;
        for (int pid : pids) {
            long[] t = ticks(Path.of("/proc", String.valueOf(pid)));
            if (t != null) {
                ticks += t[0] + t[1];
            }
        }
        return ticks / 100.0;
    }

    /** utime, stime, cutime, cstime and the parent's pid of a postgres process, or null for any other. */
    private static long[] ticks(Path p) {
        try {
            if (!isPostgres(p)) {
                return null;
            }
            String stat = Files.readString(p.resolve("stat"));
            // fields after "(comm) ": state is field 3, ppid 4, utime 14, stime 15, cutime 16, cstime 17
            List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            return new long[] {Long.parseLong(f.get(11)), Long.parseLong(f.get(12)), Long.parseLong(f.get(13)),
                    Long.parseLong(f.get(14)), Long.parseLong(f.get(1))};
        } catch (IOException | RuntimeException e) {
            return null; // ended while read
        }
    }

    private static boolean isPostgres(Path p) {
        try {
            return Files.readString(p.resolve("comm")).strip().equals(NAME);
        } catch (IOException e) {
            return false;
        }
    }
}
