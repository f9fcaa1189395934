package hk.tsw.gateway.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command-line options shared by the commands. */
record CliOptions(List<Path> files, Path out, Path mappings, Path data, String dfdlValidation, Path config,
                  String partner) {

    static CliOptions parse(String[] args) {
        List<Path> files = new ArrayList<>();
        Path out = null;
        Path mappings = null;
        Path data = Path.of("data");
        String validation = "Off";
        Path config = null;
        String partner = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--mappings" -> mappings = Path.of(value(args, ++i, "--mappings"));
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--config" -> config = Path.of(value(args, ++i, "--config"));
                case "--partner" -> partner = value(args, ++i, "--partner");
                case "--dfdl-validation" -> validation = validation(value(args, ++i, "--dfdl-validation"));
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option: " + args[i]);
                    }
                    files.add(Path.of(args[i]));
                }
            }
        }
        Path m = mappings == null ? defaultMappings() : mappings;
        return new CliOptions(List.copyOf(files), out, m, data, validation,
                config == null ? m.toAbsolutePath().getParent().resolve("config") : config, partner);
    }

    private static String validation(String v) {
        for (String mode : new String[]{"Off", "Limited", "Full"}) {
            if (mode.equalsIgnoreCase(v)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--dfdl-validation takes Off, Limited or Full, not " + v);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** ./mappings, else the mappings folder of the checkout the jar was built in (gateway/server/target/../../mappings). */
    private static Path defaultMappings() {
        Path local = Path.of("mappings");
        if (Files.isDirectory(local)) {
            return local;
        }
        try {
            Path jar = Path.of(GatewayCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent().resolve("../../mappings").normalize();
            return Files.isDirectory(candidate) ? candidate : local;
        } catch (URISyntaxException | RuntimeException e) {
            return local;
        }
    }
}
