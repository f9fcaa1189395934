package hk.tsw.gateway.runtime;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.mapping.TestEngine;

import static org.awaitility.Awaitility.await;

/**
 * The gateway as a separate JVM ({@code java -jar gateway/target/tsw-gateway.jar run}) that a test can SIGKILL
 * and start again on the same data folder. Output goes to {@code <data>/../gateway-<n>.log}.
 */
public final class GatewayProcess implements AutoCloseable {

    private final Path config;
    private final Path data;
    private final Map<String, String> settings;
    private final int httpPort;
    private Process process;
    private int starts;

    public GatewayProcess(Path config, Path data, int httpPort, Map<String, String> settings) {
        this.config = config;
        this.data = data;
        this.httpPort = httpPort;
        this.settings = settings;
    }

    public void start() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Dgateway.http.port=" + httpPort);
        cmd.addAll(List.of("-jar", TestEngine.REPO.resolve("gateway/target/tsw-gateway.jar").toString(), "run",
                "--config", config.toString(), "--data", data.toString()));
        File log = data.resolveSibling("gateway-" + (++starts) + ".log").toFile();
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + process.exitValue() + "; see " + log);
            }
            try {
                // health is UP once Camel runs; SFTP, AS2 and SOAP listeners start after it: "ready" is the log line
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/observe/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body().contains("UP")
                        && java.nio.file.Files.readString(log.toPath(), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("TSW Gateway ready");
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public int httpPort() {
        return httpPort;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
