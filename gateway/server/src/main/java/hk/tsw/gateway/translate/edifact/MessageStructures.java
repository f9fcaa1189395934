package hk.tsw.gateway.translate.edifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Segment tables by directory and message type, and segment definitions by directory, read once from the directory
 * packs on the classpath.
 */
public final class MessageStructures {

    private final Map<String, Optional<MessageStructure>> cache = new ConcurrentHashMap<>();
    private final Map<String, Optional<SegmentDirectory>> segments = new ConcurrentHashMap<>();

    public Optional<MessageStructure> get(String directory, String type) {
        return cache.computeIfAbsent(directory.toUpperCase() + ":" + type.toUpperCase(), k -> {
            try {
                return Optional.ofNullable(MessageStructure.load(directory, type.toUpperCase()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The data elements of every segment of {@code directory}; empty when the classpath has no such directory. */
    public Optional<SegmentDirectory> segments(String directory) {
        return segments.computeIfAbsent(directory.toUpperCase(), k -> {
            try {
                return Optional.ofNullable(SegmentDirectory.load(k));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
