package hk.tsw.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import hk.tsw.gateway.runtime.EmbeddedBroker;
import hk.tsw.gateway.settings.BrokerSettings;
import hk.tsw.gateway.settings.GatewaySettings;

/**
 * {@code broker [--config DIR] [--data DIR]}: the gateway's broker on its own (external-broker mode), with exactly
 * the embedded broker's settings (persistent journal under {@code DATA/artemis}, dead-letter and back-off address
 * settings) and its TCP acceptor {@code gateway.broker.acceptor}. Gateways then run with
 * {@code -Dgateway.broker.embedded=false -Dgateway.broker.url=tcp://...}. Ctrl-C (SIGINT/SIGTERM) stops it cleanly.
 */
final class BrokerCommand {

    static final String READY = "TSW broker ready";

    private BrokerCommand() {
    }

    static int run(Path config, Path data, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(config.resolve("gateway.properties"))) {
            err.println("no gateway.properties in " + config.toAbsolutePath() + " (use --config DIR)");
            return 2;
        }
        EmbeddedBroker broker;
        String acceptor;
        try {
            GatewaySettings s = GatewaySettings.load(config, data);
            acceptor = BrokerSettings.from(s).acceptor();
            if (acceptor.isBlank()) {
                err.println("gateway.broker.acceptor is empty: no gateway could reach the broker");
                return 2;
            }
            Files.createDirectories(data);
            broker = EmbeddedBroker.start(data.resolve("artemis"), acceptor, s);
        } catch (Exception e) {
            err.println("the broker could not start: " + e.getMessage());
            return 2;
        }
        out.println(READY + ": " + acceptor + ", journal " + data.resolve("artemis").toAbsolutePath()
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
