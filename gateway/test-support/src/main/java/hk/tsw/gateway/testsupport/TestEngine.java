package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import hk.tsw.gateway.security.XmlLimits;
import hk.tsw.gateway.translate.mapping.EngineSettings;
import hk.tsw.gateway.translate.mapping.TranslationEngine;

/**
 * One engine for the whole test JVM, on the repository's real {@code mappings/}. Compiled EDIFACT directories are
 * cached in {@code gateway/server/target/dfdl-cache}, so only the first test run of a build pays for the DFDL compile.
 */
public final class TestEngine {

    public static final Path REPO = ProjectRoot.REPO;
    public static final Path MAPPINGS = REPO.resolve("mappings");
    public static final Path DFDL_CACHE = ProjectRoot.DFDL_CACHE;

    private static TranslationEngine engine;

    private TestEngine() {
    }

    public static synchronized TranslationEngine get() {
        if (engine == null) {
            try {
                engine = TranslationEngine.start(new EngineSettings(MAPPINGS, DFDL_CACHE, "Off", XmlLimits.defaults(), false));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return engine;
    }
}
