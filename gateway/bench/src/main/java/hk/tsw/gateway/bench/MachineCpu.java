package hk.tsw.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds the whole machine has spent busy (every process: the gateway, the bench JVM playing partners and
 * agencies, a PostgreSQL server), from the first line of {@code /proc/stat}; -1 where there is none. The difference
 * over a measured window, per message, is what one machine pays for a message end to end.
 */
final class MachineCpu {

    private MachineCpu() {
    }

    static double busySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...: busy = all but idle and iowait
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / 100.0; // USER_HZ
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
