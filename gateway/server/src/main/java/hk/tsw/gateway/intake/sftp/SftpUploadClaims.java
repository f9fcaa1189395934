package hk.tsw.gateway.intake.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.apache.sshd.sftp.server.Handle;

/**
 * The claims ({@link SftpInboxClaim}) the SFTP server holds on inbox files: from the moment a partner opens a file for
 * writing until its handle is closed, and from just before a rename into the inbox until the rename is done. A file
 * still open for writing is therefore never taken by the poller. When the partner finished the file (handle closed
 * without error, or rename done) the claim passes to the taker ({@link SftpEventIntake}), which releases it; without
 * a taker, or when the upload failed or the connection dropped, it is released and the poller decides as before.
 */
final class SftpUploadClaims {

    /** A file of this name is being taken or written by someone else just now. */
    static final class Busy extends IOException {
        Busy(String name) {
            super("a file named " + name + " is being written or taken just now: send it again in a moment");
        }
    }

    private final Map<Handle, Path> writing = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Set<Path> renaming = ConcurrentHashMap.newKeySet();
    private volatile BiConsumer<String, Path> taker;

    void taker(BiConsumer<String, Path> taker) {
        this.taker = taker;
    }

    /** Before a file in an inbox is opened for writing; {@link Busy} when someone else holds it. */
    void opening(Handle handle, Path real) throws IOException {
        if (!SftpInboxClaim.takeable(real.getFileName().toString())) {
            return;
        }
        if (!SftpInboxClaim.claim(real)) {
            throw new Busy(real.getFileName().toString());
        }
        writing.put(handle, real);
    }

    /** The open failed: nothing to hold. */
    void notOpened(Handle handle) throws IOException {
        release(writing.remove(handle));
    }

    /** The handle was closed: by the client ({@code finished}), or by a failure or a dropped connection. */
    void closed(String partner, Handle handle, boolean finished) throws IOException {
        done(partner, writing.remove(handle), finished);
    }

    /** Before a rename to {@code real} in an inbox; {@link Busy} when someone else holds that name. */
    void renaming(Path real) throws IOException {
        if (!SftpInboxClaim.takeable(real.getFileName().toString())) {
            return;
        }
        if (!SftpInboxClaim.claim(real)) {
            throw new Busy(real.getFileName().toString());
        }
        renaming.add(real);
    }

    void renamed(String partner, Path real, boolean done) throws IOException {
        done(partner, renaming.remove(real) ? real : null, done);
    }

    private void done(String partner, Path real, boolean finished) throws IOException {
        if (real == null) {
            return;
        }
        BiConsumer<String, Path> t = taker;
        if (finished && t != null && Files.isRegularFile(real)) {
            t.accept(partner, real);
        } else {
            SftpInboxClaim.release(real);
        }
    }

    private static void release(Path real) throws IOException {
        if (real != null) {
            SftpInboxClaim.release(real);
        }
    }
}
