package hk.tsw.gateway.translate.mapping;

import net.sf.saxon.s9api.XdmNode;

/**
 * One canonical document produced from one inbound message, already validated against the canonical schema.
 *
 * @param outputName file name the CLI writes it under: {@code <UNB 0020>-<UNH 0062>.xml} or {@code <FunctionalReferenceID>.xml}
 * @param xml        the canonical XML, UTF-8, indented
 * @param tree       the same document as the mapping built it (a Saxon tree of the engine's processor), so that rules,
 *                   routing and checks read it without parsing {@code xml} again; null when only the bytes are known
 */
public record TranslatedDocument(String outputName, String documentType, String functionalReference,
                                 String mappingName, byte[] xml, XdmNode tree, java.util.Map<String, String> locate) {

    /** {@code locate}: the mapping's APERAK pointers ({@link Mapping#locate()}), empty for XML. */
    public TranslatedDocument {
        locate = locate == null ? java.util.Map.of() : locate;
    }

    public TranslatedDocument(String outputName, String documentType, String functionalReference, String mappingName,
                              byte[] xml, XdmNode tree) {
        this(outputName, documentType, functionalReference, mappingName, xml, tree, java.util.Map.of());
    }

    public TranslatedDocument(String outputName, String documentType, String functionalReference, String mappingName,
                              byte[] xml) {
        this(outputName, documentType, functionalReference, mappingName, xml, null);
    }
}
