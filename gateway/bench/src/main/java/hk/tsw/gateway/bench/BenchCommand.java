package hk.tsw.gateway.bench;

import java.io.PrintStream;
import java.util.Arrays;


/**
 * {@code java -jar gateway/bench/target/tsw-bench.jar [--quick] [--only engine,broker,e2e,as2,coldstart,large,scaling] [--out FILE] ...}: measures the engine, the broker and the
 * gateway end to end on this machine and prints a table; the same figures go to JSON (default
 * {@code gateway/bench/target/bench/bench.json}). Never part of the test suite.
 */
public final class BenchCommand {

    static final String USAGE = "usage: java -jar gateway/bench/target/tsw-bench.jar [--quick] [--only engine,broker,e2e,as2,coldstart,large,scaling (scaling only when named)] [--out FILE] [--work DIR]"
            + " [--config DIR] [--mappings DIR] [--xsd DIR] [--dfdl-cache DIR] [--seed N] [--files N]"
            + " [--messages-per-file N] [--warmup SECONDS] [--measure SECONDS] [--as2-messages N]"
            + " [--as2-warmup N]"
            + " [--as2-connections N (8)] [--as2-rate MSG_PER_S (0: as fast as MDNs return)] [--as2-cipher aes128|aes256]"
            + " [--postgres JDBC_URL (message store in PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)]"
            + " [--e2e-window S (75; --quick or --files: 0)]"
            + " [--half-rate-seconds S (60; --quick 15; 0: no half-rate window)] [--scaling-files N (300; --quick 60)]"
            + " [--scaling-nodes 1,2,3]"
            + " [--sftp-timeout S (120: each SFTP connect, login, channel open and command answer)]"
            + " [--start-timeout S (600: e2e, as2 and large wait this long for their gateway to be ready)]"
            + " [--sftp-attempts N (3: an e2e upload that fails is tried again on a new session, counted)]"
            + " (system property -Djdk.httpclient.keepalive.timeout=S: the AS2 client's idle keep-alive, 10 unless"
            + " given, below the gateway's 30 s)";

    private BenchCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("large-child")) {
            return LargeInterchangeChild.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (Arrays.asList(args).contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        As2PartnerClient.keepIdleConnectionsShorterThanTheGateway(); // before any HTTP client is made
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            return new Bench(options, out, err).run();
        } catch (Exception e) {
            err.println("bench failed: " + e);
            org.slf4j.LoggerFactory.getLogger(BenchCommand.class).error("bench failed", e);
            return 2;
        }
    }
}
