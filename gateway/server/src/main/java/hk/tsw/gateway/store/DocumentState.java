package hk.tsw.gateway.store;

/**
 * A document's state; the names are the text stored in {@code document.state} (and its timeline event) and must not
 * change: {@link #MAPPED} (translated and valid, routed on), {@link #REJECTED} (refused by validation or rules).
 */
public enum DocumentState {
    MAPPED, REJECTED
}
