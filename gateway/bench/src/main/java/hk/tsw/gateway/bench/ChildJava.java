package hk.tsw.gateway.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * How the bench starts other JVMs: the same java; the bench's own jar (or classes folder) for its child commands, the
 * product's jar as an operator runs it for the gateway.
 */
final class ChildJava {

    private ChildJava() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The product as built by the same {@code mvn package}: the gateway children run it as an operator would. */
    static Path gatewayJar() {
        return hk.tsw.gateway.testsupport.ProjectRoot.REPO.resolve("gateway/server/target/tsw-gateway.jar");
    }

    /** The launcher that starts the product with its AppCDS archive, as the README starts it. */
    static Path launcher() {
        return hk.tsw.gateway.testsupport.ProjectRoot.REPO.resolve("gateway/bin/tsw-gateway");
    }

    static Path jar() {
        try {
            return Path.of(ChildJava.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
