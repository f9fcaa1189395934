package hk.tsw.gateway.intake.as2;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * The digest and content-encryption algorithms the gateway accepts. SHA-256 and up, AES (CBC, GCM): always.
 * SHA-1 and 3DES: only for a partner whose file says {@code allowLegacyAlgorithms}. Anything else (MD5, RC2, DES):
 * never.
 */
final class Algorithms {

    /** RFC 5751 micalg names to digest OIDs. */
    private static final Map<String, String> MICALG = Map.of(
            "sha-256", NISTObjectIdentifiers.id_sha256.getId(), "sha256", NISTObjectIdentifiers.id_sha256.getId(),
            "sha-384", NISTObjectIdentifiers.id_sha384.getId(), "sha384", NISTObjectIdentifiers.id_sha384.getId(),
            "sha-512", NISTObjectIdentifiers.id_sha512.getId(), "sha512", NISTObjectIdentifiers.id_sha512.getId(),
            "sha-1", OIWObjectIdentifiers.idSHA1.getId(), "sha1", OIWObjectIdentifiers.idSHA1.getId());

    private Algorithms() {
    }

    static boolean digestAccepted(String oid, boolean legacy) {
        return oid.equals(NISTObjectIdentifiers.id_sha256.getId()) || oid.equals(NISTObjectIdentifiers.id_sha384.getId())
                || oid.equals(NISTObjectIdentifiers.id_sha512.getId())
                || (legacy && oid.equals(OIWObjectIdentifiers.idSHA1.getId()));
    }

    static boolean encryptionAccepted(String oid, boolean legacy) {
        return oid.equals(CMSAlgorithm.AES128_CBC.getId()) || oid.equals(CMSAlgorithm.AES192_CBC.getId())
                || oid.equals(CMSAlgorithm.AES256_CBC.getId()) || oid.equals(CMSAlgorithm.AES128_GCM.getId())
                || oid.equals(CMSAlgorithm.AES192_GCM.getId()) || oid.equals(CMSAlgorithm.AES256_GCM.getId())
                || (legacy && oid.equals(PKCSObjectIdentifiers.des_EDE3_CBC.getId()));
    }

    /** The digest OID for a micalg name ({@code sha-256}, {@code sha256} ...), if known. */
    static Optional<String> digestOid(String micalg) {
        return Optional.ofNullable(MICALG.get(micalg.strip().toLowerCase(Locale.ROOT)));
    }

    /** The RFC 5751 micalg name of a digest OID ({@code sha-256}). */
    static String micalg(String oid) {
        if (oid.equals(NISTObjectIdentifiers.id_sha384.getId())) {
            return "sha-384";
        }
        if (oid.equals(NISTObjectIdentifiers.id_sha512.getId())) {
            return "sha-512";
        }
        if (oid.equals(OIWObjectIdentifiers.idSHA1.getId())) {
            return "sha-1";
        }
        return "sha-256";
    }

    /** The JCA digest name of a micalg ({@code SHA-256}). */
    static String jcaDigest(String micalg) {
        return switch (micalg) {
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            case "sha-1" -> "SHA-1";
            default -> "SHA-256";
        };
    }

    static String signatureAlgorithm(String micalg) {
        return jcaDigest(micalg).replace("-", "") + "withRSA";
    }

    /** A readable name for the timeline: the algorithm, or its OID. */
    static String name(String oid) {
        Map<String, String> names = Map.of(CMSAlgorithm.AES128_CBC.getId(), "AES-128-CBC",
                CMSAlgorithm.AES192_CBC.getId(), "AES-192-CBC", CMSAlgorithm.AES256_CBC.getId(), "AES-256-CBC",
                CMSAlgorithm.AES128_GCM.getId(), "AES-128-GCM", CMSAlgorithm.AES256_GCM.getId(), "AES-256-GCM",
                PKCSObjectIdentifiers.des_EDE3_CBC.getId(), "3DES", PKCSObjectIdentifiers.RC2_CBC.getId(), "RC2",
                OIWObjectIdentifiers.idSHA1.getId(), "SHA-1", NISTObjectIdentifiers.id_sha256.getId(), "SHA-256",
                PKCSObjectIdentifiers.md5.getId(), "MD5");
        return names.getOrDefault(oid, oid);
    }
}
