package hk.tsw.gateway.intake.as2;

import java.security.Provider;
import java.security.Security;
import java.util.Set;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Which JCA provider does each S/MIME primitive. The JDK's own providers where they implement the algorithm
 * (SunJCE's AES and SUN's SHA digests are HotSpot intrinsics: AES-NI, SHA extensions; SunRsaSign and SunJCE's RSA
 * are faster than BouncyCastle's), BouncyCastle for everything else (other key transports, PSS, RC2 and whatever a
 * partner may still send; the gateway refuses the weak ones after decrypting, with the right MDN modifier). A JDK
 * without one of those providers gets BouncyCastle for it. The bytes on the wire are the same whichever provider
 * computes them: CMS structure, MIC and signatures come from BouncyCastle CMS and the standard algorithms.
 */
final class CryptoProviders {

    static final Provider BC = bouncyCastle();
    private static final Provider SUN = jdkOrBc("SUN");
    private static final Provider SUN_JCE = jdkOrBc("SunJCE");
    private static final Provider SUN_RSA_SIGN = jdkOrBc("SunRsaSign");

    /**
     * Content encryption the JDK does: AES-CBC (all key sizes) and 3DES-CBC. Not AES-GCM: SunJCE knows no GCM
     * AlgorithmParameters or KeyGenerator under the CMS OIDs, so BouncyCastle CMS cannot use it (SmimeProvidersTest).
     */
    private static final Set<String> JDK_CONTENT = Set.of(CMSAlgorithm.AES128_CBC.getId(), CMSAlgorithm.AES192_CBC.getId(),
            CMSAlgorithm.AES256_CBC.getId(), PKCSObjectIdentifiers.des_EDE3_CBC.getId());

    /** Digests the JDK does. */
    private static final Set<String> JDK_DIGEST = Set.of(OIWObjectIdentifiers.idSHA1.getId(),
            NISTObjectIdentifiers.id_sha256.getId(), NISTObjectIdentifiers.id_sha384.getId(),
            NISTObjectIdentifiers.id_sha512.getId());

    /** Signature algorithms of a CMS SignerInfo that SunRsaSign verifies (PKCS#1 v1.5 RSA; PSS stays with BC). */
    private static final Set<String> JDK_SIGNATURE = Set.of(PKCSObjectIdentifiers.rsaEncryption.getId(),
            PKCSObjectIdentifiers.sha1WithRSAEncryption.getId(), PKCSObjectIdentifiers.sha256WithRSAEncryption.getId(),
            PKCSObjectIdentifiers.sha384WithRSAEncryption.getId(), PKCSObjectIdentifiers.sha512WithRSAEncryption.getId());

    private CryptoProviders() {
    }

    /** The provider of the content cipher for a content-encryption OID. */
    static Provider content(String encryptionOid) {
        return JDK_CONTENT.contains(encryptionOid) ? SUN_JCE : BC;
    }

    /** The provider that unwraps (or wraps) the content key for a key-transport OID: PKCS#1 v1.5 RSA in the JDK. */
    static Provider keyTransport(String keyEncryptionOid) {
        return PKCSObjectIdentifiers.rsaEncryption.getId().equals(keyEncryptionOid) ? SUN_JCE : BC;
    }

    /** The provider of a digest OID. */
    static Provider digest(String digestOid) {
        return JDK_DIGEST.contains(digestOid) ? SUN : BC;
    }

    /** The provider that verifies a SignerInfo's signature algorithm OID. */
    static Provider signature(String signatureOid) {
        return JDK_SIGNATURE.contains(signatureOid) ? SUN_RSA_SIGN : BC;
    }

    /** The provider that makes our own {@code SHA*withRSA} signatures and the digests they sign. */
    static Provider rsaSigner() {
        return SUN_RSA_SIGN;
    }

    static Provider sha() {
        return SUN;
    }

    /** The provider that wraps content keys to a partner's RSA certificate (PKCS#1 v1.5). */
    static Provider rsaKeyWrap() {
        return SUN_JCE;
    }

    private static Provider bouncyCastle() {
        Provider p = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (p == null) {
            // appended last: code that asks for an algorithm without naming a provider still gets the JDK's first
            Security.addProvider(new BouncyCastleProvider());
            p = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        }
        return p;
    }

    private static Provider jdkOrBc(String name) {
        Provider p = Security.getProvider(name);
        return p == null ? BC : p;
    }
}
