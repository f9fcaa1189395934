package hk.tsw.gateway.intake.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.partner.JdkEd25519Support;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key the SFTP server proves itself with. Configured ({@code gateway.sftp.hostKey}): an unencrypted OpenSSH or PEM
 * private key file kept with the secrets, the same file on every node, so a partner behind a load balancer sees one
 * key whichever node answers; a configured file that is missing, unreadable or holds no key stops the start with one
 * line naming it. Not configured (the embedded default): a key generated at first start and kept under the node's data
 * folder, with a WARN line, since each node would then have a key of its own.
 */
public final class SftpHostKey {

    private static final Logger LOG = LoggerFactory.getLogger(SftpHostKey.class);

    private final KeyPairProvider provider;
    private final List<KeyPair> keys;

    private SftpHostKey(KeyPairProvider provider, List<KeyPair> keys) {
        this.provider = provider;
        this.keys = keys;
    }

    /** {@code configured} if set (not blank), else a key generated into {@code generatedFile}. */
    public static SftpHostKey of(String configured, Path generatedFile) throws IOException {
        return configured == null || configured.isBlank() ? generated(generatedFile) : configured(Path.of(configured));
    }

    /** The key in {@code file}; refuses (IOException, one line) a file that is missing, unreadable or holds none. */
    public static SftpHostKey configured(Path file) throws IOException {
        JdkEd25519Support.install();
        String refusal = "gateway.sftp.hostKey " + file.toAbsolutePath() + ": ";
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException(refusal + (Files.exists(file) ? "cannot be read" : "no such file"));
        }
        List<KeyPair> keys = new ArrayList<>();
        try {
            for (KeyPair k : new FileKeyPairProvider(file).loadKeys(null)) {
                keys.add(k);
            }
        } catch (RuntimeException e) { // the provider reads lazily and wraps what it meets while reading
            throw new IOException(refusal + "not an unencrypted OpenSSH or PEM private key (" + e.getMessage() + ")", e);
        }
        if (keys.isEmpty()) {
            throw new IOException(refusal + "holds no private key");
        }
        return log(new SftpHostKey(KeyPairProvider.wrap(keys), List.copyOf(keys)));
    }

    /** A key generated at first start and kept in {@code file} (runtime data, per node). */
    public static SftpHostKey generated(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        SimpleGeneratorHostKeyProvider generator = new SimpleGeneratorHostKeyProvider(file);
        List<KeyPair> keys = new ArrayList<>();
        // generate and persist now, not at the first connection
        generator.loadKeys(null).forEach(keys::add);
        LOG.warn("SFTP: generated host key, per node: set gateway.sftp.hostKey for a cluster ({})", file);
        return log(new SftpHostKey(generator, List.copyOf(keys)));
    }

    /** The fingerprints (SHA256:...) a partner compares with what its client shows. */
    public List<String> fingerprints() {
        return keys.stream().map(k -> KeyUtils.getFingerPrint(k.getPublic())).toList();
    }

    KeyPairProvider provider() {
        return provider;
    }

    private static SftpHostKey log(SftpHostKey key) {
        for (KeyPair k : key.keys) {
            LOG.info("SFTP host key {} {}", KeyUtils.getKeyType(k.getPublic()), KeyUtils.getFingerPrint(k.getPublic()));
        }
        return key;
    }
}
