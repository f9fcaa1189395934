package hk.tsw.gateway.intake.as2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSCompressedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.ZlibExpanderProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The S/MIME operations of AS2 (RFC 5751 / RFC 4130 / RFC 5402) with BouncyCastle CMS: decrypt, decompress, verify a
 * detached signature, sign, encrypt, and the MIC. The primitives run in the JDK's providers where it has them
 * ({@link CryptoProviders}). Each failure is an {@link As2Failure} with the disposition
 * modifier the MDN must carry.
 */
public final class Smime {

    static {
        // BouncyCastle is registered (last) once S/MIME is first used, as it always was
        Objects.requireNonNull(CryptoProviders.BC);
    }

    private Smime() {
    }

    /** The decrypted inner entity and the content-encryption algorithm OID. */
    public record Decrypted(MimeEntity inner, String algorithmOid, X509Certificate recipient) {
    }

    /** Decrypts with whichever of our keys the message was encrypted to. */
    public static Decrypted decrypt(MimeEntity entity, List<GatewayKeys.KeyPairEntry> keys) throws As2Failure {
        CMSEnvelopedData enveloped;
        try {
            enveloped = new CMSEnvelopedData(entity.body());
        } catch (CMSException | RuntimeException e) {
            throw new As2Failure(As2Failure.DECRYPTION_FAILED, "the enveloped data cannot be read: " + e.getMessage(), e);
        }
        for (GatewayKeys.KeyPairEntry k : keys) {
            RecipientInformation ri = enveloped.getRecipientInfos().get(new JceKeyTransRecipientId(k.certificate()));
            if (ri == null) {
                continue;
            }
            try {
                byte[] content = ri.getContent(new JceKeyTransEnvelopedRecipient(k.key())
                        .setProvider(CryptoProviders.keyTransport(ri.getKeyEncryptionAlgOID()))
                        .setContentProvider(CryptoProviders.content(enveloped.getEncryptionAlgOID())));
                return new Decrypted(MimeEntity.parse(content), enveloped.getEncryptionAlgOID(), k.certificate());
            } catch (CMSException | RuntimeException e) {
                throw new As2Failure(As2Failure.DECRYPTION_FAILED, "decryption with the gateway key " + k.name()
                        + " failed: " + e.getMessage(), e);
            }
        }
        throw new As2Failure(As2Failure.DECRYPTION_FAILED,
                "the message is not encrypted to any current gateway certificate");
    }

    public static MimeEntity decompress(MimeEntity entity) throws As2Failure {
        try {
            return MimeEntity.parse(new CMSCompressedData(entity.body()).getContent(new ZlibExpanderProvider()));
        } catch (CMSException | RuntimeException e) {
            throw new As2Failure(As2Failure.DECOMPRESSION_FAILED, "the compressed data cannot be expanded: " + e.getMessage(), e);
        }
    }

    /** The signed content, the signer's digest OID and the certificate that verified it. */
    public record Verified(MimeEntity content, String digestOid, X509Certificate signer) {
    }

