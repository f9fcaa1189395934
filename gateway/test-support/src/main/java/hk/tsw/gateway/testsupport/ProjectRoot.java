package hk.tsw.gateway.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way tests, the reliability suite and the bench find the checkout's root (the folder that holds
 * {@code mappings/} and {@code config/}): the system property {@code tsw.home} that the module poms set, else the
 * nearest folder upwards from the working directory that holds both.
 */
public final class ProjectRoot {

    /** The checkout's root, absolute. */
    public static final Path REPO = find();
    /** Where the tests keep the compiled DFDL parsers (built once per checkout: minutes per directory). */
    public static final Path DFDL_CACHE = REPO.resolve("gateway/server/target/dfdl-cache");

    private ProjectRoot() {
    }

    private static Path find() {
        String home = System.getProperty("tsw.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("mappings")) && Files.isDirectory(p.resolve("config"))) {
                return p;
            }
        }
        return cwd;
    }
}
