package hk.tsw.gateway.translate.mapping;

import hk.tsw.gateway.settings.KnownSettings;
import java.nio.file.Path;

import hk.tsw.gateway.security.XmlLimits;

/**
 * @param mappingsDir        the {@code mappings/} folder
 * @param dfdlCacheDir       where compiled EDIFACT directory parsers are kept (under the data folder)
 * @param dfdlValidation     Daffodil validation mode: Off (default, the envelope and mappings check), Limited or Full
 * @param xmlLimits          limits on inbound XML
 * @param allowUnicodeUnderSyntax3 accept UNOW/UNOY with UNB syntax version 3
 * @param edifactReader      {@code direct} (default: the tree is built from the tokenised segments, Daffodil only
 *                           for constructs not proven equivalent) or {@code daffodil} (every message through Smooks
 *                           and Daffodil); a Daffodil validation other than Off always means {@code daffodil}
 */
public record EngineSettings(Path mappingsDir, Path dfdlCacheDir, String dfdlValidation, XmlLimits xmlLimits,
                             boolean allowUnicodeUnderSyntax3, String edifactReader) {

    /** System property choosing the EDIFACT reader when a caller does not: {@code direct} or {@code daffodil}. */
    public static final String READER_PROPERTY = "gateway.edifact.reader";

    public EngineSettings {
        edifactReader = edifactReader == null || edifactReader.isBlank() ? "direct" : edifactReader.trim().toLowerCase();
        if (!edifactReader.equals("direct") && !edifactReader.equals("daffodil")) {
            throw new IllegalArgumentException(READER_PROPERTY + " is direct or daffodil, not " + edifactReader);
        }
    }

    /** With the reader from the system property {@value #READER_PROPERTY} (default direct). */
    public EngineSettings(Path mappingsDir, Path dfdlCacheDir, String dfdlValidation, XmlLimits xmlLimits,
                          boolean allowUnicodeUnderSyntax3) {
        this(mappingsDir, dfdlCacheDir, dfdlValidation, xmlLimits, allowUnicodeUnderSyntax3,
                System.getProperty(READER_PROPERTY, KnownSettings.defaultOf(READER_PROPERTY)));
    }

    /** Whether every message goes through Daffodil: chosen, or implied by Daffodil's own validation. */
    public boolean daffodilOnly() {
        return edifactReader.equals("daffodil") || (dfdlValidation != null && !dfdlValidation.equalsIgnoreCase("Off"));
    }

    public EngineSettings withEdifactReader(String reader) {
        return new EngineSettings(mappingsDir, dfdlCacheDir, dfdlValidation, xmlLimits, allowUnicodeUnderSyntax3, reader);
    }

    public static EngineSettings defaults(Path mappingsDir, Path dataDir) {
        return new EngineSettings(mappingsDir, dataDir.resolve("cache").resolve("dfdl"), "Off", XmlLimits.defaults(), false);
    }
}
