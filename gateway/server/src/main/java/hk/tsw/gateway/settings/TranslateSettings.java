package hk.tsw.gateway.settings;

import java.nio.file.Path;

/**
 * The translate stage's settings, read once at start: the schema and mapping folders (resolved as
 * {@link GatewaySettings#path} does: each must exist), the DFDL cache folder and the EDIFACT reader
 * ({@code direct} or {@code smooks}), and whether the mappings are compiled before ready ({@code eager}) or after it
 * ({@code background}).
 */
public record TranslateSettings(Path xsdDir, Path mappingsDir, Path dfdlCacheDir, String edifactReader,
                                boolean compileEagerly) {

    public static TranslateSettings from(GatewaySettings s) {
        String compile = s.get("gateway.mappings.compile").trim();
        if (!compile.equals("eager") && !compile.equals("background")) {
            throw new IllegalArgumentException("gateway.mappings.compile=" + compile + " is neither eager nor background");
        }
        return new TranslateSettings(s.path("gateway.xsd.dir"), s.path("gateway.mappings.dir"),
                Path.of(s.get("gateway.dfdl.cache.dir")), s.get("gateway.edifact.reader"), compile.equals("eager"));
    }
}
