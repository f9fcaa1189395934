package hk.tsw.gateway.store;

/** An interchange's stage state; the names are the text stored in {@code interchange.state} and must not change. */
public enum InterchangeState {
    RECEIVED, DUPLICATE, TRANSLATED, PARTIAL, REJECTED, FAILED, REFUSED
}
