package hk.tsw.gateway.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** How the bench starts other JVMs: the same java, the jar (or classes folder) the bench itself runs from. */
final class ChildJava {

    private ChildJava() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path jar() {
        try {
            return Path.of(ChildJava.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
