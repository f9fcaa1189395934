package hk.tsw.gateway.intake.as2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import hk.tsw.gateway.testsupport.TestCertificates;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The S/MIME primitives run in the JDK's providers where it has them ({@link CryptoProviders}); the wire format must
 * not change with it. Every content encryption and digest the gateway accepts is checked both ways against
 * BouncyCastle alone (what the gateway used before, and what many partners' AS2 software uses): what BC encrypts or
 * signs the gateway decrypts and verifies, and what the gateway encrypts or signs BC decrypts and verifies.
 */
class SmimeProvidersTest {

    private static final byte[] ENTITY = ("Content-Type: application/edifact\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            + "UNA:+.? 'UNB+UNOC:3+DEMOFWD:ZZZ+TSWGATEWAY:ZZZ+261206:0100+1'UNZ+0+1'").getBytes(StandardCharsets.US_ASCII);

    static TestCertificates.Identity gateway;
    static TestCertificates.Identity partner;

    @BeforeAll
    static void keys() throws Exception {
        assertEquals("BC", CryptoProviders.BC.getName()); // registered, for the BC-only reference side
        Instant now = Instant.now();
        gateway = TestCertificates.create("TSWGATEWAY", now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS));
        partner = TestCertificates.create("DEMOFWD", now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS));
    }

    static Stream<ASN1ObjectIdentifier> contentAlgorithms() {
        return Stream.of(CMSAlgorithm.AES128_CBC, CMSAlgorithm.AES192_CBC, CMSAlgorithm.AES256_CBC,
                CMSAlgorithm.AES128_GCM, CMSAlgorithm.AES192_GCM, CMSAlgorithm.AES256_GCM,
                new ASN1ObjectIdentifier(PKCSObjectIdentifiers.des_EDE3_CBC.getId()));
    }

    @ParameterizedTest
    @MethodSource("contentAlgorithms")
    void what_bouncycastle_alone_encrypts_the_gateway_decrypts(ASN1ObjectIdentifier algorithm) throws Exception {
        CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
        gen.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(gateway.certificate()).setProvider("BC"));
        byte[] der = gen.generate(new CMSProcessableByteArray(ENTITY),
                new JceCMSContentEncryptorBuilder(algorithm).setProvider("BC").build()).getEncoded();
        MimeEntity enveloped = MimeEntity.parse(Smime.concat(("Content-Type: application/pkcs7-mime;"
                + " smime-type=enveloped-data\r\nContent-Transfer-Encoding: binary\r\n\r\n").getBytes(StandardCharsets.US_ASCII), der));

        Smime.Decrypted d = Smime.decrypt(enveloped, List.of(gatewayEntry()));

        assertArrayEquals(ENTITY, d.inner().raw());
        assertEquals(algorithm.getId(), d.algorithmOid());
    }

    @ParameterizedTest
    @MethodSource("contentAlgorithms")
    void what_the_gateway_encrypts_bouncycastle_alone_decrypts(ASN1ObjectIdentifier algorithm) throws Exception {
        MimeEntity enveloped = MimeEntity.parse(Smime.encrypt(ENTITY, partner.certificate(), algorithm));

        CMSEnvelopedData data = new CMSEnvelopedData(enveloped.body());
        RecipientInformation ri = data.getRecipientInfos().getRecipients().iterator().next();
        byte[] content = ri.getContent(new JceKeyTransEnvelopedRecipient(partner.keys().getPrivate()).setProvider("BC"));

        assertArrayEquals(ENTITY, content);
        assertEquals(algorithm.getId(), data.getEncryptionAlgOID());
    }

    @Test
    void a_message_encrypted_to_another_key_is_still_decryption_failed() {
        byte[] other = Smime.encrypt(ENTITY, partner.certificate(), CMSAlgorithm.AES128_CBC);
        As2Failure f = assertThrows(As2Failure.class, () -> Smime.decrypt(MimeEntity.parse(other), List.of(gatewayEntry())));
        assertEquals(As2Failure.DECRYPTION_FAILED, f.modifier());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha-1", "sha-256", "sha-384", "sha-512"})
    void what_the_gateway_signs_bouncycastle_alone_verifies_and_the_mic_is_the_plain_digest(String micalg) throws Exception {
        MimeEntity signed = MimeEntity.parse(Smime.sign(ENTITY, micalg, gateway.keys().getPrivate(), gateway.certificate()));
        List<MimeEntity> parts = signed.parts();

        CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(parts.get(0).raw()), parts.get(1).body());
        SignerInformation signer = data.getSignerInfos().getSigners().iterator().next();

        assertEquals(true, signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(gateway.certificate())));
        assertEquals(Algorithms.digestOid(micalg).orElseThrow(), signer.getDigestAlgOID());
        assertArrayEquals(ENTITY, parts.get(0).raw());
        String expectedMic = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance(Algorithms.jcaDigest(micalg), "BC").digest(ENTITY));
        assertEquals(expectedMic, Smime.mic(ENTITY, micalg));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha-1", "sha-256", "sha-384", "sha-512"})
    void what_bouncycastle_alone_signs_the_gateway_verifies(String micalg) throws Exception {
        MimeEntity signed = MimeEntity.parse(bcSigned(ENTITY, micalg));

        Smime.Verified v = Smime.verify(signed, List.of(partner.certificate()));

        assertArrayEquals(ENTITY, v.content().raw());
        assertEquals(Algorithms.digestOid(micalg).orElseThrow(), v.digestOid());
    }

    @Test
    void content_changed_after_a_bouncycastle_signature_is_still_integrity_check_failed() throws Exception {
        byte[] signed = bcSigned(ENTITY, "sha-256");
        String text = new String(signed, StandardCharsets.ISO_8859_1).replace("DEMOFWD:ZZZ", "DEMOFWX:ZZZ");
        As2Failure f = assertThrows(As2Failure.class, () -> Smime.verify(
                MimeEntity.parse(text.getBytes(StandardCharsets.ISO_8859_1)), List.of(partner.certificate())));
        assertEquals(As2Failure.INTEGRITY_CHECK_FAILED, f.modifier());
    }

    @Test
    void the_jdk_does_the_algorithms_the_gateway_accepts_and_bouncycastle_the_rest() {
        assertEquals("SunJCE", CryptoProviders.content(CMSAlgorithm.AES256_CBC.getId()).getName());
        assertEquals("SunJCE", CryptoProviders.content(PKCSObjectIdentifiers.des_EDE3_CBC.getId()).getName());
        assertEquals("BC", CryptoProviders.content(CMSAlgorithm.AES128_GCM.getId()).getName());
        assertEquals("SunJCE", CryptoProviders.keyTransport(PKCSObjectIdentifiers.rsaEncryption.getId()).getName());
        assertEquals("SUN", CryptoProviders.digest(Algorithms.digestOid("sha-256").orElseThrow()).getName());
        assertEquals("SunRsaSign", CryptoProviders.signature(PKCSObjectIdentifiers.rsaEncryption.getId()).getName());
        assertEquals("BC", CryptoProviders.content(PKCSObjectIdentifiers.RC2_CBC.getId()).getName());
        assertEquals("BC", CryptoProviders.keyTransport(PKCSObjectIdentifiers.id_RSAES_OAEP.getId()).getName());
        assertEquals("BC", CryptoProviders.signature(PKCSObjectIdentifiers.id_RSASSA_PSS.getId()).getName());
    }

    private static byte[] bcSigned(byte[] entity, String micalg) throws Exception {
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                .setProvider("BC").build()).build(new JcaContentSignerBuilder(Algorithms.signatureAlgorithm(micalg))
                .setProvider("BC").build(partner.keys().getPrivate()), partner.certificate()));
        gen.addCertificates(new JcaCertStore(List.of(partner.certificate())));
        byte[] signature = gen.generate(new CMSProcessableByteArray(entity), false).getEncoded();
        String boundary = "----=_bc_signed";
        String head = "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=" + micalg
                + "; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary + "\r\n";
        String tail = "\r\n--" + boundary + "\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(signature) + "\r\n--" + boundary + "--\r\n";
        return Smime.concat(head.getBytes(StandardCharsets.US_ASCII), entity, tail.getBytes(StandardCharsets.US_ASCII));
    }

    private static GatewayKeys.KeyPairEntry gatewayEntry() {
        return new GatewayKeys.KeyPairEntry("test", gateway.keys().getPrivate(), gateway.certificate());
    }
}
