package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throw-away RSA keys with self-signed certificates of chosen validity, for rollover and wrong-signer tests. */
public final class TestCertificates {

    public record Identity(KeyPair keys, X509Certificate certificate) {
        public void writePem(Path certFile, Path keyFile) throws IOException {
            try {
                Files.writeString(certFile, "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IOException(e);
            }
            if (keyFile != null) {
                Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
            }
        }
    }

    private TestCertificates() {
    }

    public static Identity create(String cn, Instant notBefore, Instant notAfter) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=" + cn + ", O=TSW test");
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()), Date.from(notBefore),
                Date.from(notAfter), name, kp.getPublic());
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
        return new Identity(kp, cert);
    }
}
