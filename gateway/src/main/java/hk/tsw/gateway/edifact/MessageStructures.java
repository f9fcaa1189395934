package hk.tsw.gateway.edifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Segment tables by directory and message type, read once from the directory packs on the classpath. */
public final class MessageStructures {

    private final Map<String, Optional<MessageStructure>> cache = new ConcurrentHashMap<>();

    public Optional<MessageStructure> get(String directory, String type) {
        return cache.computeIfAbsent(directory.toUpperCase() + ":" + type.toUpperCase(), k -> {
            try {
                return Optional.ofNullable(MessageStructure.load(directory, type.toUpperCase()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
