package hk.tsw.gateway.store.archfixture;

import hk.tsw.gateway.route.RoutingTable;
import hk.tsw.gateway.store.MessageStore;

/** TEST FIXTURE, never in the product: a store class that imports a stage (StageDependenciesTest). */
public final class StoreThatKnowsAStage {

    private final MessageStore store;
    private final RoutingTable routing;

    public StoreThatKnowsAStage(MessageStore store, RoutingTable routing) {
        this.store = store;
        this.routing = routing;
    }

    public RoutingTable routing() {
        return store == null ? null : routing;
    }
}
