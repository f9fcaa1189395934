package hk.tsw.gateway.store;

/** A delivery's state; the names are the text stored in {@code delivery.state} and must not change. */
public enum DeliveryState {
    PENDING, DELIVERED, DEAD;

    /** True when {@code stored} (a column value) is this state. */
    public boolean is(String stored) {
        return name().equals(stored);
    }
}
