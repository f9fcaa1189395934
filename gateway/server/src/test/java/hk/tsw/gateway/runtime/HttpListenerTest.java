package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.settings.GatewaySettings;
import hk.tsw.gateway.settings.HttpSettings;
import hk.tsw.gateway.testsupport.RunningGateway;

/**
 * The HTTP listener: plain HTTP beyond loopback is refused at start unless the insecure switch names it (checked before
 * anything listens: a test never binds beyond loopback), and with a PKCS#12 key store the API and the open health
 * answer over TLS only.
 */
class HttpListenerTest {

    @TempDir
    Path dir;

    private HttpSettings settings(Map<String, String> o) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("gateway.secrets.file", ""));
        all.putAll(o);
        return HttpSettings.from(GatewaySettings.load(TestEngine.REPO.resolve("config"), dir.resolve("data"), all));
    }

    @Test
    void plain_http_on_a_non_loopback_host_is_refused_unless_the_insecure_switch_is_set() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HttpListener.check(settings(Map.of("gateway.http.host", "0.0.0.0"))));
        assertTrue(e.getMessage().contains("gateway.http.allowPlainHttpOnNonLoopback=true"), e.getMessage());
        // controls: the switch, a loopback host, or a key store let the same settings through
        HttpListener.check(settings(Map.of("gateway.http.host", "0.0.0.0", HttpSettings.ALLOW_PLAIN, "true")));
        HttpListener.check(settings(Map.of("gateway.http.host", "localhost")));
        Path p12 = keystore();
        HttpListener.check(settings(Map.of("gateway.http.host", "0.0.0.0", "gateway.http.tls.keystore", p12.toString())));
        assertThrows(IllegalStateException.class, () -> HttpListener.check(settings(Map.of(
                "gateway.http.tls.keystore", dir.resolve("missing.p12").toString()))), "a key store that is not there");
    }

    @Test
    void with_a_key_store_the_api_answers_over_tls_only() throws Exception {
        Path p12 = keystore();
        try (RunningGateway gw = new RunningGateway(dir, Map.of(), Map.of("gateway.http.tls.keystore", p12.toString(),
                "gateway.http.tls.password", "test-only"))) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(p12.toFile())) {
                trust.load(in, "test-only".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            String base = "https://127.0.0.1:" + gw.httpPort;
            assertEquals(200, https.send(ApiTokens.asOperator(HttpRequest.newBuilder(java.net.URI.create(base
                    + "/api/messages"))).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode());
            assertEquals(401, https.send(HttpRequest.newBuilder(java.net.URI.create(base + "/api/messages"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals("{\"status\":\"UP\"}", https.send(HttpRequest.newBuilder(java.net.URI.create(base
                    + "/observe/health/live")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThrows(java.io.IOException.class, () -> gw.getAs(ApiTokens.OPERATOR, "/api/messages"),
                    "plain HTTP on the TLS port gets no answer");
        }
    }

    /** A self-signed PKCS#12 key store for 127.0.0.1 (keytool of the running JDK). */
    private Path keystore() throws Exception {
        Path p12 = dir.resolve("http-tls.p12");
        if (p12.toFile().exists()) {
            return p12;
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "tsw-http", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", "test-only", "-keypass", "test-only").redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "keytool hangs");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        return p12;
    }
}
