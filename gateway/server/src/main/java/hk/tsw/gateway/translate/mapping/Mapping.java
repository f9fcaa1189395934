package hk.tsw.gateway.translate.mapping;

import java.nio.file.Path;

import javax.xml.validation.Schema;

import net.sf.saxon.s9api.XsltExecutable;

/**
 * One folder of {@code mappings/}: which inbound messages it accepts and the stylesheet that turns them into the
 * canonical document (compiled once, on first use or ahead of it: {@link MappingCode}).
 *
 * @param messageType EDIFACT UNH 0065 (e.g. CUSDEC) or the XML message name (e.g. DEC-DMS)
 * @param version     EDIFACT directory (D96A) or the XML schema version
 * @param rootNamespace, rootElement  XML only: the root that selects this mapping
 * @param code          the compiled stylesheet and, XML only, the schema the document is validated against before
 *                      mapping
 * @param documentTypes the canonical document types it produces ({@code documentTypes=} in mapping.properties,
 *                      space-separated; empty when the folder does not say)
 * @param locate        EDIFACT only: canonical path step -> segment for APERAK pointers ({@code locate.<step>=TAG}
 *                      or {@code TAG after TAG2}, see the ack package's EdifactLocator)
 */
public record Mapping(String name, Path folder, Format format, String messageType, String version,
                      String rootNamespace, String rootElement, MappingCode code,
                      java.util.List<String> documentTypes, java.util.Map<String, String> locate) {

    /** The compiled stylesheet (compiled now if it was not yet); {@link MappingUnavailableException} if it cannot be. */
    public XsltExecutable stylesheet() {
        return code.stylesheet();
    }

    /** XML only: the inbound schema (compiled now if it was not yet); null for EDIFACT. */
    public Schema inboundSchema() {
        return code.schema();
    }

    /** Inbound formats the engine reads. */
    public enum Format { EDIFACT, XML }
}
