package hk.tsw.gateway.bench;

import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL server's share of a measured window ({@code --postgres}): its CPU on this machine (all of it, and the
 * gateway's own backends alone), and per message the database's commits and the server's WAL records, bytes and
 * syncs. Started where the window starts; {@link #report} where it ends.
 */
final class DatabaseWindow {

    private final BenchDatabase database;
    private final List<Integer> backends;
    private final double serverAtStart;
    private final double backendsAtStart;
    private final Map<String, Long> countersAtStart;

    DatabaseWindow(BenchDatabase database) {
        this.database = database;
        this.backends = database.backendPids();
        this.serverAtStart = DatabaseServerCpu.all();
        this.backendsAtStart = DatabaseServerCpu.of(backends);
        this.countersAtStart = database.counters();
    }

    /** @param gatewayMs the gateway's CPU-ms per message without the JIT over the same window */
    void report(BenchReport report, int messages, double gatewayMs) {
        double server = DatabaseServerCpu.all() - serverAtStart;
        double own = DatabaseServerCpu.of(backends) - backendsAtStart;
        Map<String, Long> counters = database.counters();
        if (serverAtStart >= 0) {
            double ms = server * 1000 / messages;
            report.add("e2e", "databaseServerCpuMsPerMessage", BenchReport.round(ms), "CPU-ms per message of every"
                    + " PostgreSQL process on this machine (backends, WAL writer, checkpointer, autovacuum; any other"
                    + " client's work included)");
            report.add("e2e", "databaseBackendsCpuMsPerMessage", BenchReport.round(own * 1000 / messages), "CPU-ms per"
                    + " message of the gateway's own " + backends.size() + " backends");
            report.add("e2e", "gatewayAndDatabaseCpuMsPerMessageWithoutJit", BenchReport.round(gatewayMs + ms),
                    "CPU-ms per message, the gateway without the JIT plus every PostgreSQL process");
        }
        counters.forEach((k, v) -> {
            Long was = countersAtStart.get(k);
            if (was != null) {
                report.add("e2e", "database_" + k + "_perMessage", Math.round((v - was) * 100.0 / messages) / 100.0,
                        k.startsWith("xact") ? "per message, the whole database (other clients included)"
                                : "per message, the whole server (pg_stat_wal)");
            }
        });
    }
}
