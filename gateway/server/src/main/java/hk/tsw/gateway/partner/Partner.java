package hk.tsw.gateway.partner;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * One trading partner, as declared in {@code config/partners/<id>.xml} (schema {@code xsd/config/partner.xsd}).
 * Immutable; built and cross-checked by {@link PartnerRegistry}. Transport sections a partner does not use are
 * empty {@link Optional}s.
 */
public record Partner(
        String id,
        String name,
        Role role,
        List<SenderId> edifactSenderIds,
        boolean allowUnicodeUnderSyntax3,
        Optional<java.nio.charset.Charset> agreedEncoding,
        List<String> xmlSubmitterIds,
        Optional<Sftp> sftp,
        Optional<As2Profile> as2,
        Optional<Soap> soap,
        Set<String> allowedDocumentTypes,
        Reply reply) {

    public enum Role { FORWARDER, SHIPPING_LINE, TRADER, VASP }

    public enum Channel { SFTP, AS2, SOAP }

    public enum Format { EDIFACT, XML }

    /** UNB 0004 sender identification with its UNB 0007 code qualifier ({@code ""} when the partner gives none). */
    public record SenderId(String id, String qualifier) {
        public SenderId {
            Objects.requireNonNull(id, "id");
            qualifier = qualifier == null ? "" : qualifier;
        }

        @Override
        public String toString() {
            return qualifier.isEmpty() ? id : id + ":" + qualifier;
        }
    }

    /** The SFTP login: user name and OpenSSH {@code authorized_keys} lines. */
    public record Sftp(String user, List<String> authorizedKeys) {
        public Sftp {
            Objects.requireNonNull(user, "user");
            authorizedKeys = List.copyOf(authorizedKeys);
        }

        /** The authorized keys as Java keys; throws if a line is not a supported public key. */
        public List<PublicKey> publicKeys() throws IOException, GeneralSecurityException {
            List<PublicKey> keys = new ArrayList<>();
            for (String line : authorizedKeys) {
                keys.add(parseAuthorizedKey(line));
            }
            return keys;
        }
    }

    /** How the partner authenticates to the SOAP service (WS-Security). */
    public enum SoapAuthentication { USERNAME_TOKEN, X509_SIGNATURE }

    /**
     * The SOAP login: UsernameToken user name (its password is a secret, not here), the methods the partner may use,
     * its certificate files (PEM, relative to the config folder) and whether every Body must be signed.
     */
    public record Soap(String user, Set<SoapAuthentication> authentication, List<String> certificates,
                       boolean requireSignature) {
        public Soap {
            Objects.requireNonNull(user, "user");
            authentication = authentication.isEmpty() ? Set.of(SoapAuthentication.USERNAME_TOKEN) : Set.copyOf(authentication);
            certificates = List.copyOf(certificates);
        }
    }

    /** Where and in which syntax the partner receives answers, and the URL timeline events are posted to. */
    public record Reply(Channel channel, Format format, Optional<String> webhook, boolean contrlAlways) {
        public Reply {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(format, "format");
            webhook = webhook == null ? Optional.empty() : webhook;
        }

        public Reply(Channel channel, Format format) {
            this(channel, format, Optional.empty(), false);
        }
    }

    public Partner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(reply, "reply");
        edifactSenderIds = List.copyOf(edifactSenderIds);
        xmlSubmitterIds = List.copyOf(xmlSubmitterIds);
        allowedDocumentTypes = Set.copyOf(allowedDocumentTypes);
        Objects.requireNonNull(sftp, "sftp");
        Objects.requireNonNull(as2, "as2");
        Objects.requireNonNull(soap, "soap");
        Objects.requireNonNull(agreedEncoding, "agreedEncoding");
    }

    /**
     * Whether UNB 0004 {@code id} with 0007 {@code qualifier} is one of the partner's EDIFACT sender ids (a qualifier
     * missing on either side matches any).
     */
    public boolean sendsAs(String id, String qualifier) {
        return edifactSenderIds.stream().anyMatch(s -> s.id().equals(id)
                && (s.qualifier().isEmpty() || qualifier == null || qualifier.isEmpty() || s.qualifier().equals(qualifier)));
    }

    /** Whether the partner may submit documents of this type (e.g. {@code IMPORT_DECLARATION}). */
    public boolean allows(String documentType) {
        return allowedDocumentTypes.contains(documentType);
    }

    /** Parses one OpenSSH {@code authorized_keys} line ({@code type base64 [comment]}) with SSHD's own parser. */
    static PublicKey parseAuthorizedKey(String line) throws IOException, GeneralSecurityException {
        JdkEd25519Support.install();
        AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
        if (entry == null) {
            throw new GeneralSecurityException("empty authorized key line");
        }
        if (!entry.getLoginOptions().isEmpty()) {
            throw new GeneralSecurityException("authorized key options are not supported: " + entry.getLoginOptions().keySet());
        }
        return entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
    }
}
