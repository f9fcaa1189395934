package hk.tsw.gateway.translate.mapping;

/**
 * A mapping whose stylesheet or schema did not compile (message: the folder and the reason). Not the partner's
 * fault: the streaming pipeline lets it through as an unexpected failure (the route stage retries the interchange,
 * then records it FAILED and parks it in the dead-letter queue; it is not answered as refused), and the whole-file
 * {@link TranslationEngine#translate} reports it as the file not being processable.
 */
public final class MappingUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public MappingUnavailableException(String message) {
        super(message);
    }
}
