package hk.tsw.gateway.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code java -jar tsw-gateway.jar COMMAND ...}. Exit codes: 0 every message accepted, 1 something rejected,
 * 2 usage error or the engine could not start.
 */
public final class GatewayCli {

    static final String USAGE = String.join("\n",
            "usage: java -jar tsw-gateway.jar COMMAND [options] [FILE...]",
            "  translate FILE... --out DIR   write one canonical XML file per accepted message",
            "  validate FILE...              check only (syntax, mapping, business rules); nothing is written",
            "  preflight FILE...             validate, and print the CONTRL / APERAK / WCO Response it would get",
            "                                (--partner ID: also that partner's sender ids, submitter ids, types)",
            "  run [--config DIR] [--data DIR]  run the gateway (embedded broker, store, SFTP; Ctrl-C stops it)",
            "  broker [--config DIR] [--data DIR]  run the gateway's broker alone on gateway.broker.acceptor, for",
            "                                external-broker mode (run with -Dgateway.broker.embedded=false)",
            "  cds [--config DIR] [--out FILE]  write a class-data-sharing archive of what the gateway loads at",
            "                                start (default gateway/server/target/tsw-gateway.jsa), then start with",
            "                                java -XX:SharedArchiveFile=FILE -jar tsw-gateway.jar run",
            "  demo                          translate the demo samples in mappings/*/samples into data/out",
            "options: --mappings DIR (default ./mappings)  --data DIR (default ./data)",
            "         --dfdl-validation Off|Limited|Full  Daffodil's own directory validation (default Off: the",
            "         envelope scanner and segment-table check run always)",
            "exit status: 0 all accepted, 1 something rejected (errors on stderr), 2 usage error");

    private GatewayCli() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int status;
        try {
            status = run(args, out, err);
        } catch (RuntimeException | Error e) {
            // The user gets one line; the stack trace is for the log only.
            org.slf4j.LoggerFactory.getLogger(GatewayCli.class).debug("internal error", e);
            err.println("internal error: " + e);
            status = 2;
        }
        System.exit(status);
    }

    /** Runs a command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        CliOptions options;
        try {
            options = CliOptions.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        return switch (args[0]) {
            case "translate" -> new TranslateCommand(options, out, err).translate(true);
            case "validate" -> new TranslateCommand(options, out, err).translate(false);
            case "preflight" -> new TranslateCommand(options, out, err).preflight();
            case "run" -> RunCommand.run(options.config(), options.data(), out, err);
            case "broker" -> BrokerCommand.run(options.config(), options.data(), out, err);
            case "cds" -> CdsCommand.run(options.config(), options.out(), out, err);
            case "demo" -> new TranslateCommand(options, out, err).demo();
            case "help", "--help", "-h" -> {
                out.println(USAGE);
                yield 0;
            }
            default -> {
                err.println("unknown command: " + args[0]);
                err.println(USAGE);
                yield 2;
            }
        };
    }
}
