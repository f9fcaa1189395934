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
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import hk.tsw.gateway.partner.JdkEd25519Support;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own SFTP endpoint, so partners can drop files without an external SSH daemon. Built on MINA SSHD
 * and locked down to exactly one use: a partner logs in with one of its registered public keys and reads or writes
 * files in its own mailbox.
 *
 * <p>Promises: listens only on the given host; public-key authentication only (no password, keyboard-interactive,
 * GSS or host-based), only against the partner's {@code sftp/authorizedKey} entries; no shell, no exec, no
 * port/X11/agent forwarding, no links; each partner sees {@code mailboxRoot/<partnerId>/} as its root {@code /}
 * ({@code ../} and absolute paths resolve inside it), with {@code inbox/} and {@code outbox/} created at start and at
 * every login. The partner is looked up at each login, so a configuration reload that adds a partner, disables it or
 * changes its keys decides the next login; a session already open keeps its partner until the client closes it.
 * The host key is {@link SftpHostKey}'s: the configured file every node shares, or one generated at first start and
 * kept under the node's data folder (never {@code config/}). Logs one line per login and per completed upload, never
 * file contents.
 *
 * <p>{@link #onUploadClosed} tells listeners that a file handle opened for writing was closed without error. That is
 * not proof of a complete upload: clients upload to a temporary name and rename, or drop a connection mid-file and
 * resume. The gateway decides completeness itself: files named {@code .*}, {@code *.part} or {@code *.tmp} are not
 * complete.
 *
 * <p>While {@code inboxOpen} says no (the broker is unreachable, or the disk guard has paused intake), opening a file
 * for writing in {@code inbox/} and renaming into it fail with an error status: the partner's upload fails at once and
 * its scheduler sends it again later, instead of leaving a file the gateway cannot take.
 */
public final class SftpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SftpServer.class);
    private static final List<String> MAILBOX_FOLDERS = List.of("inbox", "outbox");

    /** The partner a session logged in as, set by the key check. */
    private static final AttributeRepository.AttributeKey<Partner> PARTNER = new AttributeRepository.AttributeKey<>();

    private final SshServer sshd;
    private final Path root;
    private final List<BiConsumer<String, Path>> uploadListeners = new CopyOnWriteArrayList<>();

    private SftpServer(SshServer sshd, Path root) {
        this.sshd = sshd;
        this.root = root;
    }

    private Path home(Session session) {
        return root.resolve(session.getAttribute(PARTNER).id());
    }

    /**
     * Starts the server on {@code host:port} (port 0: any free port, see {@link #port()}) for every partner with an
     * {@code sftp} section.
     */
    public static SftpServer start(String host, int port, Path mailboxRoot, PartnerRegistry partners, Path hostKeyFile)
            throws IOException {
        return start(host, port, mailboxRoot, partners, hostKeyFile, () -> true);
    }

    /** As above; uploads into an inbox are refused while {@code inboxOpen} is false (see the class comment). */
    public static SftpServer start(String host, int port, Path mailboxRoot, PartnerRegistry partners, Path hostKeyFile,
                                   BooleanSupplier inboxOpen) throws IOException {
        return start(host, port, mailboxRoot, partners, hostKeyFile, inboxOpen, Long.MAX_VALUE);
    }

    /** As below, with a host key generated into {@code hostKeyFile} (per node, see {@link SftpHostKey}). */
    public static SftpServer start(String host, int port, Path mailboxRoot, PartnerRegistry partners, Path hostKeyFile,
                                   BooleanSupplier inboxOpen, long maxFileBytes) throws IOException {
        return start(host, port, mailboxRoot, partners, SftpHostKey.generated(hostKeyFile), inboxOpen, maxFileBytes);
    }

    /** As above; an upload into an inbox larger than {@code maxFileBytes} is refused ({@link SftpUploadCap}). */
    public static SftpServer start(String host, int port, Path mailboxRoot, PartnerRegistry partners, SftpHostKey hostKey,
                                   BooleanSupplier inboxOpen, long maxFileBytes) throws IOException {
        JdkEd25519Support.install();
        Files.createDirectories(mailboxRoot);
        Path root = mailboxRoot.toRealPath();
        int count = 0;
        for (Partner partner : partners.enabled()) {
            if (partner.sftp().isPresent()) {
                createMailbox(root.resolve(partner.id()));
                count++;
            }
        }
        // the partner is looked up at each login (a reload adds, disables or re-keys partners), then kept with the
        // session: a session already open when its partner is disabled goes on until the client closes it
        VirtualFileSystemFactory fileSystems = new VirtualFileSystemFactory() {
            @Override
            public Path getUserHomeDir(org.apache.sshd.common.session.SessionContext session) throws IOException {
                Partner p = session.getAttribute(PARTNER);
                if (p == null) {
                    throw new java.nio.file.AccessDeniedException("no partner for this session");
                }
                return root.resolve(p.id());
            }
        };
        SshServer sshd = SshServer.setUpDefaultServer();
        SftpServer server = new SftpServer(sshd, root);
        sshd.setHost(host);
        sshd.setPort(port);
        sshd.setKeyPairProvider(hostKey.provider());
        sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setGSSAuthenticator(null);
        sshd.setHostBasedAuthenticator(null);
        sshd.setPublickeyAuthenticator((user, key, session) -> {
            Optional<Partner> partner = partners.bySftpUser(user);
            if (partner.isEmpty() || publicKeys(partner.get()).stream().noneMatch(k -> KeyUtils.compareKeys(k, key))) {
                return false;
            }
            session.setAttribute(PARTNER, partner.get());
            return true;
        });
        sshd.setShellFactory(null);
        sshd.setCommandFactory(null);
        sshd.setAgentFactory(null);
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setFileSystemFactory(fileSystems);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().withFileSystemAccessor(new MailboxAccess(inboxOpen, maxFileBytes))
                .withSftpErrorStatusDataHandler(new IntakeClosedMessage()).build();
        sftp.addSftpEventListener(server.new UploadEvents());
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.addSessionListener(server.new LoginEvents());
        sshd.start();
        LOG.info("SFTP server listening on {}:{} for {} partner(s), mailboxes under {}", host, sshd.getPort(),
                count, root);
        return server;
    }

    /** The port actually bound (useful when started with port 0). */
    public int port() {
        return sshd.getPort();
    }

    /**
     * Calls {@code listener(partnerId, file)} when a file handle that was opened for writing is closed without error;
     * {@code file} is the real path under {@code mailboxRoot/<partnerId>/}. Runs on an SSHD thread: keep it short.
     * See the class comment for why this does not mean the file is complete.
     */
    public void onUploadClosed(BiConsumer<String, Path> listener) {
        uploadListeners.add(listener);
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    private static void createMailbox(Path home) throws IOException {
        for (String folder : MAILBOX_FOLDERS) {
            Files.createDirectories(home.resolve(folder));
        }
    }

    /** The partner's keys; none when they cannot be read (the registry checked them, so this is not expected). */
    private static List<PublicKey> publicKeys(Partner partner) {
        try {
            return partner.sftp().orElseThrow().publicKeys();
        } catch (GeneralSecurityException | IOException e) {
            LOG.error("partner {} has an unusable SFTP key: {}", partner.id(), e.getMessage());
            return List.of();
        }
    }

    /** The partner root a session is confined to; the session is authenticated, so its user is registered. */
    private Path realPath(ServerSession session, Path virtual) throws AccessDeniedException {
        Path home = home(session);
        // A rooted path prints as seen by the client ("/inbox/a.edi"); resolve it under the partner's real root.
        Path real = home.resolve(virtual.toAbsolutePath().normalize().toString().substring(1)).normalize();
        if (!real.startsWith(home)) {
            throw new AccessDeniedException(virtual.toString());
        }
        return real;
    }

    private final class LoginEvents implements SessionListener {
        @Override
        public void sessionEvent(Session session, Event event) {
            if (event != Event.Authenticated) {
                return;
            }
            Partner partner = session.getAttribute(PARTNER);
            LOG.info("SFTP login partner={} user={} remote={}", partner.id(), session.getUsername(),
                    session.getRemoteAddress());
            try {
                createMailbox(home(session));
            } catch (IOException e) {
                LOG.error("cannot create mailbox folders for partner {}: {}", partner.id(), e.toString());
            }
        }
    }

    private final class UploadEvents implements SftpEventListener {
        @Override
        public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown)
                throws IOException {
            if (thrown != null || !(localHandle instanceof FileHandle file) || !openedForWriting(file)) {
                return;
            }
            String partnerId = session.getAttribute(PARTNER).id();
            Path real = realPath(session, file.getFile());
            long size = Files.exists(real) ? Files.size(real) : -1;
            LOG.info("SFTP upload closed partner={} file={} size={}", partnerId,
                    home(session).relativize(real), size);
            for (BiConsumer<String, Path> listener : uploadListeners) {
                try {
                    listener.accept(partnerId, real);
                } catch (RuntimeException e) {
                    LOG.error("upload listener failed for partner={} file={}", partnerId, real.getFileName(), e);
                }
            }
        }

        private boolean openedForWriting(FileHandle file) {
            return file.getOpenOptions().contains(StandardOpenOption.WRITE)
                    || file.getOpenOptions().contains(StandardOpenOption.APPEND);
        }
    }

    /**
     * No links (partners have no use for them, and a link is the classic way out of a confined tree); no new file in
     * an inbox while the gateway cannot queue it.
     */
    private static final class MailboxAccess implements SftpFileSystemAccessor {
        private final BooleanSupplier inboxOpen;
        private final long maxFileBytes;

        MailboxAccess(BooleanSupplier inboxOpen, long maxFileBytes) {
            this.inboxOpen = inboxOpen;
            this.maxFileBytes = maxFileBytes;
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
            SeekableByteChannel channel = SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle,
                    options, attrs);
            return writing && inInbox(file) ? new SftpUploadCap(channel, file, maxFileBytes) : channel;
        }

        @Override
        public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
                throws IOException {
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
    }

    /** The refusal of an upload while intake is closed; its text is what the partner's client shows. */
    private static final class IntakeClosedException extends IOException {
        IntakeClosedException() {
            super("the gateway cannot take files now (intake closed); nothing was received, send again later");
        }
    }

    /** Gives the partner our refusal's text instead of "General failure"; every other error keeps MINA's wording. */
    private static final class IntakeClosedMessage implements org.apache.sshd.sftp.server.SftpErrorStatusDataHandler {
        @Override
        public String resolveErrorMessage(org.apache.sshd.sftp.server.SftpSubsystemEnvironment sftp, int id, Throwable e,
                                          int subStatus, int cmd, Object... args) {
            return e instanceof IntakeClosedException || e instanceof SftpUploadCap.TooLarge ? e.getMessage()
                    : org.apache.sshd.sftp.server.SftpErrorStatusDataHandler.super.resolveErrorMessage(sftp, id, e,
                    subStatus, cmd, args);
        }
    }
}
