package hk.tsw.gateway.mapping;

import java.nio.file.Path;

import hk.tsw.gateway.xml.XmlLimits;

/**
 * @param mappingsDir        the {@code mappings/} folder
 * @param dfdlCacheDir       where compiled EDIFACT directory parsers are kept (under the data folder)
 * @param dfdlValidation     Daffodil validation mode: Off (default, the envelope and mappings check), Limited or Full
 * @param xmlLimits          limits on inbound XML
 * @param allowUnicodeUnderSyntax3 accept UNOW/UNOY with UNB syntax version 3
 */
public record EngineSettings(Path mappingsDir, Path dfdlCacheDir, String dfdlValidation, XmlLimits xmlLimits,
                             boolean allowUnicodeUnderSyntax3) {

    public static EngineSettings defaults(Path mappingsDir, Path dataDir) {
        return new EngineSettings(mappingsDir, dataDir.resolve("cache").resolve("dfdl"), "Off", XmlLimits.defaults(), false);
    }
}
