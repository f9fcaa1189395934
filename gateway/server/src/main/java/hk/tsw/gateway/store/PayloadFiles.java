package hk.tsw.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Byte-exact payload files under the data folder, named by their SHA-256 ({@code ab/abcdef....bin}). A write is
 * durable when it returns: temp file, fsync, atomic rename, fsync of the folder. Writing the same content twice is
 * harmless (same name, same bytes). A payload retention removed (store/Retention) is read from its archive.
 *
 * <p>Inside {@link #together} the writes of one thread are made durable together at its end, before it returns: each
 * file is written to its temp file at once, then all are forced, renamed and their folders forced in one go (a
 * folder once, and after every rename: the folder fsyncs after the first find the journal committed). A payload's
 * name therefore never exists without its whole content; a crash before the end leaves temp files (and perhaps
 * payloads already renamed that no committed row names yet: content-addressed, written again by the redelivery).
 *
 * <p>With a {@link PayloadJournal} (issue 16, the runtime's default) a payload up to {@link PayloadJournal#MAX_RECORD}
 * is made durable by the journal instead: its record appended, the journal forced once for the write or the whole
 * {@code together}, and only then the file renamed to its name, with no fsync of file or folder (the journal's
 * checkpoint forces them later, its recovery restores them after a crash). The promise is the same.
 */
public final class PayloadFiles {

    private final Path root;
    private final PayloadJournal journal;

    /** Every payload forced in its own file (no journal). */
    public PayloadFiles(Path root) {
        this(root, null);
    }

    /** @param journal makes the small payloads durable, or null: every file forced */
    public PayloadFiles(Path root, PayloadJournal journal) {
        this.root = root;
        this.journal = journal;
    }

    /** True when a payload of this size is made durable by the journal. */
    boolean journaled(int length) {
        return journal != null && length <= PayloadJournal.MAX_RECORD;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores the content durably (inside {@link #together}: by its end) and returns its SHA-256. */
    public String write(byte[] content) {
        String sha = sha256(content);
        Path target = path(sha);
        if (Files.exists(target)) {
            return sha;
        }
        PayloadsTogether open = together.get();
        if (open != null) {
            open.write(sha, target, content);
            return sha;
        }
        try {
            if (journaled(content.length)) {
                JournalUnit unit = journal.unit();
                try {
                    unit.append(sha, content);
                    unit.force();
                    JournalFiles.write(target, sha, content, false);
                } finally {
                    unit.done();
                }
            } else {
                JournalFiles.write(target, sha, content, true);
            }
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store payload " + sha, e);
        }
    }

    /**
     * Runs {@code work} so that every {@link #write(byte[])} it makes on this thread is durable when this returns,
     * forced together at the end instead of one by one (nested calls join the outer one). Nothing written inside may
     * be handed on (recorded in a committed row, acknowledged) before this returns; reads of it on this thread work
     * meanwhile. If {@code work} or the forcing throws, the temp files are removed and no payload name appears.
     */
    public <T> T together(java.util.function.Supplier<T> work) {
        if (together.get() != null) {
            return work.get();
        }
        PayloadsTogether open = new PayloadsTogether(PayloadsTogether.MAX_OPEN,
                journal == null ? null : journal.unit());
        together.set(open);
        try {
            T result = work.get();
            open.force();
            return result;
        } finally {
            together.remove();
            open.discard();
        }
    }

    private final ThreadLocal<PayloadsTogether> together = new ThreadLocal<>();

    /** The file a payload is in: its temp file while a {@link #together} of this thread holds it. */
    private Path located(String sha) {
        PayloadsTogether open = together.get();
        Path pending = open == null ? null : open.pending(sha);
        return pending != null ? pending : path(sha);
    }

    /** Writes what {@code source} produces (streamed) as the payload named {@code sha}; the source checks the hash. */
    void write(String sha, Source source) {
        Path target = path(sha);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), sha, ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    source.writeTo(java.nio.channels.Channels.newOutputStream(ch)); // closed with the channel
                    ch.force(true);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            forceFolder(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store payload " + sha, e);
        }
    }

    /**
     * Forces a folder after renames into it, so the new names survive a crash; a filesystem that cannot fsync a
     * folder is let be (the rename is still atomic).
     */
    static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // some filesystems cannot fsync a directory; the rename is still atomic
        }
    }

    /** Produces a payload's bytes into a stream. */
    interface Source {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    boolean exists(String sha) {
        return Files.isRegularFile(located(sha));
    }

    /** Removes a payload file (archived, and no message still online refers to it); true when it was there. */
    boolean delete(String sha) {
        try {
            return Files.deleteIfExists(path(sha));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete payload " + sha, e);
        }
    }

    /**
     * Where a payload that retention removed can still be read from (store/Retention sets it): the gateway's own
     * readers (a late decision's answer, an operator's redelivery) then read the archive; the API answers 410 instead.
     */
    interface Archived {
        /** The payload's bytes from an archive, or null when no archive holds it. */
        java.io.InputStream open(String sha) throws IOException;

        /** Its size, or -1 when no archive holds it. */
        long size(String sha);
    }

    private volatile Archived archived = new Archived() {
        @Override
        public java.io.InputStream open(String sha) {
            return null;
        }

        @Override
        public long size(String sha) {
            return -1;
        }
    };

    void archived(Archived source) {
        this.archived = source;
    }

    public byte[] read(String sha) {
        try {
            return Files.readAllBytes(located(sha));
        } catch (java.nio.file.NoSuchFileException missing) {
            try (java.io.InputStream in = fromArchive(sha, missing)) {
                byte[] bytes = in.readAllBytes();
                if (!sha256(bytes).equals(sha)) {
                    throw new UncheckedIOException(new IOException("payload " + sha + " read from the archive differs"));
                }
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException("payload " + sha + " is missing from " + root, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("payload " + sha + " is missing from " + root, e);
        }
    }

    /** Opens a stored payload for reading as a stream (large files are never read whole). */
    public java.io.InputStream open(String sha) {
        try {
            return Files.newInputStream(located(sha));
        } catch (java.nio.file.NoSuchFileException missing) {
            try {
                return fromArchive(sha, missing);
            } catch (IOException e) {
                throw new UncheckedIOException("payload " + sha + " is missing from " + root, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("payload " + sha + " is missing from " + root, e);
        }
    }

    /** The size of a stored payload in bytes. */
    public long size(String sha) {
        try {
            return Files.size(located(sha));
        } catch (java.nio.file.NoSuchFileException missing) {
            long n = archived.size(sha);
            if (n < 0) {
                throw new UncheckedIOException("payload " + sha + " is missing from " + root, missing);
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("payload " + sha + " is missing from " + root, e);
        }
    }

    private java.io.InputStream fromArchive(String sha, IOException missing) throws IOException {
        java.io.InputStream in = archived.open(sha);
        if (in == null) {
            throw missing;
        }
        return in;
    }

    Path path(String sha) {
        return path(root, sha);
    }

    static Path path(Path root, String sha) {
        return root.resolve(sha.substring(0, 2)).resolve(sha + ".bin");
    }
}
