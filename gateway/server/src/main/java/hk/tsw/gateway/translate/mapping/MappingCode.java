package hk.tsw.gateway.translate.mapping;

import javax.xml.validation.Schema;

import net.sf.saxon.s9api.XsltExecutable;

/**
 * The compiled parts of one mapping folder (its stylesheet, and for XML its inbound schema), compiled once: on first
 * use, or ahead of it by {@link TranslationEngine#compileAll()} (at start or in the background after ready, as
 * {@code gateway.mappings.compile} says). A message that needs a mapping still being compiled waits for it. A mapping
 * that does not compile fails each use with a {@link MappingUnavailableException} that names the folder and the
 * reason (the same one each time: it is not compiled again until the next start).
 */
public final class MappingCode {

    /** One compile step; its exception's message becomes the reason. */
    interface Step<T> {
        T compile() throws Exception;
    }

    private record Parts(XsltExecutable stylesheet, Schema schema, String failure) {
    }

    private final String name;
    private final Step<XsltExecutable> stylesheet;
    private final Step<Schema> schema;
    private volatile Parts parts;

    MappingCode(String name, Step<XsltExecutable> stylesheet, Step<Schema> schema) {
        this.name = name;
        this.stylesheet = stylesheet;
        this.schema = schema;
    }

    /** Already compiled parts (tools and tests that build a {@link Mapping} themselves); {@code schema} may be null. */
    public static MappingCode of(String name, XsltExecutable stylesheet, Schema schema) {
        MappingCode code = new MappingCode(name, () -> stylesheet, () -> schema);
        code.parts = new Parts(stylesheet, schema, null);
        return code;
    }

    XsltExecutable stylesheet() {
        return compiled().stylesheet();
    }

    /** XML mappings: the schema inbound documents are validated against; null for EDIFACT. */
    Schema schema() {
        return compiled().schema();
    }

    /** Whether the compile has run (successfully or not). */
    boolean settled() {
        return parts != null;
    }

    /** Compiles now unless done; the reason it failed, or null when it is usable. */
    String compile() {
        Parts p = parts;
        if (p == null) {
            synchronized (this) {
                p = parts;
                if (p == null) {
                    p = compileNow();
                    parts = p;
                }
            }
        }
        return p.failure();
    }

    private Parts compiled() {
        String failure = compile();
        if (failure != null) {
            throw new MappingUnavailableException(failure);
        }
        return parts;
    }

    private Parts compileNow() {
        try {
            XsltExecutable xsl = stylesheet.compile();
            Schema xsd = schema == null ? null : schema.compile();
            return new Parts(xsl, xsd, null);
        } catch (Exception | LinkageError e) {
            return new Parts(null, null, "mapping " + name + " cannot be loaded: " + e.getMessage());
        }
    }
}
