package hk.tsw.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Options of {@code bench}. {@code --quick} shortens every part (about two minutes in all); {@code --only} picks
 * parts: engine, broker, e2e (SFTP end to end, with cold start), as2 (AS2 end to end), coldstart (cold start with and
 * without an AppCDS archive), large (100 MB interchange), scaling (1, 2 and 3 nodes on an external broker and
 * PostgreSQL; only when named, never by default). {@code --postgres JDBC_URL}: the gateways under test keep
 * their message store in that PostgreSQL database (a fresh schema per gateway, dropped afterwards) instead of the
 * embedded H2, as a production node does; the URL's {@code user} parameter (default postgres) logs in.
 * {@code --half-rate-seconds S}: after the SFTP and AS2 maximum rates, load offered open loop at half of each for S
 * seconds (0: not measured). {@code --scaling-files N}, {@code --scaling-nodes 1,2,3}: the scaling part's measured
 * files per node count and the node counts. {@code --e2e-window S}: the e2e part measures at least S seconds (75;
 * {@code --quick} 0): it sizes its measured upload from the rate of its last warm-up round, never below {@code --files};
 * giving {@code --files} fixes the count instead (window 0). {@code --sftp-timeout S} (120) and {@code --sftp-attempts N}
 * (3): see {@link Sftp}. {@code --start-timeout S} (600): how long the e2e, as2 and large parts wait for their gateway
 * to be ready (health UP, then its listeners); at a load average of 40 a start took over 3 minutes.
 */
