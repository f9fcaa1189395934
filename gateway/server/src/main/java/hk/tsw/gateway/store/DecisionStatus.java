package hk.tsw.gateway.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * An agency's decision on a document; the names are what agencies send, what {@code decision.decision} stores and
 * what the answers carry, and must not change.
 */
public enum DecisionStatus {
    ACCEPTED, REJECTED, HELD_FOR_INSPECTION, RELEASED, LICENCE_ISSUED, PERMIT_ISSUED, MORE_INFORMATION_REQUESTED,
    REFUSED;

    /** The decision named {@code stored}, or empty when it names none. */
    public static Optional<DecisionStatus> of(String stored) {
        return Arrays.stream(values()).filter(s -> s.name().equals(stored)).findFirst();
    }

    /** A decision on an application that must say why. */
    public boolean mustSayWhy() {
        return this == MORE_INFORMATION_REQUESTED || this == REFUSED;
    }

    /** A licence or permit was issued (its number, validity and lines go with the answer). */
    public boolean issuesLicence() {
        return this == LICENCE_ISSUED || this == PERMIT_ISSUED;
    }

    /** The sender is told no (a negative CUSRES, WCO response code 03). */
    public boolean negative() {
        return this == REJECTED || this == REFUSED;
    }
}
