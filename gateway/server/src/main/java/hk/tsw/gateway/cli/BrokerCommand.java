package hk.tsw.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import hk.tsw.gateway.runtime.BrokerPair;
import hk.tsw.gateway.runtime.BrokerSecurity;
import hk.tsw.gateway.runtime.EmbeddedBroker;
import hk.tsw.gateway.settings.DeliverSettings;
import hk.tsw.gateway.settings.IntakeSettings;
import hk.tsw.gateway.settings.BrokerSettings;
import hk.tsw.gateway.settings.GatewaySettings;

/**
 * {@code broker [--config DIR] [--data DIR]}: the gateway's broker on its own (external-broker mode), with exactly
 * the embedded broker's settings (persistent journal under {@code DATA/artemis}, dead-letter and back-off address
 * settings) and its TCP acceptor {@code gateway.broker.acceptor}. Gateways then run with
 * {@code -Dgateway.broker.embedded=false -Dgateway.broker.url=tcp://...}. With {@code gateway.broker.ha.role} primary or
 * backup it is one broker of a shared-store pair ({@link BrokerPair}; both given the same {@code --data}): a backup is
 * "ready" while it waits, and prints {@value #LIVE} when it takes over. Ctrl-C (SIGINT/SIGTERM) stops it cleanly.
 */
final class BrokerCommand {

    static final String READY = "TSW broker ready";
    /** Printed each time this broker becomes the live one (at once for a broker on its own or a pair's primary). */
    static final String LIVE = "TSW broker live";

    private BrokerCommand() {
    }

    static int run(Path config, Path data, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(config.resolve("gateway.properties"))) {
            err.println("no gateway.properties in " + config.toAbsolutePath() + " (use --config DIR)");
            return 2;
        }
        EmbeddedBroker broker;
        String acceptor;
        String role;
        try {
            GatewaySettings s = GatewaySettings.load(config, data);
            BrokerSettings b = BrokerSettings.from(s);
            acceptor = b.acceptor();
            role = BrokerPair.paired(b) ? b.haRole().trim() + " of a pair (peer " + b.haPeer().replaceFirst("\\?.*", "") + ")" : "on its own";
            if (acceptor.isBlank()) {
                err.println("gateway.broker.acceptor is empty: no gateway could reach the broker");
                return 2;
            }
            Files.createDirectories(data);
            String announced = acceptor;
            broker = EmbeddedBroker.start(data.resolve("artemis"), acceptor, s.configDir(), BrokerSecurity.node(b), b,
                    DeliverSettings.from(s), IntakeSettings.from(s), () -> out.println(LIVE + ": " + announced));
        } catch (Exception e) {
            err.println("the broker could not start: " + e.getMessage());
            return 2;
        }
        out.println(READY + ": " + acceptor + ", " + role + ", journal " + data.resolve("artemis").toAbsolutePath()
                + ". Ctrl-C stops it.");
        // SIGTERM/SIGINT: stopped cleanly, exit status 0
        StopSignals.awaitStop(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                err.println("broker stop: " + e);
            }
        });
        return 0;
    }
}
