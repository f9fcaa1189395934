package hk.tsw.gateway.translate.mapping;

/**
 * A mapping whose stylesheet or schema did not compile (message: the folder, file, line and reason). Not the
 * partner's fault, so never turned into a refusal: {@link TranslationEngine#translate} and the streaming translation
 * both throw it, and the route stage treats it as any unexpected failure (retried, then the interchange recorded
 * FAILED and parked in the dead-letter queue, re-drivable once the mapping is fixed).
 */
public final class MappingUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public MappingUnavailableException(String message) {
        super(message);
    }
}
