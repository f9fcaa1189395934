package hk.tsw.gateway.store;

/** The database could not do what the pipeline needs; the unit of work was rolled back and nothing was acknowledged. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
