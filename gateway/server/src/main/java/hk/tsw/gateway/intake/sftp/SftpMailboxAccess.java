package hk.tsw.gateway.intake.sftp;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Collection;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a partner may do in its SFTP mailbox: no links (partners have no use for them, and a link is the classic way out
 * of a confined tree); no new file in an inbox while the gateway cannot queue it; an inbox file opened for writing is
 * claimed ({@link SftpUploadClaims}) until its handle closes, so no path takes a file still being written; and an
 * inbox upload is capped at {@code maxFileBytes}.
 */
final class SftpMailboxAccess implements SftpFileSystemAccessor {

    private static final Logger LOG = LoggerFactory.getLogger(SftpMailboxAccess.class);

    /** A session's real path of what its client names (confined to the partner's root, else refused). */
    interface RealPath {
        Path of(ServerSession session, Path virtual) throws AccessDeniedException;
    }

    private final BooleanSupplier inboxOpen;
    private final long maxFileBytes;
    private final SftpUploadClaims claims;
    private final RealPath realPath;
    private final Function<ServerSession, String> partnerOf;

    SftpMailboxAccess(BooleanSupplier inboxOpen, long maxFileBytes, SftpUploadClaims claims, RealPath realPath,
                      Function<ServerSession, String> partnerOf) {
        this.inboxOpen = inboxOpen;
        this.maxFileBytes = maxFileBytes;
        this.claims = claims;
        this.realPath = realPath;
        this.partnerOf = partnerOf;
    }

    @Override
    public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink)
            throws IOException {
        throw new AccessDeniedException(link.toString(), null, "links are not allowed");
    }

    @Override
    public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file,
                                        String handle, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        boolean writing = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        if (writing) {
            refuseWhileClosed(file);
        }
        // held from now until the handle is closed: the poller never takes a file still open for writing
        boolean claim = writing && inInbox(file);
        if (claim) {
            claims.opening(fileHandle, realPath.of(subsystem.getServerSession(), file));
        }
        SeekableByteChannel channel;
        try {
            channel = SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, attrs);
        } catch (IOException | RuntimeException e) {
            if (claim) {
                claims.notOpened(fileHandle);
            }
            throw e;
        }
        return writing && inInbox(file) ? new SftpUploadCap(channel, file, maxFileBytes) : channel;
    }

    @Override
    public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
            throws IOException {
        refuseWhileClosed(newPath);
        if (!inInbox(newPath)) {
            SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
            return;
        }
        ServerSession session = subsystem.getServerSession();
        Path real = realPath.of(session, newPath);
        claims.renaming(real);
        try {
            SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
        } catch (IOException | RuntimeException e) {
            claims.renamed(partnerOf.apply(session), real, false);
            throw e;
        }
    }

    private static boolean inInbox(Path file) {
        Path p = file.toAbsolutePath().normalize();
        return p.getNameCount() > 1 && p.getName(0).toString().equals("inbox");
    }

    private void refuseWhileClosed(Path file) throws IOException {
        Path p = file.toAbsolutePath().normalize();
        if (inInbox(file) && !inboxOpen.getAsBoolean()) {
            LOG.warn("SFTP upload to {} refused: intake is closed (broker unreachable, or the data disk over its limit:"
                    + " GET /api/intake)", p);
            throw new IntakeClosedException();
        }
    }

    /** The refusal of an upload while intake is closed; its text is what the partner's client shows. */
    static final class IntakeClosedException extends IOException {
        IntakeClosedException() {
            super("the gateway cannot take files now (intake closed); nothing was received, send again later");
        }
    }

    /** Gives the partner our refusal's text instead of "General failure"; every other error keeps MINA's wording. */
    static final class RefusalMessage implements org.apache.sshd.sftp.server.SftpErrorStatusDataHandler {
        @Override
        public String resolveErrorMessage(org.apache.sshd.sftp.server.SftpSubsystemEnvironment sftp, int id, Throwable e,
                                          int subStatus, int cmd, Object... args) {
            return e instanceof IntakeClosedException || e instanceof SftpUploadCap.TooLarge
                    || e instanceof SftpUploadClaims.Busy ? e.getMessage()
                    : org.apache.sshd.sftp.server.SftpErrorStatusDataHandler.super.resolveErrorMessage(sftp, id, e,
                    subStatus, cmd, args);
        }
    }
}
