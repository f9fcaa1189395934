package hk.tsw.gateway.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broker's DEMO-ONLY TLS files, generated at run time with the JDK's {@code keytool} (as {@code config/cluster/start.sh}
 * does): a PKCS#12 key store with a self-signed certificate for 127.0.0.1 and localhost (password
 * {@link #KEYSTORE_PASSWORD}, the one in {@code config/demo/demo-secrets.properties}) and a PKCS#12 trust store holding
 * only that certificate, for the clients' {@code trustStorePath}.
 */
public final class BrokerTlsFiles {

    /** DEMO-ONLY, as in config/demo/demo-secrets.properties (gateway.broker.tls.password). */
    public static final String KEYSTORE_PASSWORD = "tsw-broker-DEMO-ONLY-keystore-password";
    /** DEMO-ONLY: the trust store holds a public certificate only; its password guards its integrity. */
    public static final String TRUSTSTORE_PASSWORD = "tsw-broker-DEMO-ONLY-truststore";

    public final Path keystore;
    public final Path truststore;

    private BrokerTlsFiles(Path keystore, Path truststore) {
        this.keystore = keystore;
        this.truststore = truststore;
    }

    /** Generates the two files in {@code dir}. */
    public static BrokerTlsFiles generate(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path ks = dir.resolve("broker-DEMO-ONLY.p12");
        Path cert = dir.resolve("broker-DEMO-ONLY.crt");
        Path ts = dir.resolve("broker-trust-DEMO-ONLY.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=tsw-broker DEMO-ONLY", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", KEYSTORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", ks.toString(), "-storepass", KEYSTORE_PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", ts.toString(), "-storepass", TRUSTSTORE_PASSWORD);
        return new BrokerTlsFiles(ks, ts);
    }

    /** The client-side URL parameters: TLS, this trust store, and the host name checked against the certificate. */
    public String clientParams() {
        return "sslEnabled=true&verifyHost=true&trustStoreType=PKCS12&trustStorePath=" + truststore.toAbsolutePath()
                + "&trustStorePassword=" + TRUSTSTORE_PASSWORD;
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
