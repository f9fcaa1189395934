package hk.tsw.gateway.store;

/**
 * An answer's state in {@code partner_reply.state}; the names are the stored text and must not change:
 * {@link #PENDING} (to be sent or collected), {@link #SENT} (written to the SFTP outbox, or confirmed by an AS2 MDN),
 * {@link #COLLECTED} (acknowledged by a SOAP client), {@link #FAILED} (given up after its retries).
 */
public enum ReplyState {
    PENDING, SENT, COLLECTED, FAILED;

    /** True when {@code stored} (a column value) is this state. */
    public boolean is(String stored) {
        return name().equals(stored);
    }
}
