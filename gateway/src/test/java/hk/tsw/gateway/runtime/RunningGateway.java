package hk.tsw.gateway.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import hk.tsw.gateway.mapping.TestEngine;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

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
        Path repo = TestEngine.REPO;
        config = dir.resolve("config");
        data = dir.resolve("data");
        copy(repo.resolve("config"), config);
        for (Map.Entry<String, String> e : agencyEndpoints.entrySet()) {
            Path f = config.resolve("agencies/" + e.getKey() + ".properties");
            Files.writeString(f, Files.readString(f).replaceAll("(?m)^endpoint=.*$", "endpoint=" + e.getValue()));
        }
        httpPort = freePort();
        Map<String, String> o = new HashMap<>();
        o.put("gateway.mappings.dir", repo.resolve("mappings").toString());
        o.put("gateway.xsd.dir", repo.resolve("xsd").toString());
        o.put("gateway.dfdl.cache.dir", TestEngine.DFDL_CACHE.toString());
        o.put("gateway.secrets.file", "");
        o.put("gateway.sftp.port", "0");
        o.put("gateway.http.port", String.valueOf(httpPort));
        o.put("gateway.broker.acceptor", "");
        o.put("gateway.sftp.settle.ms", "300");
        o.put("gateway.delivery.redelivery.delay.ms", "100");
        o.put("gateway.delivery.redelivery.multiplier", "1.0");
        o.putAll(settings);
        runtime = GatewayRuntime.start(GatewaySettings.load(config, data, o));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Uploads as a partner over real SFTP with its demo key: under a temporary name, then renamed. */
    public void upload(String user, String fileName, byte[] content) throws Exception {
        try (SftpClient sftp = sftp(user)) {
            try (OutputStream out = sftp.write("inbox/" + fileName + ".part")) {
                out.write(content);
            }
            sftp.rename("inbox/" + fileName + ".part", "inbox/" + fileName);
        }
    }

    /** Uploads only the first part under the temporary name and leaves it there (an interrupted upload). */
    public void uploadHalf(String user, String fileName, byte[] content) throws Exception {
        try (SftpClient sftp = sftp(user); OutputStream out = sftp.write("inbox/" + fileName + ".part")) {
            out.write(content, 0, content.length / 2);
        }
    }

    private SftpClient sftp(String user) throws Exception {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((s, a, k) -> true);
        client.start();
        ClientSession session = client.connect(user, "127.0.0.1", runtime.sftpPort()).verify(10_000).getSession();
        Path key = TestEngine.REPO.resolve("config/demo/" + user + "_ed25519");
        for (KeyPair kp : SecurityUtils.loadKeyPairIdentities(null, null, Files.newInputStream(key), FilePasswordProvider.EMPTY)) {
            session.addPublicKeyIdentity(kp);
        }
        session.auth().verify(10_000);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
        return wrap(sftp, session, client);
    }

    /** The SFTP client, closing its session and SSH client with it. */
    private static SftpClient wrap(SftpClient sftp, ClientSession session, SshClient client) {
        return (SftpClient) java.lang.reflect.Proxy.newProxyInstance(SftpClient.class.getClassLoader(),
                new Class<?>[]{SftpClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        sftp.close();
                        session.close();
                        client.stop();
                        return null;
                    }
                    try {
                        return method.invoke(sftp, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    public Path mailbox(String partner) {
        return data.resolve("sftp").resolve(partner);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
