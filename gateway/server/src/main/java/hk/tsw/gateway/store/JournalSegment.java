package hk.tsw.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One file of the {@link PayloadJournal}: records appended under the journal's lock, forced by whoever needs them
 * durable (one force covers every record written before it: a group commit), sealed when the journal rolls over. It
 * remembers the payload names it holds (for the checkpoint) and how many units still rename files it journaled.
 *
 * <p>A force that fails poisons the segment (after a failed fsync the kernel may have dropped the dirty pages, so a
 * later fsync that succeeds proves nothing): every unit whose records are in it fails, and the journal rolls over.
 */
final class JournalSegment {

    final Path file;
    final long openedNanos;
    private final FileChannel channel;
    private final List<String> shas = new ArrayList<>();
    /** Bytes appended (guarded by the journal's lock; read by forcers). */
    private volatile long written;
    /** Bytes known durable (guarded by this). */
    private long forced;
    private volatile boolean failed;
    private boolean sealed;
    /** Units that journaled here and have not finished their renames (guarded by the journal's lock). */
    int inflight;
    /** When it was sealed (System.nanoTime), or -1 while open. */
    volatile long sealedNanos = -1;

    private JournalSegment(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.openedNanos = System.nanoTime();
    }

    /** Creates a new, empty segment file (the caller forces its folder). */
    static JournalSegment create(Path file) throws IOException {
        return new JournalSegment(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /** Appends one record (the caller holds the journal's lock) and returns the end of it in the file. */
    long append(String sha, byte[] content) throws IOException {
        if (failed || sealed) {
            throw new IOException("payload journal segment " + file.getFileName() + " is closed");
        }
        ByteBuffer record = JournalRecords.encode(sha, content);
        long at = written;
        try {
            while (record.hasRemaining()) {
                at += channel.write(record, at);
            }
        } catch (IOException e) {
            failed = true; // a torn record at the end: the records before it stay readable
            throw e;
        }
        written = at;
        shas.add(sha);
        return at;
    }

    /** Makes every record up to {@code end} durable, by one force unless another thread's force already covered it. */
    synchronized void force(long end) {
        if (forced >= end) {
            return;
        }
        if (failed) {
            throw new UncheckedIOException(new IOException("payload journal segment " + file.getFileName() + " failed"));
        }
        long upTo = written;
        try {
            channel.force(false);
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException("cannot force the payload journal " + file, e);
        }
        forced = upTo;
    }

    /** Forces what is written and closes the file: no more appends; forces asked for later are already covered. */
    synchronized void seal() {
        if (sealed) {
            return;
        }
        sealed = true;
        sealedNanos = System.nanoTime();
        try {
            if (!failed && forced < written) {
                channel.force(false);
                forced = written;
            }
        } catch (IOException e) {
            failed = true;
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // sealed either way: nothing more is written to it
            }
        }
    }

    boolean failed() {
        return failed;
    }

    long written() {
        return written;
    }

    /** The payload names it holds (read once it is sealed). */
    List<String> shas() {
        return shas;
    }
}
