package hk.tsw.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.intake.as2.As2Settings;
import hk.tsw.gateway.intake.as2.GatewayKeys;
import hk.tsw.gateway.intake.sftp.SftpHostKey;
import hk.tsw.gateway.partner.As2Profile;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * Every certificate and key the gateway holds, read once at start from what it runs with: its own AS2 key pairs and
 * its partners' AS2 certificates, the partners' SOAP (WS-Security) certificates, the TLS certificates of the HTTP and
 * AS2 listeners, and as keys (no expiry) the SFTP host key and the partners' SSH keys. Each certificate is shown with
 * subject, issuer, serial and not-after, and warned about at 30 and 14 days before it expires (and once expired). The
 * same expiry as the gauge {@code tsw_certificate_expiry_seconds{owner,use,serial}} (negative once expired).
 */
public final class CertificateInventory {

    /** Days before not-after at which a certificate is warned about: the first, then the urgent one. */
    public static final int WARN_DAYS = 30;
    public static final int URGENT_DAYS = 14;

    /** One certificate (X.509) or key (SSH: fingerprint only, no expiry) and whose it is and what for. */
    public record Held(String owner, String use, X509Certificate certificate, String keyFingerprint) {
    }

    private final List<Held> held;

    CertificateInventory(List<Held> held) {
        this.held = List.copyOf(held);
    }

    /** What the gateway runs with; a file that cannot be read is refused at start, as the channels refuse it. */
    public static CertificateInventory of(Path config, PartnerRegistry partners, As2Settings as2, String httpKeystore,
                                          String httpPassword, SftpHostKey sftpHostKey) throws IOException,
            GeneralSecurityException {
        List<Held> held = new ArrayList<>();
        if (as2.enabled()) {
            for (GatewayKeys.KeyPairEntry k : GatewayKeys.load(as2.keyDir()).all()) {
                held.add(new Held("gateway", "as2", k.certificate(), null));
            }
            keystore(held, as2.tlsKeystore(), as2.tlsPassword(), "tls-as2");
        }
        keystore(held, httpKeystore, httpPassword, "tls-http");
        for (String fingerprint : sftpHostKey.fingerprints()) {
            held.add(new Held("gateway", "sftp-host-key", null, fingerprint));
        }
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (Partner p : partners.all()) {
            for (X509Certificate c : p.as2().map(As2Profile::certificates).orElse(List.of())) {
                held.add(new Held(p.id(), "as2", c, null));
            }
            for (String file : p.soap().map(Partner.Soap::certificates).orElse(List.of())) {
                try (InputStream in = Files.newInputStream(config.resolve(file))) {
                    for (Certificate c : x509.generateCertificates(in)) {
                        held.add(new Held(p.id(), "soap", (X509Certificate) c, null));
                    }
                }
            }
            if (p.sftp().isPresent()) {
                for (PublicKey k : p.sftp().get().publicKeys()) {
                    held.add(new Held(p.id(), "ssh-key", null, KeyUtils.getFingerPrint(k)));
                }
            }
        }
        return new CertificateInventory(held);
    }

    private static void keystore(List<Held> held, String file, String password, String use)
            throws IOException, GeneralSecurityException {
        if (file == null || file.isBlank()) {
            return;
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            ks.load(in, password == null ? new char[0] : password.toCharArray());
        }
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.getCertificate(alias) instanceof X509Certificate c) {
                held.add(new Held("gateway", use, c, null));
            }
        }
    }

    /** Every one as the API shows it, soonest expiry first (keys last). */
    public List<Map<String, Object>> rows(Instant now) {
        List<Map<String, Object>> rows = new ArrayList<>();
        held.stream().sorted(java.util.Comparator.comparing((Held h) -> h.certificate() == null
                ? Instant.MAX : h.certificate().getNotAfter().toInstant())).forEach(h -> rows.add(row(h, now)));
        return rows;
    }

    /** How many certificates expire within {@link #WARN_DAYS} days of {@code now} or have expired. */
    public long expiringWithin30Days(Instant now) {
        return held.stream().filter(h -> h.certificate() != null && warning(h.certificate(), now) != null).count();
    }

    /** {@code expired}, {@code 14} or {@code 30} (the warning reached), or null. */
    static String warning(X509Certificate c, Instant now) {
        Instant end = c.getNotAfter().toInstant();
        if (!end.isAfter(now)) {
            return "expired";
        }
        Duration left = Duration.between(now, end);
        return left.compareTo(Duration.ofDays(URGENT_DAYS)) <= 0 ? String.valueOf(URGENT_DAYS)
                : left.compareTo(Duration.ofDays(WARN_DAYS)) <= 0 ? String.valueOf(WARN_DAYS) : null;
    }

    private static Map<String, Object> row(Held h, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("owner", h.owner());
        row.put("use", h.use());
        X509Certificate c = h.certificate();
        if (c == null) {
            row.put("kind", "key");
            row.put("fingerprint", h.keyFingerprint());
            return row;
        }
        row.put("kind", "X.509");
        row.put("subject", c.getSubjectX500Principal().getName());
        row.put("issuer", c.getIssuerX500Principal().getName());
        row.put("serial", c.getSerialNumber().toString(16));
        row.put("notAfter", c.getNotAfter().toInstant().toString());
        row.put("daysLeft", Duration.between(now, c.getNotAfter().toInstant()).toDays());
        row.put("warning", warning(c, now));
        return row;
    }

    /** One gauge per certificate: seconds until it expires, by owner, use and serial. */
    public void registerGauges(CamelContext camel) {
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters == null) {
            return;
        }
        for (Held h : held) {
            if (h.certificate() != null) {
                X509Certificate c = h.certificate();
                Gauge.builder("tsw.certificate.expiry.seconds", c,
                                x -> Duration.between(Instant.now(), x.getNotAfter().toInstant()).toSeconds())
                        .description("seconds until the certificate expires (negative: expired)")
                        .tag("owner", h.owner()).tag("use", h.use()).tag("serial", c.getSerialNumber().toString(16))
                        .register(meters);
            }
        }
    }
}
