package hk.tsw.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import hk.tsw.gateway.runtime.GatewayRuntime;
import hk.tsw.gateway.settings.GatewaySettings;

/** {@code run [--config DIR] [--data DIR]}: the long-running gateway. Ctrl-C (SIGINT/SIGTERM) stops it cleanly. */
final class RunCommand {

    private RunCommand() {
    }

    static int run(Path config, Path data, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(config.resolve("gateway.properties"))) {
            err.println("no gateway.properties in " + config.toAbsolutePath() + " (use --config DIR)");
            return 2;
        }
        GatewayRuntime runtime;
        hk.tsw.gateway.runtime.RuntimeLogging.configure(data);
        try {
            runtime = GatewayRuntime.start(GatewaySettings.load(config, data));
        } catch (Exception e) {
            err.println("the gateway could not start: " + e.getMessage());
            return 2;
        }
        out.println("TSW Gateway running (SFTP 127.0.0.1:" + runtime.sftpPort() + ", HTTP from gateway.properties)."
                + " Ctrl-C stops it.");
        // SIGTERM/SIGINT: stopped cleanly, exit status 0
        StopSignals.awaitStop(runtime::close);
        return 0;
    }
}
