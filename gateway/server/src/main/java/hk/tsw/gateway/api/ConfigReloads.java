package hk.tsw.gateway.api;

import java.util.List;
import java.util.Map;

import hk.tsw.gateway.store.ConfigGenerations;

/**
 * What {@code /api/config} asks of the running gateway: reload the partners and users (validated whole, or refused
 * with the running configuration kept), and say which configuration generation each node runs.
 */
public interface ConfigReloads {

    /**
     * A reload refused: the message names the file and the error; nothing changed — unless {@link #applied}: this node
     * took the configuration but could not record its generation for the others.
     */
    final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean applied;

        public Refused(String message, Throwable cause) {
            this(message, cause, false);
        }

        public Refused(String message, Throwable cause, boolean applied) {
            super(message, cause);
            this.applied = applied;
        }

        public boolean applied() {
            return applied;
        }
    }

    /** A reload done: the generation recorded and what changed (names by kind, e.g. partnersAdded). */
    record Reloaded(long generation, String digest, Map<String, List<String>> changes, List<String> notes) {
    }

    /** This node's state, with the latest generation recorded and every node's. */
    record Status(String node, long generation, String digest, String lastError,
                  java.util.Optional<ConfigGenerations.Generation> latest, List<ConfigGenerations.NodeState> nodes) {
    }

    Reloaded reload(String requestedBy, String comment) throws Refused;

    Status status();
}