    /**
     * Verifies a {@code multipart/signed} entity against the given certificates: none of them the signer →
     * authentication-failed; the content changed after signing → integrity-check-failed.
     */
    public static Verified verify(MimeEntity multipartSigned, List<X509Certificate> candidates) throws As2Failure {
        List<MimeEntity> parts;
        try {
            parts = multipartSigned.parts();
        } catch (IllegalArgumentException e) {
            throw new As2Failure(As2Failure.INTEGRITY_CHECK_FAILED, "the signed message is not well-formed: " + e.getMessage(), e);
        }
        if (parts.size() != 2) {
            throw new As2Failure(As2Failure.INTEGRITY_CHECK_FAILED, "multipart/signed with " + parts.size() + " parts, not 2");
        }
        MimeEntity content = parts.get(0);
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(new CMSProcessableByteArray(content.raw()), parts.get(1).body());
        } catch (CMSException | RuntimeException e) {
            throw new As2Failure(As2Failure.INTEGRITY_CHECK_FAILED, "the signature cannot be read: " + e.getMessage(), e);
        }
        for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
            for (X509Certificate cert : candidates) {
                try {
                    if (!signer.getSID().match(new X509CertificateHolder(cert.getEncoded()))) {
                        continue;
                    }
                    if (!signer.verify(verifier(signer, cert))) {
                        throw new As2Failure(As2Failure.INTEGRITY_CHECK_FAILED, "the signature does not verify");
                    }
                    return new Verified(content, signer.getDigestAlgOID(), cert);
                } catch (CMSSignerDigestMismatchException e) {
                    throw new As2Failure(As2Failure.INTEGRITY_CHECK_FAILED,
                            "the content was changed after it was signed (digest mismatch)", e);
                } catch (CMSException | OperatorCreationException | GeneralSecurityException | IOException e) {
                    throw new As2Failure(As2Failure.INTEGRITY_CHECK_FAILED, "the signature does not verify: " + e.getMessage(), e);
                }
            }
        }
        throw new As2Failure(As2Failure.AUTHENTICATION_FAILED,
                "signed by a certificate that is not (or no longer) the partner's");
    }

    private static SignerInformationVerifier verifier(SignerInformation signer, X509Certificate cert)
            throws OperatorCreationException {
        return new JcaSignerInfoVerifierBuilder(new JcaDigestCalculatorProviderBuilder()
                .setProvider(CryptoProviders.digest(signer.getDigestAlgOID())).build())
                .setProvider(CryptoProviders.signature(signer.getEncryptionAlgOID())).build(cert);
    }

    /** Base64 digest of the bytes with the micalg ({@code sha-256}), as carried by Received-Content-MIC. */
    public static String mic(byte[] bytes, String micalg) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance(Algorithms.jcaDigest(micalg),
                    CryptoProviders.sha()).digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs an entity: a {@code multipart/signed} entity (headers and body) with a detached CMS signature. */
    public static byte[] sign(byte[] entity, String micalg, PrivateKey key, X509Certificate cert) {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                    .setProvider(CryptoProviders.sha()).build()).build(new JcaContentSignerBuilder(
                    Algorithms.signatureAlgorithm(micalg)).setProvider(CryptoProviders.rsaSigner()).build(key), cert));
            gen.addCertificates(new JcaCertStore(List.of(cert)));
            byte[] signature = gen.generate(new CMSProcessableByteArray(entity), false).getEncoded();
            String boundary = "----=_tsw_signed_" + UUID.randomUUID();
            String head = "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=" + micalg
                    + "; boundary=\"" + boundary + "\"\r\n\r\n";
            String sigPart = "\r\n--" + boundary + "\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n"
                    + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=smime.p7s\r\n\r\n"
                    + Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(signature)
                    + "\r\n--" + boundary + "--\r\n";
            return concat(head.getBytes(StandardCharsets.US_ASCII), ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII),
                    entity, sigPart.getBytes(StandardCharsets.US_ASCII));
        } catch (CMSException | OperatorCreationException | GeneralSecurityException | IOException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
    }

    /** Encrypts an entity to a certificate: an {@code application/pkcs7-mime} enveloped-data entity. */
    public static byte[] encrypt(byte[] entity, X509Certificate to, ASN1ObjectIdentifier algorithm) {
        try {
            CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
            gen.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(to).setProvider(CryptoProviders.rsaKeyWrap()));
            byte[] der = gen.generate(new CMSProcessableByteArray(entity), new JceCMSContentEncryptorBuilder(algorithm)
                    .setProvider(CryptoProviders.content(algorithm.getId())).build()).getEncoded();
            String head = "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n"
                    + "Content-Transfer-Encoding: binary\r\nContent-Disposition: attachment; filename=smime.p7m\r\n\r\n";
            return concat(head.getBytes(StandardCharsets.US_ASCII), der);
        } catch (CMSException | GeneralSecurityException | IOException e) {
            throw new IllegalStateException("encryption failed: " + e.getMessage(), e);
        }
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
