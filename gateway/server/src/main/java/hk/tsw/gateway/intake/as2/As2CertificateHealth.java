package hk.tsw.gateway.intake.as2;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.partner.As2Profile;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Certificate expiry in {@code /observe/health} (check {@code tsw/as2-certificates}) and in the metrics (gauge
 * {@code tsw_as2_certificate_days_left{owner,subject}}). Certificates of the gateway and of its AS2 partners that
 * expire within the warning period are listed in the check's details; the check is DOWN only when the gateway
 * has no valid signing key left, since then it cannot give a valid MDN to anyone.
 */
public final class As2CertificateHealth extends AbstractHealthCheck {

    /** One certificate to watch. */
    public record Watched(String owner, String subject, Instant notAfter) {
        long daysLeft(Instant now) {
            return Duration.between(now, notAfter).toDays();
        }
    }

    private final List<Watched> watched;
    private final Duration warning;

    As2CertificateHealth(List<Watched> watched, Duration warning) {
        super("tsw", "as2-certificates");
        this.watched = List.copyOf(watched);
        this.warning = warning;
    }

    static As2CertificateHealth of(GatewayKeys keys, PartnerRegistry partners, Duration warning) {
        List<Watched> w = new ArrayList<>();
        for (GatewayKeys.KeyPairEntry k : keys.all()) {
            w.add(watch("gateway", k.certificate()));
        }
        for (Partner p : partners.all()) {
            for (X509Certificate c : p.as2().map(As2Profile::certificates).orElse(List.of())) {
                w.add(watch(p.id(), c));
            }
        }
        return new As2CertificateHealth(w, warning);
    }

    private static Watched watch(String owner, X509Certificate c) {
        return new Watched(owner, c.getSubjectX500Principal().getName(), c.getNotAfter().toInstant());
    }

    /** Registers the check and one gauge per certificate. */
    void register(CamelContext camel) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        if (registry != null) {
            setCamelContext(camel);
            registry.register(this);
        }
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            for (Watched w : watched) {
                Gauge.builder("tsw.as2.certificate.days.left", w, x -> x.daysLeft(Instant.now()))
                        .description("days until the AS2 certificate expires")
                        .tag("owner", w.owner()).tag("subject", w.subject()).register(meters);
            }
        }
    }

    /** Certificates that expire within the warning period (or have expired), soonest first. */
    public List<String> expiringSoon(Instant now) {
        return watched.stream().filter(w -> w.notAfter().isBefore(now.plus(warning)))
                .sorted((a, b) -> a.notAfter().compareTo(b.notAfter()))
                .map(w -> w.owner() + ": " + w.subject() + (w.notAfter().isBefore(now) ? " EXPIRED " : " expires ")
                        + w.notAfter() + " (" + w.daysLeft(now) + " days)")
                .toList();
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Instant now = Instant.now();
        List<String> soon = expiringSoon(now);
        builder.detail("certificates", watched.size());
        builder.detail("expiringWithinDays", warning.toDays());
        builder.detail("expiringSoon", soon.isEmpty() ? "none" : String.join("; ", soon));
        boolean gatewayCanSign = watched.stream().anyMatch(w -> w.owner().equals("gateway") && w.notAfter().isAfter(now));
        if (gatewayCanSign) {
            builder.up();
        } else {
            builder.message("no valid gateway AS2 certificate: MDNs and replies cannot be signed").down();
        }
    }
}
