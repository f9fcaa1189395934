package hk.tsw.gateway.settings;

import java.nio.file.Path;

/**
 * The translate stage's settings, read once at start: the schema and mapping folders (resolved as
 * {@link GatewaySettings#path} does: each must exist), the DFDL cache folder and the EDIFACT reader
 * ({@code direct} or {@code smooks}).
 */
public record TranslateSettings(Path xsdDir, Path mappingsDir, Path dfdlCacheDir, String edifactReader) {

    public static TranslateSettings from(GatewaySettings s) {
        return new TranslateSettings(s.path("gateway.xsd.dir"), s.path("gateway.mappings.dir"),
                Path.of(s.get("gateway.dfdl.cache.dir")), s.get("gateway.edifact.reader"));
    }
}
