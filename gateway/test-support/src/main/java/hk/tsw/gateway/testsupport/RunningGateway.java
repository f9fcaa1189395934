package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import hk.tsw.gateway.runtime.GatewayRuntime;
import hk.tsw.gateway.settings.GatewaySettings;


/**
 * The real gateway (embedded Artemis, H2, SFTP server, Camel) started in the test JVM on a copy of {@code config/}
 * with free loopback ports, plus a partner's SFTP client with its demo key.
 */
public final class RunningGateway implements AutoCloseable {

    public final Path config;
    public final Path data;
    public final int httpPort;
    public final GatewayRuntime runtime;
    private final HttpClient http = HttpClient.newHttpClient();

    public RunningGateway(Path dir, Map<String, String> agencyEndpoints, Map<String, String> settings) throws Exception {
        this(dir, agencyEndpoints, settings, Map.of());
    }

    /** @param webhooks partner id to the webhook URL written into its partner file */
    public RunningGateway(Path dir, Map<String, String> agencyEndpoints, Map<String, String> settings,
                          Map<String, String> webhooks) throws Exception {
        this(dir, agencyEndpoints, settings, webhooks, c -> { });
    }

    /** What a test changes in its copy of config/ before the gateway starts (extra partners, other certificates). */
    public interface ConfigEdit {
        void apply(Path config) throws Exception;
    }

    public RunningGateway(Path dir, Map<String, String> agencyEndpoints, Map<String, String> settings,
                          Map<String, String> webhooks, ConfigEdit edit) throws Exception {
        this(dir, agencyEndpoints, settings, webhooks, edit, java.time.Clock.systemUTC());
    }

    /** @param clock the clock the gateway reads the agencies' service windows by (a test moves it) */
    public RunningGateway(Path dir, Map<String, String> agencyEndpoints, Map<String, String> settings,
                          Map<String, String> webhooks, ConfigEdit edit, java.time.Clock clock) throws Exception {
        Path repo = ProjectRoot.REPO;
        config = dir.resolve("config");
        data = dir.resolve("data");
        RunningGatewayFiles.copyConfig(config, agencyEndpoints);
        // DEMOLINE answers CONTRL only on request here (the demo file says ALWAYS), to test both policies
        Path line = config.resolve("partners/DEMOLINE.xml");
        Files.writeString(line, Files.readString(line).replace("<contrl>ALWAYS</contrl>", "<contrl>WHEN_REQUESTED</contrl>"));
        for (Map.Entry<String, String> w : webhooks.entrySet()) {
            Path f = config.resolve("partners/" + w.getKey() + ".xml");
            Files.writeString(f, Files.readString(f).replace("</reply>", "  <webhook>" + w.getValue() + "</webhook>\n  </reply>"));
        }
        edit.apply(config);
        httpPort = freePort();
        Map<String, String> o = new HashMap<>();
        o.put("gateway.mappings.dir", repo.resolve("mappings").toString());
        o.put("gateway.xsd.dir", repo.resolve("xsd").toString());
        o.put("gateway.dfdl.cache.dir", ProjectRoot.DFDL_CACHE.toString());
        o.put("gateway.secrets.file", "");
        o.put("gateway.sftp.port", "0");
        o.put("gateway.as2.port", "0");
        o.put("gateway.http.port", String.valueOf(httpPort));
        o.put("gateway.broker.acceptor", "");
        o.put("gateway.soap.port", String.valueOf(freePort()));
        o.put("gateway.sftp.settle.ms", "300");
        // tests of other things must not depend on how full the build machine's disk is (DiskPressureIT tests it)
        o.put("gateway.disk.max.usage.percent", "99");
        o.put("gateway.intake.disk.headroom.percent", "1");
        o.put("gateway.delivery.redelivery.delay.ms", "100");
        o.put("gateway.delivery.redelivery.multiplier", "1.0");
        o.putAll(settings);
        runtime = GatewayRuntime.start(GatewaySettings.load(config, data, o), clock);
    }

    /** A free loopback port for a server the test starts ({@link FreePorts}). */
    public static int freePort() throws IOException {
        return FreePorts.take();
    }

    /** Uploads as a partner over real SFTP with its demo key: under a temporary name, then renamed. */
    public void upload(String user, String fileName, byte[] content) throws Exception {
        try (PartnerSftp sftp = new PartnerSftp(user, runtime.sftpPort())) {
            sftp.upload(fileName, content);
        }
    }

    /**
     * Uploads as {@link #upload} does, sending again (as a partner's scheduler does) when the session fails, e.g. an
     * SSH time-out on a loaded machine; at most 5 attempts.
     */
    public void uploadRetrying(String user, String fileName, byte[] content) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                upload(user, fileName, content);
                return;
            } catch (Exception e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** Uploads only the first half under the temporary name and leaves it there (an interrupted upload). */
    public void uploadHalf(String user, String fileName, byte[] content) throws Exception {
        try (PartnerSftp sftp = new PartnerSftp(user, runtime.sftpPort())) {
            sftp.uploadHalf(fileName, content);
        }
    }

    /** GET as the demo operator ({@link ApiTokens}); {@link #getAs} for another user or none. */
    public HttpResponse<String> get(String path) throws Exception {
        return getAs(ApiTokens.OPERATOR, path);
    }

    /** GET with this user's API token, or without credentials when {@code token} is null. */
    public HttpResponse<String> getAs(String token, String path) throws Exception {
        return send(token, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET());
    }

    /** Sends with this user's API token, or without credentials when {@code token} is null. */
    public HttpResponse<String> send(String token, HttpRequest.Builder request) throws Exception {
        return http.send((token == null ? request : ApiTokens.as(token, request)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request to this gateway's HTTP port. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path));
    }

    public HttpResponse<String> post(String path) throws Exception {
        return send(ApiTokens.OPERATOR, request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> postJson(String path, String json) throws Exception {
        return send(ApiTokens.OPERATOR, request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> postBytes(String path, byte[] body) throws Exception {
        return send(ApiTokens.OPERATOR, request(path).header("Content-Type", "application/EDIFACT")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Path mailbox(String partner) {
        return data.resolve("sftp").resolve(partner);
    }

    /** The files a file agency received ({@code data/agencies/<agency>/}) whose names start with {@code prefix}. */
    public java.util.List<Path> agencyFiles(String agency, String prefix) throws java.io.IOException {
        Path folder = data.resolve("agencies/" + agency);
        if (!java.nio.file.Files.isDirectory(folder)) {
            return java.util.List.of();
        }
        try (var files = java.nio.file.Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    /** The files in a partner's outbox named {@code prefix...suffix}. */
    public java.util.List<Path> outboxFiles(String partner, String prefix, String suffix) throws java.io.IOException {
        Path outbox = mailbox(partner).resolve("outbox");
        if (!java.nio.file.Files.isDirectory(outbox)) {
            return java.util.List.of();
        }
        try (var files = java.nio.file.Files.list(outbox)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        }
    }

    /** The one file in a partner's outbox named {@code prefix...suffix}, waiting up to a minute for it. */
    public Path outbox(String partner, String prefix, String suffix) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> outboxFiles(partner, prefix, suffix).size() == 1);
        try {
            return outboxFiles(partner, prefix, suffix).get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
