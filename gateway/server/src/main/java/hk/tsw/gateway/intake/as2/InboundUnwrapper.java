package hk.tsw.gateway.intake.as2;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import hk.tsw.gateway.partner.As2Profile;

/**
 * Takes the protection off an inbound AS2 message in whatever order it was applied (encrypt, compress before or after
 * signing: RFC 5402), checks each layer against the partner's agreement, and says what was signed: the MIC is
 * computed over the signed entity (headers and content), or over the innermost entity when nothing was signed
 * (RFC 4130 7.3.1).
 */
final class InboundUnwrapper {

    /** What the message was and carried. */
    record Unwrapped(MimeEntity payload, boolean signed, boolean encrypted, boolean compressed, byte[] micContent,
                     String digestOid, String encryptionOid, X509Certificate signer, X509Certificate decryptedWith) {
    }

    private static final int MAX_LAYERS = 6;

    private InboundUnwrapper() {
    }

    static Unwrapped unwrap(MimeEntity entity, As2Profile partner, GatewayKeys keys, Instant now) throws As2Failure {
        boolean signed = false;
        boolean encrypted = false;
        boolean compressed = false;
        byte[] micContent = null;
        String digestOid = null;
        String encryptionOid = null;
        X509Certificate signer = null;
        X509Certificate decryptedWith = null;
        for (int layer = 0; layer < MAX_LAYERS; layer++) {
            String type = entity.mediaType();
            if (type.equals("application/pkcs7-mime") || type.equals("application/x-pkcs7-mime")) {
                String smime = entity.parameter("smime-type").orElse("").toLowerCase(Locale.ROOT);
                if (smime.equals("compressed-data")) {
                    entity = Smime.decompress(entity);
                    compressed = true;
                    continue;
                }
                if (smime.equals("enveloped-data") || smime.isEmpty() && !encrypted) {
                    if (encrypted) {
                        throw new As2Failure(As2Failure.UNEXPECTED, "encrypted twice");
                    }
                    Smime.Decrypted d = Smime.decrypt(entity, keys.all());
                    if (!Algorithms.encryptionAccepted(d.algorithmOid(), partner.allowLegacyAlgorithms())) {
                        throw new As2Failure(As2Failure.INSUFFICIENT_SECURITY, "content encryption "
                                + Algorithms.name(d.algorithmOid()) + " is refused (AES required"
                                + (partner.allowLegacyAlgorithms() ? ", or 3DES" : "") + ")");
                    }
                    encrypted = true;
                    encryptionOid = d.algorithmOid();
                    decryptedWith = d.recipient();
                    entity = d.inner();
                    continue;
                }
                throw new As2Failure(As2Failure.UNEXPECTED, "unsupported S/MIME type " + smime);
            }
            if (type.equals("multipart/signed")) {
                if (signed) {
                    throw new As2Failure(As2Failure.UNEXPECTED, "signed twice");
                }
                Smime.Verified v = Smime.verify(entity, partner.validAt(now));
                if (!Algorithms.digestAccepted(v.digestOid(), partner.allowLegacyAlgorithms())) {
                    throw new As2Failure(As2Failure.INSUFFICIENT_SECURITY, "signature digest "
                            + Algorithms.name(v.digestOid()) + " is refused (SHA-256 or stronger required)");
                }
                signed = true;
                digestOid = v.digestOid();
                signer = v.signer();
                micContent = v.content().raw();
                entity = v.content();
                continue;
            }
            break;
        }
        if (partner.requireEncrypted() && !encrypted) {
            throw new As2Failure(As2Failure.INSUFFICIENT_SECURITY, "the partner agreement requires encrypted messages");
        }
        if (partner.requireSigned() && !signed) {
            throw new As2Failure(As2Failure.INSUFFICIENT_SECURITY, "the partner agreement requires signed messages");
        }
        return new Unwrapped(entity, signed, encrypted, compressed, micContent == null ? entity.raw() : micContent,
                digestOid, encryptionOid, signer, decryptedWith);
    }

    static List<String> acceptedPayloadTypes() {
        return List.of("application/edifact", "application/xml", "text/xml", "application/octet-stream");
    }
}
