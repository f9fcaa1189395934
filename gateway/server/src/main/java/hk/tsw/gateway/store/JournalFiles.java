package hk.tsw.gateway.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file operations of the payload store: a content-addressed file written by temp file and atomic rename, with or
 * without fsync (without: the payload journal made its bytes durable first), and the fsyncs of files and folders.
 */
final class JournalFiles {

    /** Forces a file; the checkpoint's and recovery's, and a seam for tests. */
    interface Forcer {
        void force(Path file) throws IOException;
    }

    static final Forcer FSYNC = file -> {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    };

    private JournalFiles() {
    }

    /**
     * Writes {@code content} as {@code target}: a temp file beside it, forced when {@code durable}, renamed atomically
     * (a name never exists with part of its content), the folder forced when {@code durable}.
     */
    static void write(Path target, String sha, byte[] content, boolean durable) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), sha, ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (durable) {
                    ch.force(true);
                }
            }
            rename(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (durable) {
            PayloadFiles.forceFolder(target.getParent());
        }
    }

    static void rename(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
