package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What a gateway JVM started by a test needs on its class path for {@link HaltingFaultPoints} to be found: this jar
 * when the tests run from it; when they run from a classes folder (the server module's own tests compile these
 * sources), a folder holding only that class and its service entry, so the gateway sees nothing else of the tests
 * (their logback-test.xml above all).
 */
public final class FaultPointsOnClassPath {

    private static final String SERVICE = "META-INF/services/hk.tsw.gateway.settings.FaultPoints";
    private static final String CLASS = HaltingFaultPoints.class.getName().replace('.', '/') + ".class";

    private FaultPointsOnClassPath() {
    }

    /** A jar or folder to add to the gateway's class path. */
    public static synchronized Path entry() {
        Path source;
        try {
            source = Path.of(HaltingFaultPoints.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isRegularFile(source)) {
            return source;
        }
        Path dir = ProjectRoot.REPO.resolve("gateway/server/target/fault-points");
        copy(source, dir, CLASS);
        copy(source, dir, SERVICE);
        return dir;
    }

    private static void copy(Path from, Path to, String name) {
        try (InputStream in = Files.newInputStream(from.resolve(name))) {
            Files.createDirectories(to.resolve(name).getParent());
            Files.copy(in, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
