package hk.tsw.gateway.mapping;

/**
 * One canonical document produced from one inbound message, already validated against the canonical schema.
 *
 * @param outputName file name the CLI writes it under: {@code <UNB 0020>-<UNH 0062>.xml} or {@code <FunctionalReferenceID>.xml}
 * @param xml        the canonical XML, UTF-8, indented
 */
public record TranslatedDocument(String outputName, String documentType, String functionalReference,
                                 String mappingName, byte[] xml) {
}
