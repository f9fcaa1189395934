package hk.tsw.gateway.deliver;

import hk.tsw.gateway.store.DeliveryStore;

/**
 * Tells the sender that a document will not reach an agency: the agency refused it (a 4xx other than 408/429), or
 * the attempts were used up. Called before the delivery is recorded DEAD, inside the delivery's transaction, so it
 * must be idempotent: a redelivery after a crash calls it again and must not send a second answer. An exception
 * rolls the delivery back (the broker tries again later), so the answer is never lost.
 */
@FunctionalInterface
public interface RefusalNotifier {

    /** Tells nobody (a gateway without an answer channel, and tests of the delivery stage alone). */
    RefusalNotifier NONE = (delivery, reason) -> { };

    /** Records and sends (or queues) the answer; {@code reason} is for the sender's eyes. */
    void refused(DeliveryStore.Delivery delivery, String reason) throws Exception;
}
