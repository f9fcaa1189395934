package hk.tsw.gateway.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import hk.tsw.gateway.partner.JdkEd25519Support;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * A partner's SFTP session (MINA SSHD client, the partner's demo key from {@code config/demo/}): uploads under a
 * temporary name and renames, as a careful partner does, so the gateway only ever sees whole files.
 */
final class SftpUploader implements AutoCloseable {

    private final ClientSession session;
    private final SftpClient sftp;

    SftpUploader(SshClient client, Path config, String user, int port) throws Exception {
        session = client.connect(user, "127.0.0.1", port).verify(10_000).getSession();
        try (InputStream in = Files.newInputStream(config.resolve("demo/" + user + "_ed25519"))) {
            for (KeyPair kp : SecurityUtils.loadKeyPairIdentities(null, null, in, FilePasswordProvider.EMPTY)) {
                session.addPublicKeyIdentity(kp);
            }
        }
        session.auth().verify(10_000);
        sftp = SftpClientFactory.instance().createSftpClient(session);
    }

    static SshClient client() {
        JdkEd25519Support.install();
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((s, a, k) -> true); // loopback, the gateway we just started
        client.start();
        return client;
    }

    void upload(String fileName, byte[] content) throws Exception {
        try (OutputStream out = sftp.write("inbox/" + fileName + ".part")) {
            out.write(content);
        }
        sftp.rename("inbox/" + fileName + ".part", "inbox/" + fileName);
    }

    /** As {@link #upload(String, byte[])}, streaming a file of any size from disk. */
    void upload(String fileName, Path file) throws Exception {
        try (OutputStream out = sftp.write("inbox/" + fileName + ".part")) {
            Files.copy(file, out);
        }
        sftp.rename("inbox/" + fileName + ".part", "inbox/" + fileName);
    }

    @Override
    public void close() throws Exception {
        sftp.close();
        session.close();
    }
}
