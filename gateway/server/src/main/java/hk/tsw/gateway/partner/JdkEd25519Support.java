package hk.tsw.gateway.partner;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PrivateKeyEntryDecoder;
import org.apache.sshd.common.config.keys.PublicKeyEntryDecoder;
import org.apache.sshd.common.config.keys.loader.openssh.OpenSSHKeyPairResourceParser;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.AbstractSecurityProviderRegistrar;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSAUtils;
import org.apache.sshd.common.util.security.eddsa.generic.GenericEd25519PublicKeyDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericOpenSSHEd25519PrivateKeyEntryDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericSignatureEd25519;

/**
 * Teaches MINA SSHD to use the JDK's own Ed25519 (SunEC, Java 15+) for {@code ssh-ed25519} keys. SSHD 2.17 only
 * knows Ed25519 through BouncyCastle or net.i2p eddsa, neither of which the gateway ships; without this bridge the
 * partners' {@code ssh-ed25519} authorized keys could not even be parsed. It mirrors SSHD's own BouncyCastle
 * support class, with the JDK key types.
 *
 * <p>{@link #install()} is idempotent and must run before SSHD parses a key or builds a server/client; the
 * {@link PartnerRegistry} and the SFTP server call it. It registers a security-provider registrar that supplies
 * nothing but the EdDSA support (every other algorithm still comes from the JDK's default providers), and registers
 * the key decoders explicitly because SSHD's key registries are filled in static initialisers that may have run
 * earlier.
 */
public final class JdkEd25519Support implements EdDSASupport<EdECPublicKey, EdECPrivateKey> {

    private static final String ALGORITHM = "Ed25519";
    private static boolean installed;

    /** Makes {@code ssh-ed25519} keys usable by SSHD in this JVM (no-op if SSHD already supports them). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        if (!SecurityUtils.isEDDSACurveSupported()) {
            SecurityUtils.registerSecurityProvider(new Registrar());
            JdkEd25519Support support = new JdkEd25519Support();
            KeyUtils.registerPublicKeyEntryDecoder(support.getEDDSAPublicKeyEntryDecoder());
            OpenSSHKeyPairResourceParser.registerPrivateKeyEntryDecoder(support.getOpenSSHEDDSAPrivateKeyEntryDecoder());
        }
        if (!SecurityUtils.isEDDSACurveSupported()) {
            throw new IllegalStateException("cannot enable ssh-ed25519 keys in MINA SSHD");
        }
        installed = true;
    }

    @Override
    public PublicKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getEDDSAPublicKeyEntryDecoder() {
        return new GenericEd25519PublicKeyDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this);
    }

    @Override
    public PrivateKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getOpenSSHEDDSAPrivateKeyEntryDecoder() {
        return new GenericOpenSSHEd25519PrivateKeyEntryDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this);
    }

    @Override
    public Signature getEDDSASigner() {
        return new GenericSignatureEd25519("EdDSA");
    }

    @Override
    public int getEDDSAKeySize(Key key) {
        return KEY_SIZE;
    }

    @Override
    public Class<EdECPublicKey> getEDDSAPublicKeyType() {
        return EdECPublicKey.class;
    }

    @Override
    public Class<EdECPrivateKey> getEDDSAPrivateKeyType() {
        return EdECPrivateKey.class;
    }

    @Override
    public boolean compareEDDSAPPublicKeys(PublicKey k1, PublicKey k2) {
        return k1 instanceof EdECPublicKey && k2 instanceof EdECPublicKey
                && Arrays.equals(k1.getEncoded(), k2.getEncoded());
    }

    @Override
    public boolean compareEDDSAPrivateKeys(PrivateKey k1, PrivateKey k2) {
        return k1 instanceof EdECPrivateKey && k2 instanceof EdECPrivateKey
                && Arrays.equals(k1.getEncoded(), k2.getEncoded());
    }

    /**
     * The JDK has no API to derive an Ed25519 public key, but its key-pair generator takes the private key bytes
     * straight from the random source: feeding it the private key yields the matching pair.
     */
    @Override
    public EdECPublicKey recoverEDDSAPublicKey(PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof EdECPrivateKey)) {
            throw new InvalidKeyException("Private key is not EdDSA");
        }
        byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow(() -> new InvalidKeyException("no key bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
        return (EdECPublicKey) generator.generateKeyPair().getPublic();
    }

    @Override
    public EdECPublicKey generateEDDSAPublicKey(byte[] keyData) throws GeneralSecurityException {
        return (EdECPublicKey) SecurityUtils.getKeyFactory(ALGORITHM).generatePublic(EdDSAUtils.createPublicKeySpec(keyData));
    }

    @Override
    public EdECPrivateKey generateEDDSAPrivateKey(byte[] keyData) throws GeneralSecurityException, IOException {
        return (EdECPrivateKey) SecurityUtils.getKeyFactory(ALGORITHM).generatePrivate(EdDSAUtils.createPrivateKeySpec(keyData));
    }

    @Override
    public <B extends Buffer> B putRawEDDSAPublicKey(B buffer, PublicKey key) {
        buffer.putBytes(getPublicKeyData((EdECPublicKey) key));
        return buffer;
    }

    @Override
    public <B extends Buffer> B putEDDSAKeyPair(B buffer, PublicKey pubKey, PrivateKey prvKey) {
        throw new UnsupportedOperationException("Full SSHD-440 implementation N/A");
    }

    @Override
    public KeySpec createPublicKeySpec(EdECPublicKey key) {
        return new X509EncodedKeySpec(key.getEncoded());
    }

    @Override
    public KeySpec createPrivateKeySpec(EdECPrivateKey key) {
        return new PKCS8EncodedKeySpec(key.getEncoded());
    }

    @Override
    public byte[] getPublicKeyData(EdECPublicKey key) {
        try {
            return EdDSAUtils.getBytes(key);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] getPrivateKeyData(EdECPrivateKey key) throws IOException {
        try {
            return EdDSAUtils.getBytes(key);
        } catch (InvalidKeyException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String getKeyFactoryAlgorithm() {
        return ALGORITHM;
    }

    /** A "random" source that returns the given bytes, for {@link #recoverEDDSAPublicKey(PrivateKey)} only. */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, out.length));
        }
    }

    /** Supplies the EdDSA support only; claims no algorithm, so SSHD keeps using the JDK providers for all else. */
    private static final class Registrar extends AbstractSecurityProviderRegistrar {
        Registrar() {
            super("JdkEd25519");
        }

        @Override
        public String getProviderName() {
            return "SunEC";
        }

        @Override
        public boolean isNamedProviderUsed() {
            return false;
        }

        @Override
        public Provider getSecurityProvider() {
            return Security.getProvider("SunEC");
        }

        @Override
        public boolean isSecurityEntitySupported(Class<?> entityType, String name) {
            return false;
        }

        @Override
        public Optional<EdDSASupport<?, ?>> getEdDSASupport() {
            return Optional.of(new JdkEd25519Support());
        }

        @Override
        public boolean isEnabled() {
            return true;
        }

        @Override
        public boolean isSupported() {
            return getSecurityProvider() != null;
        }
    }
}
