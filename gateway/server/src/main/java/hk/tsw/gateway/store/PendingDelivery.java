package hk.tsw.gateway.store;

/**
 * The route stage's hand-over to the deliver stage: one delivery still to be made, to one agency. On the broker it
 * travels as before: the delivery id as text on the agency's queue ({@link hk.tsw.gateway.settings.Queues#deliver}).
 */
public record PendingDelivery(String agency, long deliveryId) {

    public PendingDelivery {
        if (agency == null || agency.isBlank()) {
            throw new IllegalArgumentException("a delivery needs an agency");
        }
    }

    /** The JMS body: the delivery id as text, as every version of the gateway has sent it. */
    public String body() {
        return Long.toString(deliveryId);
    }
}
