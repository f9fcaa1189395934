package hk.tsw.gateway.store;

/**
 * The MDN side of an AS2 exchange; the names are the text stored in {@code as2_exchange.mdn_state} and must not change.
 * Inbound (the MDN the gateway owes): {@link #NONE} (none requested), {@link #SENT} (inline, or delivered
 * asynchronously), {@link #PENDING} (an asynchronous MDN still to send), {@link #FAILED} (given up after its attempts;
 * an operator may queue it again). Outbound (the partner's MDN to the gateway's message): {@link #AWAITING},
 * {@link #VERIFIED}, or why it was not: {@link #MISSING}, {@link #INVALID}, {@link #NEGATIVE}, {@link #MIC_MISMATCH}.
 */
public enum MdnState {
    NONE, PENDING, SENT, FAILED, AWAITING, VERIFIED, MISSING, INVALID, NEGATIVE, MIC_MISMATCH;

    /** True when {@code stored} (a column value) is this state. */
    public boolean is(String stored) {
        return name().equals(stored);
    }
}
