package hk.tsw.gateway.intake.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import hk.tsw.gateway.partner.JdkEd25519Support;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
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
 * every login ({@link SftpMailboxAccess}: the mailboxes and what a partner may do in its own). The partner is looked
 * up at each login, so a configuration reload that adds a partner, disables it or changes its keys decides the next
 * login; a session already open keeps its partner until the client closes it.
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

    private final SshServer sshd;
    private final SftpMailboxAccess mailboxes;
    private final List<BiConsumer<String, Path>> uploadListeners = new CopyOnWriteArrayList<>();

    private SftpServer(SshServer sshd, SftpMailboxAccess mailboxes) {
        this.sshd = sshd;
        this.mailboxes = mailboxes;
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
                SftpMailboxAccess.create(root.resolve(partner.id()));
                count++;
            }
        }
        SftpMailboxAccess mailboxes = new SftpMailboxAccess(root, inboxOpen, maxFileBytes);
        SshServer sshd = SshServer.setUpDefaultServer();
        SftpServer server = new SftpServer(sshd, mailboxes);
        sshd.setHost(host);
        sshd.setPort(port);
        sshd.setKeyPairProvider(hostKey.provider());
        sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setGSSAuthenticator(null);
        sshd.setHostBasedAuthenticator(null);
        // the partner is looked up at each login (a reload adds, disables or re-keys partners), then kept with the
        // session: a session already open when its partner is disabled goes on until the client closes it
        sshd.setPublickeyAuthenticator((user, key, session) -> {
            Optional<Partner> partner = partners.bySftpUser(user);
            if (partner.isEmpty() || publicKeys(partner.get()).stream().noneMatch(k -> KeyUtils.compareKeys(k, key))) {
                return false;
            }
            SftpMailboxAccess.bind(session, partner.get());
            return true;
        });
        sshd.setShellFactory(null);
        sshd.setCommandFactory(null);
        sshd.setAgentFactory(null);
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setFileSystemFactory(mailboxes.fileSystems());
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().withFileSystemAccessor(mailboxes)
                .withSftpErrorStatusDataHandler(new SftpMailboxAccess.RefusalMessage()).build();
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

    /** The partner's keys; none when they cannot be read (the registry checked them, so this is not expected). */
    private static List<PublicKey> publicKeys(Partner partner) {
        try {
            return partner.sftp().orElseThrow().publicKeys();
        } catch (GeneralSecurityException | IOException e) {
            LOG.error("partner {} has an unusable SFTP key: {}", partner.id(), e.getMessage());
            return List.of();
        }
    }

    private final class LoginEvents implements SessionListener {
        @Override
        public void sessionEvent(Session session, Event event) {
            if (event != Event.Authenticated) {
                return;
            }
            Partner partner = SftpMailboxAccess.partner(session);
            LOG.info("SFTP login partner={} user={} remote={}", partner.id(), session.getUsername(),
                    session.getRemoteAddress());
            try {
                SftpMailboxAccess.create(mailboxes.home(session));
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
            String partnerId = SftpMailboxAccess.partner(session).id();
            Path real = mailboxes.realPath(session, file.getFile());
            long size = Files.exists(real) ? Files.size(real) : -1;
            LOG.info("SFTP upload closed partner={} file={} size={}", partnerId,
                    mailboxes.home(session).relativize(real), size);
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
}
