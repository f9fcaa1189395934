package hk.tsw.gateway.partner;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A partner's AS2 agreement, from the {@code <as2>} section of its partner file: its AS2 name (AS2-From), its
 * certificates (several during a rollover), what it must protect, whether legacy algorithms (SHA-1, 3DES) are
 * tolerated, where its replies are posted, and the only URLs an asynchronous MDN may be sent to.
 */
public record As2Profile(String as2Id, List<X509Certificate> certificates, boolean requireSigned,
                         boolean requireEncrypted, boolean allowLegacyAlgorithms, Optional<URI> url,
                         List<String> asyncMdnUrls) {

    public As2Profile {
        Objects.requireNonNull(as2Id, "as2Id");
        certificates = List.copyOf(certificates);
        url = url == null ? Optional.empty() : url;
        asyncMdnUrls = List.copyOf(asyncMdnUrls);
    }

    /** Certificates valid at {@code at}: any of them may have signed, or may be encrypted to, during an overlap. */
    public List<X509Certificate> validAt(Instant at) {
        Date d = Date.from(at);
        return certificates.stream().filter(c -> !d.before(c.getNotBefore()) && !d.after(c.getNotAfter())).toList();
    }

    /** The newest valid certificate (latest notBefore): the one replies are encrypted to. */
    public Optional<X509Certificate> newestValid(Instant at) {
        return validAt(at).stream().max(Comparator.comparing(X509Certificate::getNotBefore));
    }

    /** Whether an asynchronous MDN may be sent to this URL: it must start with one of the partner file's URLs. */
    public boolean allowsAsyncMdnTo(String receiptDeliveryOption) {
        return receiptDeliveryOption != null && asyncMdnUrls.stream().anyMatch(receiptDeliveryOption::startsWith);
    }
}
