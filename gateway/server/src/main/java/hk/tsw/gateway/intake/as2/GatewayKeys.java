package hk.tsw.gateway.intake.as2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * The gateway's own AS2 identities: every {@code <name>.key.pem} (PKCS#8) with its {@code <name>.cert.pem} in the
 * folder {@code gateway.as2.key.dir}. During a rollover several pairs are present: each is tried for decryption,
 * the newest valid one signs MDNs and outbound messages.
 */
public final class GatewayKeys {

    /** One key with its certificate. */
    public record KeyPairEntry(String name, PrivateKey key, X509Certificate certificate) {
    }

    private final List<KeyPairEntry> entries;

    private GatewayKeys(List<KeyPairEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static GatewayKeys load(Path dir) {
        List<KeyPairEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> keys = Files.newDirectoryStream(dir, "*.key.pem")) {
            for (Path keyFile : keys) {
                String name = keyFile.getFileName().toString().replace(".key.pem", "");
                Path certFile = dir.resolve(name + ".cert.pem");
                entries.add(new KeyPairEntry(name, readKey(keyFile), readCert(certFile)));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("AS2 keys in " + dir + " cannot be read: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("no AS2 key pair (<name>.key.pem + <name>.cert.pem) in " + dir);
        }
        entries.sort(Comparator.comparing(e -> e.name()));
        return new GatewayKeys(entries);
    }

    public List<KeyPairEntry> all() {
        return entries;
    }

    /** The newest key pair valid now (latest notBefore); if none is valid, the newest one (and the health says so). */
    public KeyPairEntry signing(Instant at) {
        Date d = Date.from(at);
        return entries.stream()
                .filter(e -> !d.before(e.certificate().getNotBefore()) && !d.after(e.certificate().getNotAfter()))
                .max(Comparator.comparing(e -> e.certificate().getNotBefore()))
                .orElseGet(() -> entries.stream().max(Comparator.comparing(e -> e.certificate().getNotBefore())).orElseThrow());
    }

    static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException(file + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    static X509Certificate readCert(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
