package hk.tsw.gateway.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import hk.tsw.gateway.partner.JdkEd25519Support;
import hk.tsw.gateway.testsupport.InterchangeGenerator;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;

/**
 * A partner's SFTP session (MINA SSHD client, the partner's demo key from {@code config/demo/}): uploads under a
 * temporary name and renames, as a careful partner does, so the gateway only ever sees whole files. Every wait on the
 * gateway is bounded by the timeout the client was made with ({@code --sftp-timeout}); a step that fails says which
 * step, as whom, and after how long, so that a loaded machine's slow login is told apart from a gateway fault.
 */
final class SftpUploader implements AutoCloseable {

    private final ClientSession session;
    private final SftpClient sftp;
    private final String user;

    SftpUploader(SshClient client, Path config, String user, int port) throws Exception {
        this.user = user;
        Duration timeout = SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.getRequired(client);
        session = step("connect to 127.0.0.1:" + port, timeout,
                () -> client.connect(user, "127.0.0.1", port).verify(timeout).getSession());
        try {
            try (InputStream in = Files.newInputStream(config.resolve("demo/" + user + "_ed25519"))) {
                for (KeyPair kp : SecurityUtils.loadKeyPairIdentities(null, null, in, FilePasswordProvider.EMPTY)) {
                    session.addPublicKeyIdentity(kp);
                }
            }
            step("key exchange and login", timeout, () -> session.auth().verify(timeout));
            sftp = step("SFTP channel open", timeout, () -> SftpClientFactory.instance().createSftpClient(session));
        } catch (Exception e) {
            session.close(true);
            throw e;
        }
    }

    /** A client whose every wait on the gateway is bounded by {@code timeout}. */
    static SshClient client(Duration timeout) {
        JdkEd25519Support.install();
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((s, a, k) -> true); // loopback, the gateway we just started
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, timeout);
        AbstractSftpClient.SFTP_CLIENT_CMD_TIMEOUT.set(client, timeout);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, timeout); // an SFTP answer's wait, and an idle session's life
        client.start();
        return client;
    }

    void upload(String fileName, byte[] content) throws Exception {
        Duration timeout = SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.getRequired(session);
        step("upload of " + fileName, timeout, () -> {
            try (OutputStream out = sftp.write("inbox/" + fileName + ".part")) {
                out.write(content);
            }
            sftp.rename("inbox/" + fileName + ".part", "inbox/" + fileName);
            return null;
        });
    }

    /**
     * As {@link #upload(String, byte[])}, streaming a file of any size from disk: each SFTP write is bounded by the
     * client's command timeout, not the whole file (a 100 MB upload rightly takes longer than one step's bound); a
     * failure names the step, the size and how far it took.
     */
    void upload(String fileName, Path file) throws Exception {
        Duration timeout = SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.getRequired(session);
        step("streamed upload of " + fileName + " (" + Files.size(file) + " bytes, each write bounded)", timeout, () -> {
            try (OutputStream out = sftp.write("inbox/" + fileName + ".part")) {
                Files.copy(file, out);
            }
            sftp.rename("inbox/" + fileName + ".part", "inbox/" + fileName);
            return null;
        });
    }

    /**
     * Uploads {@code files} in order as {@code user} on one session; an upload that fails (the session would not open,
     * a command got no answer) is tried again on a new session, {@code attempts} times in all, each retry reported to
     * {@code progress}. A retried file whose first try got as far as the rename reaches the gateway twice: the bench
     * counts its repeats. Returns the retries; throws, naming the file and the last failure, when every attempt failed.
     */
    static int uploadAll(SshClient client, Path config, String user, int port, List<InterchangeGenerator.Interchange> files,
                         int attempts, Consumer<InterchangeGenerator.Interchange> uploaded, Consumer<String> progress)
            throws Exception {
        int retries = 0;
        SftpUploader sftp = null;
        try {
            for (InterchangeGenerator.Interchange f : files) {
                for (int attempt = 1; ; attempt++) {
                    try {
                        if (sftp == null) {
                            sftp = new SftpUploader(client, config, user, port);
                        }
                        sftp.upload(f.fileName(), f.content());
                        break;
                    } catch (SftpStepFailed e) {
                        closeQuietly(sftp);
                        sftp = null;
                        if (attempt >= attempts) {
                            throw new SftpStepFailed(e.getMessage() + " (attempt " + attempt + " of " + attempts + ")",
                                    e.getCause());
                        }
                        retries++;
                        progress.accept("sftp: " + e.getMessage() + "; trying again on a new session (attempt "
                                + (attempt + 1) + " of " + attempts + ")");
                    }
                }
                uploaded.accept(f);
            }
        } finally {
            closeQuietly(sftp);
        }
        return retries;
    }

    private static void closeQuietly(SftpUploader sftp) {
        if (sftp != null) {
            try {
                sftp.close();
            } catch (Exception ignored) {
                // the session is being given up after a failure; its close failing says nothing more
            }
        }
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private <T> T step(String what, Duration timeout, Step<T> step) throws SftpStepFailed {
        long start = System.nanoTime();
        try {
            return step.run();
        } catch (Exception e) {
            throw new SftpStepFailed("SFTP " + what + " as " + user + " failed after "
                    + String.format("%.1f", (System.nanoTime() - start) / 1e9) + " s (--sftp-timeout "
                    + timeout.toSeconds() + " s, load average " + Bench.loadAverage() + "): " + e, e);
        }
    }

    /** One step of a session failed; the message names it, the partner, the time it took and the cause. */
    static final class SftpStepFailed extends Exception {
        SftpStepFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void close() throws Exception {
        sftp.close();
        session.close();
    }
}
