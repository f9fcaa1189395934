package hk.tsw.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Options of {@code bench}. {@code --quick} shortens every part (about two minutes in all); {@code --only} picks
 * parts: engine, broker, e2e (SFTP end to end, with cold start), large (100 MB interchange).
 */
public record BenchOptions(boolean quick, Path work, Path out, Path config, Path mappings, Path xsd, Path dfdlCache,
                           long seed, Set<String> parts, int e2eFiles, int messagesPerFile, double warmupSeconds,
                           double measureSeconds) {

    static final List<String> PARTS = List.of("engine", "broker", "e2e", "large");

    public static BenchOptions parse(String[] args) {
        boolean quick = false;
        Path work = Path.of("gateway/target/bench");
        Path out = null;
        Path config = Path.of("config");
        Path mappings = Path.of("mappings");
        Path xsd = Path.of("xsd");
        Path cache = Files.isDirectory(Path.of("gateway/target/dfdl-cache")) ? Path.of("gateway/target/dfdl-cache")
                : Path.of("data/cache/dfdl");
        long seed = 20_260_101L;
        Set<String> parts = new LinkedHashSet<>(PARTS);
        Integer files = null;
        Integer perFile = null;
        Double warmup = null;
        Double measure = null;
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
                case "--only" -> {
                    parts = new LinkedHashSet<>(List.of(value(args, ++i).split(",")));
                    if (!PARTS.containsAll(parts)) {
                        throw new IllegalArgumentException("--only takes a comma list of " + PARTS);
                    }
                }
                default -> throw new IllegalArgumentException("unknown bench option: " + args[i]);
            }
        }
        work = work.toAbsolutePath();
        return new BenchOptions(quick, work, out == null ? work.resolve("bench.json") : out.toAbsolutePath(),
                config.toAbsolutePath(), mappings.toAbsolutePath(), xsd.toAbsolutePath(), cache.toAbsolutePath(), seed,
                parts, files != null ? files : quick ? 100 : 400, perFile != null ? perFile : 5,
                warmup != null ? warmup : quick ? 5 : 15, measure != null ? measure : quick ? 8 : 20);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
