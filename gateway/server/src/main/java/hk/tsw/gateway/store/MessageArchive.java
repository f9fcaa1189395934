package hk.tsw.gateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The archive folder ({@code gateway.archive.dir}, one folder every node mounts): one zip per archived message,
 * {@code yyyy/MM/message-<id>.zip}, holding each payload as {@code payloads/<sha256>.bin}, a {@code SHA256SUMS}
 * manifest in {@code sha256sum -c} form and {@code message.txt} (which row each payload was: raw, document n, answer,
 * AS2 evidence). A write is durable when it returns (temp file, fsync, atomic rename, fsync of the folder) and is
 * checked by reading every entry back; writing the same message again replaces the file with the same content.
 * Payloads are streamed in and out: a 100 MB interchange never sits in the heap.
 */
public final class MessageArchive {

    /** One payload of a message: its entry name, SHA-256, size and the rows that refer to it. */
    public record Entry(String name, String sha256, long size, List<String> roles) {
    }

    private static final Pattern NAME = Pattern.compile("[0-9]{4}/[0-9]{2}/message-[0-9]+\\.zip");

    private final Path root;

    public MessageArchive(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    static String entryName(String sha256) {
        return "payloads/" + sha256 + ".bin";
    }

    /** Writes the zip of {@code entries} (read from {@code payloads}), durably; returns its name under the root. */
    String write(String name, String about, List<Entry> entries, PayloadFiles payloads) {
        Path target = path(name);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "message-", ".zip.tmp");
            try {
                try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(file)) {
                    StringBuilder sums = new StringBuilder();
                    StringBuilder roles = new StringBuilder(about);
                    for (Entry e : entries) {
                        zip.putNextEntry(new ZipEntry(e.name()));
                        try (InputStream in = payloads.open(e.sha256())) {
                            in.transferTo(zip);
                        }
                        zip.closeEntry();
                        sums.append(e.sha256()).append("  ").append(e.name()).append('\n');
                        roles.append(e.name()).append(": ").append(String.join(", ", e.roles())).append('\n');
                    }
                    text(zip, "SHA256SUMS", sums.toString());
                    text(zip, "message.txt", roles.toString());
                }
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // some filesystems cannot fsync a folder; the rename is still atomic
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write archive " + target, e);
        }
    }

    /** Reads every entry of the archive back and checks its SHA-256 and size; throws naming the first that differs. */
    void verify(String name, List<Entry> entries) {
        try (ZipFile zip = new ZipFile(path(name).toFile())) {
            for (Entry e : entries) {
                ZipEntry z = zip.getEntry(e.name());
                if (z == null) {
                    throw new ArchiveException("archive " + name + " has no entry " + e.name());
                }
                try (InputStream in = zip.getInputStream(z)) {
                    check(name, e, in, OutputStream.nullOutputStream());
                }
            }
        } catch (IOException ex) {
            throw new ArchiveException("archive " + name + " cannot be read: " + ex.getMessage());
        }
    }

    /** Puts one entry back into the payload folder, checking its SHA-256 on the way. */
    void restore(String name, Entry e, PayloadFiles payloads) {
        try (ZipFile zip = new ZipFile(path(name).toFile())) {
            ZipEntry z = zip.getEntry(e.name());
            if (z == null) {
                throw new ArchiveException("archive " + name + " has no entry " + e.name());
            }
            try (InputStream in = zip.getInputStream(z)) {
                payloads.write(e.sha256(), out -> check(name, e, in, out));
            }
        } catch (IOException ex) {
            throw new ArchiveException("archive " + name + " cannot be read: " + ex.getMessage());
        }
    }

    /** One entry as a stream (the zip is closed with it); null when the archive or the entry is not there. */
    InputStream open(String name, String entry) throws IOException {
        if (!Files.isRegularFile(path(name))) {
            return null;
        }
        ZipFile zip = new ZipFile(path(name).toFile());
        ZipEntry z = zip.getEntry(entry);
        if (z == null) {
            zip.close();
            return null;
        }
        return new java.io.FilterInputStream(zip.getInputStream(z)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }

    boolean exists(String name) {
        return Files.isRegularFile(path(name));
    }

    /** Deletes the archive (legal retention over); true when it was there. */
    boolean delete(String name) {
        try {
            return Files.deleteIfExists(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete archive " + name, e);
        }
    }

    Path path(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an archive name: " + name);
        }
        return root.resolve(name);
    }

    private static void check(String name, Entry e, InputStream in, OutputStream out) throws IOException {
        MessageDigest sha = digest();
        long n;
        try (DigestInputStream d = new DigestInputStream(in, sha)) {
            n = d.transferTo(out);
        }
        String found = HexFormat.of().formatHex(sha.digest());
        if (!found.equals(e.sha256()) || n != e.size()) {
            throw new ArchiveException("archive " + name + " entry " + e.name() + ": SHA-256 " + found + " (" + n
                    + " bytes), expected " + e.sha256() + " (" + e.size() + " bytes)");
        }
    }

    private static void text(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An archive that is missing, unreadable or whose bytes are not what the message row says. */
    public static final class ArchiveException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ArchiveException(String message) {
            super(message);
        }
    }
}