public record BenchOptions(boolean quick, Path work, Path out, Path config, Path mappings, Path xsd, Path dfdlCache,
                           long seed, Set<String> parts, int e2eFiles, int messagesPerFile, double warmupSeconds,
                           double measureSeconds, As2 as2, String postgres, double halfRateSeconds,
                           List<Integer> scalingNodes, int scalingFiles, double e2eWindowSeconds, Sftp sftp,
                           int startTimeoutSeconds) {

    /** How long a part waits for its gateway to be ready ({@code --start-timeout}). */
    java.time.Duration startTimeout() {
        return java.time.Duration.ofSeconds(startTimeoutSeconds);
    }

    static final List<String> PARTS = List.of("engine", "broker", "e2e", "as2", "coldstart", "large", "scaling");

    /** The parts run when {@code --only} is not given: all but scaling (it starts four JVMs and needs PostgreSQL). */
    static final List<String> DEFAULT_PARTS = PARTS.subList(0, PARTS.size() - 1);

    /**
     * The AS2 part: {@code messages} measured (after {@code warmup} not measured), posted on {@code connections}
     * connections, as fast as MDNs come back ({@code rate} 0) or at {@code rate} messages per second; content
     * encryption {@code cipher} (aes128 or aes256, CBC).
     */
    public record As2(int messages, int warmup, int connections, double rate, String cipher) {
    }

    /**
     * The partners' SFTP sessions: {@code timeoutSeconds} bounds each step that waits on the gateway (TCP connect, key
     * exchange and authentication, opening the SFTP channel, each SFTP command's answer); an upload that fails (a
     * session that would not open, a command without answer) is tried again on a new session, {@code attempts} times in
     * all, and counted. Generous by default: at a load average of 15-28 on 2 cores, 10 s was not enough to log in.
     */
    public record Sftp(int timeoutSeconds, int attempts) {
        java.time.Duration timeout() {
            return java.time.Duration.ofSeconds(timeoutSeconds);
        }
    }

    public static BenchOptions parse(String[] args) {
        boolean quick = false;
        Path work = Path.of("gateway/bench/target/bench");
        Path out = null;
        Path config = Path.of("config");
        Path mappings = Path.of("mappings");
        Path xsd = Path.of("xsd");
        Path cache = Files.isDirectory(Path.of("gateway/server/target/dfdl-cache")) ? Path.of("gateway/server/target/dfdl-cache")
                : Path.of("data/cache/dfdl");
        long seed = 20_260_101L;
        Set<String> parts = new LinkedHashSet<>(DEFAULT_PARTS);
        Integer files = null;
        Integer perFile = null;
        Double warmup = null;
        Double measure = null;
        Integer as2Messages = null;
        Integer as2Warmup = null;
        int as2Connections = 8;
        double as2Rate = 0;
        String as2Cipher = "aes256";
        String postgres = null;
        Double halfRate = null;
        List<Integer> scalingNodes = List.of(1, 2, 3);
        Integer scalingFiles = null;
        Double e2eWindow = null;
        int sftpTimeout = 120;
        int sftpAttempts = 3;
        int startTimeout = 600;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--work" -> work = Path.of(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                case "--config" -> config = Path.of(value(args, ++i));
                case "--mappings" -> mappings = Path.of(value(args, ++i));
                case "--xsd" -> xsd = Path.of(value(args, ++i));
                case "--dfdl-cache" -> cache = Path.of(value(args, ++i));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--files" -> files = Integer.parseInt(value(args, ++i));
                case "--messages-per-file" -> perFile = Integer.parseInt(value(args, ++i));
                case "--warmup" -> warmup = Double.parseDouble(value(args, ++i));
                case "--measure" -> measure = Double.parseDouble(value(args, ++i));
                case "--as2-messages" -> as2Messages = Integer.parseInt(value(args, ++i));
                case "--as2-warmup" -> as2Warmup = Integer.parseInt(value(args, ++i));
                case "--as2-connections" -> as2Connections = Integer.parseInt(value(args, ++i));
                case "--as2-rate" -> as2Rate = Double.parseDouble(value(args, ++i));
                case "--as2-cipher" -> {
                    as2Cipher = value(args, ++i);
                    As2PartnerClient.cipher(as2Cipher); // refuses anything but aes128 and aes256
                }
                case "--postgres" -> postgres = value(args, ++i);
                case "--e2e-window" -> e2eWindow = Double.parseDouble(value(args, ++i));
                case "--sftp-timeout" -> sftpTimeout = Integer.parseInt(value(args, ++i));
                case "--sftp-attempts" -> sftpAttempts = Integer.parseInt(value(args, ++i));
                case "--start-timeout" -> startTimeout = Integer.parseInt(value(args, ++i));
                case "--half-rate-seconds" -> halfRate = Double.parseDouble(value(args, ++i));
                case "--scaling-files" -> scalingFiles = Integer.parseInt(value(args, ++i));
                case "--scaling-nodes" -> scalingNodes = Arrays.stream(value(args, ++i).split(","))
                        .map(String::trim).map(Integer::valueOf).toList();
                case "--only" -> {
                    parts = new LinkedHashSet<>(List.of(value(args, ++i).split(",")));
                    if (!PARTS.containsAll(parts)) {
                        throw new IllegalArgumentException("--only takes a comma list of " + PARTS);
                    }
                }
                default -> throw new IllegalArgumentException("unknown bench option: " + args[i]);
            }
        }
        if (as2Connections < 1 || as2Rate < 0) {
            throw new IllegalArgumentException("--as2-connections must be at least 1 and --as2-rate at least 0");
        }
        if (e2eWindow != null && e2eWindow < 0) {
            throw new IllegalArgumentException("--e2e-window must be at least 0 (0: exactly --files files)");
        }
        if (halfRate != null && halfRate < 0 || scalingFiles != null && scalingFiles < 1
                || scalingNodes.stream().anyMatch(n -> n < 1 || n > 9)) {
            throw new IllegalArgumentException("--half-rate-seconds must be at least 0, --scaling-files at least 1"
                    + " and --scaling-nodes a comma list of 1 to 9");
        }
        if (sftpTimeout < 1 || sftpAttempts < 1 || startTimeout < 1) {
            throw new IllegalArgumentException("--sftp-timeout (seconds), --sftp-attempts and --start-timeout (seconds)"
                    + " must be at least 1");
        }
        work = work.toAbsolutePath();
        return new BenchOptions(quick, work, out == null ? work.resolve("bench.json") : out.toAbsolutePath(),
                config.toAbsolutePath(), mappings.toAbsolutePath(), xsd.toAbsolutePath(), cache.toAbsolutePath(), seed,
                parts, files != null ? files : quick ? 100 : 400, perFile != null ? perFile : 5,
                warmup != null ? warmup : quick ? 5 : 15, measure != null ? measure : quick ? 8 : 20,
                new As2(as2Messages != null ? as2Messages : quick ? 400 : 1500,
                        as2Warmup != null ? as2Warmup : quick ? 100 : 300, as2Connections, as2Rate, as2Cipher),
                postgres, halfRate != null ? halfRate : quick ? 15 : 60, scalingNodes,
                scalingFiles != null ? scalingFiles : quick ? 60 : 300,
                e2eWindow != null ? e2eWindow : files != null || quick ? 0 : 75, new Sftp(sftpTimeout, sftpAttempts),
                startTimeout);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
