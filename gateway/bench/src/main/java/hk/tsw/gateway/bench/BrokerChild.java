package hk.tsw.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external Artemis broker in its own JVM, started by the gateway's own {@code broker} command on a free loopback
 * port (plain TCP: loopback only, as the broker itself insists without a key store; the demo broker user and
 * password, as the nodes use them with {@code gateway.secrets.file} empty). Its journal lives under {@code dir}.
 */
final class BrokerChild implements AutoCloseable {

    private static final String READY = "TSW broker ready";

    private final Process process;
    private final int port;

    private BrokerChild(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BrokerChild start(Path dir, Path config) throws Exception {
        Files.createDirectories(dir);
        int port = GatewayUnderTest.freePort();
        Path log = dir.resolveSibling("broker.log");
        List<String> cmd = List.of(ChildJava.java(), "-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
                "-Dgateway.secrets.file=", "-Dgateway.broker.acceptor=tcp://127.0.0.1:" + port,
                "-cp", ChildJava.gatewayJar().toString(), "hk.tsw.gateway.cli.GatewayCli", "broker",
                "--config", config.toString(), "--data", dir.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BrokerChild broker = new BrokerChild(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!Files.exists(log) || !Files.readString(log).contains(READY)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                broker.close();
                throw new IllegalStateException("the broker did not start (" + (p.isAlive() ? "no ready line within"
                        + " 180 s" : "exited with " + p.exitValue()) + "); see " + log);
            }
            Thread.sleep(100);
        }
        return broker;
    }

    int port() {
        return port;
    }

    /** CPU time (user + system) of the broker JVM so far, in seconds. */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
