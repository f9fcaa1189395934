package hk.tsw.gateway.translate;

import java.util.Set;

import hk.tsw.gateway.translate.canonical.CanonicalFacts;

/**
 * What the submission check needs to know of routing: the agencies a document would go to. The route stage's
 * {@code RoutingTable} is the implementation; translate sees only this, so it never imports the stage after it.
 */
public interface Destinations {

    /** The agencies (ids) the document is sent to; empty when no rule of {@code config/routing.xml} sends it anywhere. */
    Set<String> agenciesFor(CanonicalFacts doc);
}
