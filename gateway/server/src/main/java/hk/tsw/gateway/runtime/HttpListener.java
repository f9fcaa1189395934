package hk.tsw.gateway.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.main.Main;
import hk.tsw.gateway.settings.GatewaySettings;

/**
 * The HTTP listener of the API, the operator endpoints and AS2 evidence ({@code gateway.http.host}:{@code port}), one
 * port for Camel's server and its management endpoints. TLS when {@code gateway.http.tls.keystore} names a PKCS#12 key
 * store (password {@code gateway.http.tls.password} from the secrets file), as for AS2. Secure by default: a listener
 * on anything but a loopback address without TLS is refused at start, because bearer tokens would cross the network in
 * clear, unless {@code gateway.http.allowPlainHttpOnNonLoopback=true} (e.g. behind a TLS-terminating proxy).
 */
final class HttpListener {

    static final String ALLOW_PLAIN = "gateway.http.allowPlainHttpOnNonLoopback";

    private HttpListener() {
    }

    /** Fails with one line when the settings would serve plain HTTP beyond loopback, or name a missing key store. */
    static void check(GatewaySettings s) {
        String host = s.get("gateway.http.host");
        String keystore = s.get("gateway.http.tls.keystore", "");
        if (!keystore.isBlank() && !Files.isRegularFile(Path.of(keystore))) {
            throw new IllegalStateException("gateway.http.tls.keystore=" + keystore + " is not a file");
        }
        if (keystore.isBlank() && !loopback(host) && !Boolean.parseBoolean(s.get(ALLOW_PLAIN, "false"))) {
            throw new IllegalStateException("gateway.http.host=" + host + " is not a loopback address and"
                    + " gateway.http.tls.keystore is empty: API tokens would cross the network in clear. Set a PKCS#12"
                    + " key store, or " + ALLOW_PLAIN + "=true behind a TLS-terminating proxy");
        }
    }

    /** The listener's Camel settings (after {@link #check}). */
    static void configure(Main main, GatewaySettings s) {
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", s.get("gateway.http.host"));
        main.addInitialProperty("camel.server.port", s.get("gateway.http.port"));
        main.addInitialProperty("camel.server.max-body-size", String.valueOf(32L * 1024 * 1024));
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.health-check-enabled", "true");
        // every check with its details (certificate expiry, broker, routes): for operators only (ObserveGuard)
        main.addInitialProperty("camel.health.exposure-level", "full");
        main.addInitialProperty("camel.management.metrics-enabled", "true");
        main.addInitialProperty("camel.management.host", s.get("gateway.http.host"));
        main.addInitialProperty("camel.management.port", s.get("gateway.http.port"));
        String keystore = s.get("gateway.http.tls.keystore", "");
        if (!keystore.isBlank()) {
            main.addInitialProperty("camel.ssl.enabled", "true");
            main.addInitialProperty("camel.ssl.key-store", "file:" + Path.of(keystore).toAbsolutePath());
            main.addInitialProperty("camel.ssl.key-store-type", "PKCS12");
            main.addInitialProperty("camel.ssl.keystore-password", s.get("gateway.http.tls.password", ""));
            main.addInitialProperty("camel.server.use-global-ssl-context-parameters", "true");
            main.addInitialProperty("camel.management.use-global-ssl-context-parameters", "true");
        }
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
