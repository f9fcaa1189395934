package hk.tsw.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The payloads written inside one {@link PayloadFiles#together}, in temp files until it ends; then forced, renamed to
 * their names and their folders forced, in that order, so a payload's name never exists without its durable content.
 * One thread's, not thread-safe.
 */
final class PayloadsTogether {
    private final Map<String, Path[]> files = new LinkedHashMap<>();

    void write(String sha, Path target, byte[] content) {
        if (files.containsKey(sha)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), sha, ".tmp");
            files.put(sha, new Path[]{tmp, target});
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store payload " + sha, e);
        }
    }

    /** Where a payload written here is until the end, or null. */
    Path pending(String sha) {
        Path[] f = files.get(sha);
        return f == null ? null : f[0];
    }

    /** Forces every temp file, then renames each to its name, then forces each folder once. */
    void force() {
        Set<Path> folders = new LinkedHashSet<>();
        try {
            for (Path[] f : files.values()) {
                try (FileChannel ch = FileChannel.open(f[0], StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            for (Iterator<Path[]> it = files.values().iterator(); it.hasNext(); ) {
                Path[] f = it.next();
                try {
                    Files.move(f[0], f[1], StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(f[0], f[1], StandardCopyOption.REPLACE_EXISTING);
                }
                it.remove();
                folders.add(f[1].getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store payloads", e);
        }
        for (Path folder : folders) {
            try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // some filesystems cannot fsync a directory; the rename is still atomic
            }
        }
    }

    /** Removes the temp files not renamed (the work or the forcing failed). */
    void discard() {
        for (Path[] f : files.values()) {
            try {
                Files.deleteIfExists(f[0]);
            } catch (IOException ignored) {
                // an orphan temp file is harmless: no row names it
            }
        }
        files.clear();
    }
}
