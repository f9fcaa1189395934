package hk.tsw.gateway.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.main.Main;
import hk.tsw.gateway.settings.HttpSettings;

/**
 * The HTTP listener of the API, the operator endpoints and AS2 evidence ({@code gateway.http.host}:{@code port}), one
 * port for Camel's server and its management endpoints. TLS when {@code gateway.http.tls.keystore} names a PKCS#12 key
 * store (password {@code gateway.http.tls.password} from the secrets file), as for AS2. Secure by default: a listener
 * on anything but a loopback address without TLS is refused at start, because bearer tokens would cross the network in
 * clear, unless {@code gateway.http.allowPlainHttpOnNonLoopback=true} (e.g. behind a TLS-terminating proxy).
 */
final class HttpListener {

    private HttpListener() {
    }

    /** Fails with one line when the settings would serve plain HTTP beyond loopback, or name a missing key store. */
    static void check(HttpSettings s) {
        String host = s.host();
        String keystore = s.tlsKeystore();
        if (!keystore.isBlank() && !Files.isRegularFile(Path.of(keystore))) {
            throw new IllegalStateException("gateway.http.tls.keystore=" + keystore + " is not a file");
        }
        if (keystore.isBlank() && !loopback(host) && !s.allowPlainOnNonLoopback()) {
            throw new IllegalStateException("gateway.http.host=" + host + " is not a loopback address and"
                    + " gateway.http.tls.keystore is empty: API tokens would cross the network in clear. Set a PKCS#12"
                    + " key store, or " + HttpSettings.ALLOW_PLAIN + "=true behind a TLS-terminating proxy");
        }
    }

    /**
     * The listener's TLS settings when a key store is set (after {@link #check}); host, port and the rest are in
     * {@code gateway-camel.properties} ({@link CamelProperties}).
     */
    static void configure(Main main, HttpSettings s) {
        String keystore = s.tlsKeystore();
        if (!keystore.isBlank()) {
            main.addInitialProperty("camel.ssl.enabled", "true");
            main.addInitialProperty("camel.ssl.key-store", "file:" + Path.of(keystore).toAbsolutePath());
            main.addInitialProperty("camel.ssl.key-store-type", "PKCS12");
            main.addInitialProperty("camel.ssl.keystore-password", s.tlsPassword());
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
