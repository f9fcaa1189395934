package hk.tsw.gateway.intake.sftp;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import hk.tsw.gateway.partner.Partner;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partner sees which folders, and what it may do there: a session logged in as a partner sees
 * {@code mailboxRoot/<partnerId>/} as its root {@code /} ({@code ../} and absolute paths resolve inside it), with
 * {@code inbox/} and {@code outbox/} in it ({@link #create}); no links (partners have no use for them, and a link is
 * the classic way out of a confined tree); no new file in an inbox while {@code inboxOpen} says the gateway cannot
 * queue it (the refusal's text is what the partner's client shows, {@link RefusalMessage}); and an inbox upload is
 * capped at {@code maxFileBytes} ({@link SftpUploadCap}). The partner is the one {@link SftpServer}'s key check bound
 * to the session ({@link #bind}).
 */
final class SftpMailboxAccess implements SftpFileSystemAccessor {

    private static final Logger LOG = LoggerFactory.getLogger(SftpMailboxAccess.class);
    private static final List<String> FOLDERS = List.of("inbox", "outbox");

    /** The partner a session logged in as, set by the key check. */
    private static final AttributeRepository.AttributeKey<Partner> PARTNER = new AttributeRepository.AttributeKey<>();

    private final Path root;
    private final BooleanSupplier inboxOpen;
    private final long maxFileBytes;

    /** @param root the real path of the mailbox root, under which each partner's folder is */
    SftpMailboxAccess(Path root, BooleanSupplier inboxOpen, long maxFileBytes) {
        this.root = root;
        this.inboxOpen = inboxOpen;
        this.maxFileBytes = maxFileBytes;
    }

    /** The session is {@code partner}'s from now until it ends (a later disable or re-key decides the next login). */
    static void bind(Session session, Partner partner) {
        session.setAttribute(PARTNER, partner);
    }

    /** The partner an authenticated session logged in as. */
    static Partner partner(Session session) {
        return session.getAttribute(PARTNER);
    }

    /** The partner's mailbox: {@code inbox/} and {@code outbox/} under {@code home}, created when missing. */
    static void create(Path home) throws IOException {
        for (String folder : FOLDERS) {
            Files.createDirectories(home.resolve(folder));
        }
    }

    /** The real folder an authenticated session sees as {@code /}. */
    Path home(Session session) {
        return root.resolve(partner(session).id());
    }

    /** Each session's file system: its partner's folder as root; a session without a partner gets none. */
    VirtualFileSystemFactory fileSystems() {
        return new VirtualFileSystemFactory() {
            @Override
            public Path getUserHomeDir(SessionContext session) throws IOException {
                Partner p = session.getAttribute(PARTNER);
                if (p == null) {
                    throw new AccessDeniedException("no partner for this session");
                }
                return root.resolve(p.id());
            }
        };
    }

    /** The real path of what the session's client names, inside its partner's root (else refused). */
    Path realPath(Session session, Path virtual) throws AccessDeniedException {
        Path home = home(session);
        // A rooted path prints as seen by the client ("/inbox/a.edi"); resolve it under the partner's real root.
        Path real = home.resolve(virtual.toAbsolutePath().normalize().toString().substring(1)).normalize();
        if (!real.startsWith(home)) {
            throw new AccessDeniedException(virtual.toString());
        }
        return real;
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
            refuseReserved(file);
            refuseWhileClosed(file);
        }
        SeekableByteChannel channel = SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle,
                options, attrs);
        return writing && inInbox(file) ? new SftpUploadCap(channel, file, maxFileBytes) : channel;
    }

    @Override
    public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
            throws IOException {
        refuseReserved(newPath);
        refuseWhileClosed(newPath);
        SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
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

    /**
     * An inbox file named like the poller's read-lock marker ({@code *.camelLock}) would never be taken, and the node
     * taking the poller over removes such markers ({@link PollerTenure}): refused, so no upload is lost that way.
     */
    private static void refuseReserved(Path file) throws IOException {
        if (inInbox(file) && file.getFileName().toString().endsWith(PollerTenure.MARKER)) {
            LOG.warn("SFTP upload to {} refused: names ending in {} are the gateway's own in an inbox",
                    file.toAbsolutePath().normalize(), PollerTenure.MARKER);
            throw new ReservedNameException();
        }
    }

    /** The refusal of an inbox name the gateway keeps for itself; its text is what the partner's client shows. */
    private static final class ReservedNameException extends IOException {
        ReservedNameException() {
            super("file names ending in " + PollerTenure.MARKER + " are reserved by the gateway in inbox/: nothing was"
                    + " received, send it under another name");
        }
    }

    /** The refusal of an upload while intake is closed; its text is what the partner's client shows. */
    private static final class IntakeClosedException extends IOException {
        IntakeClosedException() {
            super("the gateway cannot take files now (intake closed); nothing was received, send again later");
        }
    }

    /** Gives the partner our refusal's text instead of "General failure"; every other error keeps MINA's wording. */
    static final class RefusalMessage implements SftpErrorStatusDataHandler {
        @Override
        public String resolveErrorMessage(SftpSubsystemEnvironment sftp, int id, Throwable e, int subStatus, int cmd,
                                          Object... args) {
            return e instanceof IntakeClosedException || e instanceof ReservedNameException
                    || e instanceof SftpUploadCap.TooLarge ? e.getMessage()
                    : SftpErrorStatusDataHandler.super.resolveErrorMessage(sftp, id, e, subStatus, cmd, args);
        }
    }
}
