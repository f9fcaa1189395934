package hk.tsw.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The payloads written inside one {@link PayloadFiles#together}, in temp files until it ends; then forced, renamed to
 * their names and their folders forced, in that order, so a payload's name never exists without its durable content.
 * One thread's, not thread-safe.
 *
 * <p>A temp file stays open from its write until it is forced (one open per payload), but never more than {@link
 * #MAX_OPEN} at once: a unit of thousands of documents must not use up the process's file descriptors. Past the
 * bound the oldest is closed unforced and opened again when forced, so every fsync still happens at the end.
 *
 * <p>With a journal unit, a payload it takes ({@link PayloadFiles#journaled}) has its record appended when written and
 * its temp file closed at once; at the end the journal is forced once for them all, and they are renamed without
 * fsync of file or folder. Bigger payloads are forced as above.
 */
final class PayloadsTogether {

    /**
     * Temp files kept open per unit (per thread): a whole unit of the streaming path's default record batch (200)
     * stays open. Not a tunable: a safety bound on file descriptors, not a speed setting.
     */
    static final int MAX_OPEN = 256;

    /** A payload until the end: its temp file, its name, and the open channel (null once closed). */
    private static final class Pending {
        final Path tmp;
        final Path target;
        FileChannel channel;
        /** Made durable by the journal unit, not by its own fsync. */
        boolean journaled;

        Pending(Path tmp, Path target) {
            this.tmp = tmp;
            this.target = target;
        }
    }

    private final Map<String, Pending> files = new LinkedHashMap<>();
    private final Deque<Pending> open = new ArrayDeque<>();
    private final int maxOpen;
    private final JournalUnit unit;

    PayloadsTogether() {
        this(MAX_OPEN);
    }

    PayloadsTogether(int maxOpen) {
        this(maxOpen, null);
    }

    /** @param unit the journal unit that makes the small payloads durable, or null: each file forced */
    PayloadsTogether(int maxOpen, JournalUnit unit) {
        this.maxOpen = maxOpen;
        this.unit = unit;
    }

    void write(String sha, Path target, byte[] content) {
        if (files.containsKey(sha)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Pending p = new Pending(Files.createTempFile(target.getParent(), sha, ".tmp"), target);
            files.put(sha, p);
            if (unit != null && content.length <= PayloadJournal.MAX_RECORD) {
                p.journaled = true;
                unit.append(sha, content);
                try (FileChannel ch = FileChannel.open(p.tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.wrap(content);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
                return;
            }
            if (open.size() >= maxOpen) {
                close(open.removeFirst());
            }
            p.channel = FileChannel.open(p.tmp, StandardOpenOption.WRITE);
            open.addLast(p);
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                p.channel.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store payload " + sha, e);
        }
    }

    /** Where a payload written here is until the end, or null. */
    Path pending(String sha) {
        Pending p = files.get(sha);
        return p == null ? null : p.tmp;
    }

    /**
     * Forces the journal once (if any payload is journaled) and every other temp file, then renames each to its name,
     * then forces once each folder a file not journaled was renamed into.
     */
    void force() {
        Set<Path> folders = new LinkedHashSet<>();
        try {
            if (unit != null) {
                unit.force();
            }
            for (Pending p : files.values()) {
                if (p.journaled) {
                    continue;
                } else if (p.channel == null) {
                    try (FileChannel ch = FileChannel.open(p.tmp, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                } else {
                    p.channel.force(true);
                    open.removeFirstOccurrence(p); // the head: the open ones are the last written, in order
                    close(p);
                }
            }
            for (Iterator<Pending> it = files.values().iterator(); it.hasNext(); ) {
                Pending p = it.next();
                JournalFiles.rename(p.tmp, p.target);
                it.remove();
                if (!p.journaled) {
                    folders.add(p.target.getParent());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store payloads", e);
        }
        folders.forEach(PayloadFiles::forceFolder);
    }

    /**
     * Closes the temp files still open and removes those not renamed (the work or the forcing failed); the journal unit
     * is done either way (its records of payloads never renamed name no file: the checkpoint passes them by).
     */
    void discard() {
        if (unit != null) {
            unit.done();
        }
        while (!open.isEmpty()) {
            Pending p = open.removeFirst();
            try {
                close(p);
            } catch (IOException ignored) {
                // the file is removed below; a failed close of a file being discarded loses nothing
            }
        }
        for (Pending p : files.values()) {
            try {
                Files.deleteIfExists(p.tmp);
            } catch (IOException ignored) {
                // an orphan temp file is harmless: no row names it
            }
        }
        files.clear();
    }

    private static void close(Pending p) throws IOException {
        FileChannel ch = p.channel;
        p.channel = null;
        if (ch != null) {
            ch.close();
        }
    }
}
