package hk.tsw.gateway.store;

import java.util.Collection;

/**
 * The state of a message as a whole, for {@code GET /api/messages/{id}}: the stage the interchange reached
 * ({@code RECEIVED}, {@code TRANSLATED}, {@code PARTIAL}, {@code REJECTED}, {@code DUPLICATE}, {@code FAILED}, {@code REFUSED}) rolled
 * up with the delivery states of its documents. A message whose documents are all delivered is {@code DELIVERED},
 * not {@code TRANSLATED}.
 * <ul>
 * <li>{@code ROUTED}: translated, some delivery still pending (being delivered or retried);</li>
 * <li>{@code DELIVERED}: every document accepted and every delivery done;</li>
 * <li>{@code PARTLY_DELIVERED}: every delivery ended, some delivered, but some documents were rejected or some
 * deliveries are dead;</li>
 * <li>{@code DELIVERY_FAILED}: every delivery ended, none delivered (dead letters: see {@code /redeliver});</li>
 * <li>otherwise the stage itself (nothing to deliver: {@code RECEIVED}, {@code REJECTED}, {@code DUPLICATE},
 * {@code FAILED}, or a translated message without routes).</li>
 * </ul>
 */
public final class StateRollUp {

    /** The states a rolled-up message may have beyond its interchange's stage; the names are what the API shows. */
    public enum RolledUp {
        ROUTED, DELIVERED, PARTLY_DELIVERED, DELIVERY_FAILED
    }

    private StateRollUp() {
    }

    public static String of(String stage, Collection<String> deliveryStates) {
        boolean translated = InterchangeState.TRANSLATED.name().equals(stage) || InterchangeState.PARTIAL.name().equals(stage);
        if (!translated || deliveryStates.isEmpty()) {
            return stage;
        }
        long delivered = deliveryStates.stream().filter(DeliveryState.DELIVERED::is).count();
        long dead = deliveryStates.stream().filter(DeliveryState.DEAD::is).count();
        if (delivered + dead < deliveryStates.size()) {
            return RolledUp.ROUTED.name();
        }
        if (delivered == 0) {
            return RolledUp.DELIVERY_FAILED.name();
        }
        return dead == 0 && InterchangeState.TRANSLATED.name().equals(stage) ? RolledUp.DELIVERED.name()
                : RolledUp.PARTLY_DELIVERED.name();
    }
}
