package hk.tsw.gateway.testsupport;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * A partner's SFTP session to the gateway, logged in with its demo key (a real MINA SSHD client). One SSH client
 * serves every session of the test JVM: stopping a client while another's sessions still complete asynchronous I/O
 * made the shared executor refuse work ("Executor has been shut down").
 */
public final class PartnerSftp implements AutoCloseable {

    private static SshClient client;

    private final ClientSession session;
    private final SftpClient sftp;

    private static synchronized SshClient client() {
        if (client == null) {
            hk.tsw.gateway.partner.JdkEd25519Support.install();
            client = SshClient.setUpDefaultClient();
            client.setServerKeyVerifier((s, a, k) -> true);
            // an SFTP request the server never answers fails after a minute instead of MINA's default ten
            org.apache.sshd.core.CoreModuleProperties.IDLE_TIMEOUT.set(client, java.time.Duration.ofSeconds(60));
            client.start();
        }
        return client;
    }

    /** The waits are hang guards: a loaded machine may take seconds to sign in (seen: over 10 s at load 15). */
    public PartnerSftp(String user, int port) throws Exception {
        this(user, port, ProjectRoot.REPO.resolve("config/demo/" + user + "_ed25519"));
    }

    /** Logs in as {@code user} with the private key in {@code key} (e.g. a partner added while the gateway runs). */
    public PartnerSftp(String user, int port, Path key) throws Exception {
        session = client().connect(user, "127.0.0.1", port).verify(60_000).getSession();
        for (KeyPair kp : SecurityUtils.loadKeyPairIdentities(null, null, Files.newInputStream(key), FilePasswordProvider.EMPTY)) {
            session.addPublicKeyIdentity(kp);
        }
        try {
            session.auth().verify(60_000);
        } catch (Exception e) {
            session.close();
            throw e;
        }
        sftp = SftpClientFactory.instance().createSftpClient(session);
    }

    /**
     * Logs in as {@code user} with a new SSH client of its own (not the shared one) and lists the outbox: says whether
     * the gateway's SFTP server still serves when the shared client's sessions fail, i.e. whose the stall is.
     */
    public static String probeWithFreshClient(String user, int port) {
        SshClient fresh = SshClient.setUpDefaultClient();
        fresh.setServerKeyVerifier((s, a, k) -> true);
        org.apache.sshd.core.CoreModuleProperties.IDLE_TIMEOUT.set(fresh, java.time.Duration.ofSeconds(30));
        fresh.start();
        try (ClientSession s = fresh.connect(user, "127.0.0.1", port).verify(30_000).getSession();
             java.io.InputStream key = Files.newInputStream(ProjectRoot.REPO.resolve("config/demo/" + user + "_ed25519"))) {
            for (KeyPair kp : SecurityUtils.loadKeyPairIdentities(null, null, key, FilePasswordProvider.EMPTY)) {
                s.addPublicKeyIdentity(kp);
            }
            s.auth().verify(30_000);
            try (SftpClient c = SftpClientFactory.instance().createSftpClient(s)) {
                int n = 0;
                for (SftpClient.DirEntry e : c.readDir("outbox")) {
                    n++;
                }
                return "a fresh SSH client logged in and listed the outbox (" + n + " entries): the gateway's SFTP server serves";
            }
        } catch (Exception e) {
            return "a fresh SSH client could not log in and list the outbox either: " + e;
        } finally {
            fresh.stop();
        }
    }

    /** Uploads under a temporary name, then renames: the file appears in the inbox whole or not at all. */
    public void upload(String fileName, byte[] content) throws Exception {
        try (OutputStream out = sftp.write("inbox/" + fileName + ".part")) {
            out.write(content);
        }
        sftp.rename("inbox/" + fileName + ".part", "inbox/" + fileName);
    }

    /** As {@link #upload(String, byte[])}, streaming a file of any size from disk. */
    public void upload(String fileName, Path file) throws Exception {
        try (OutputStream out = sftp.write("inbox/" + fileName + ".part")) {
            Files.copy(file, out);
        }
        sftp.rename("inbox/" + fileName + ".part", "inbox/" + fileName);
    }

    /** Writes half the content under the temporary name and stops (an interrupted upload). */
    public void uploadHalf(String fileName, byte[] content) throws Exception {
        try (OutputStream out = sftp.write("inbox/" + fileName + ".part")) {
            out.write(content, 0, content.length / 2);
        }
    }

    /** The names of the plain files in one of the partner's folders ({@code inbox}, {@code outbox}), sorted. */
    public java.util.SortedSet<String> list(String folder) throws Exception {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        for (SftpClient.DirEntry e : sftp.readDir(folder)) {
            if (e.getAttributes().isRegularFile()) {
                names.add(e.getFilename());
            }
        }
        return names;
    }

    @Override
    public void close() throws Exception {
        sftp.close();
        session.close();
    }
}
