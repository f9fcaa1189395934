package hk.tsw.gateway.api;

import java.util.List;
import java.util.Map;

import hk.tsw.gateway.store.ConfigGenerations;

/**
 * What {@code /api/config} asks of the running gateway: reload the partners and users (validated whole, or refused
 * with the running configuration kept), and say which configuration generation each node runs.
 */
public interface ConfigReloads {

    /** A reload refused: the message names the file and the error; nothing changed. */
    final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message, Throwable cause) {
            super(message, cause);
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
