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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Certificate expiry in {@code /observe/health} (check {@code tsw/as2-certificates}) and in the metrics (gauge
 * {@code tsw_as2_certificate_days_left{owner,subject}}). Certificates of the gateway and of its AS2 partners that
 * expire within the warning period are listed in the check's details; the check is DOWN only when the gateway
 * has no valid signing key left, since then it cannot give a valid MDN to anyone. The partners' certificates follow a
 * configuration reload (the check and the gauge's rows: a certificate added is watched, one removed is dropped); the
 * gateway's own keys are read at start.
 */
public final class As2CertificateHealth extends AbstractHealthCheck {

    /** One certificate to watch. */
    public record Watched(String owner, String subject, Instant notAfter) {
        long daysLeft(Instant now) {
            return Duration.between(now, notAfter).toDays();
        }
    }

    private final List<Watched> gateway;
    private final Duration warning;
    private volatile List<Watched> watched;
    private MultiGauge gauge;

    As2CertificateHealth(List<Watched> gateway, PartnerRegistry partners, Duration warning) {
        super("tsw", "as2-certificates");
        this.gateway = List.copyOf(gateway);
        this.warning = warning;
        refresh(partners);
        partners.onReplace(this::refresh);
    }

    static As2CertificateHealth of(GatewayKeys keys, PartnerRegistry partners, Duration warning) {
        List<Watched> w = new ArrayList<>();
        for (GatewayKeys.KeyPairEntry k : keys.all()) {
            w.add(watch("gateway", k.certificate()));
        }
        return new As2CertificateHealth(w, partners, warning);
    }

    private static Watched watch(String owner, X509Certificate c) {
        return new Watched(owner, c.getSubjectX500Principal().getName(), c.getNotAfter().toInstant());
    }

    /** Watches the gateway's certificates and those of {@code partners} as they are now. */
    private synchronized void refresh(PartnerRegistry partners) {
        List<Watched> w = new ArrayList<>(gateway);
        for (Partner p : partners.all()) {
            for (X509Certificate c : p.as2().map(As2Profile::certificates).orElse(List.of())) {
                w.add(watch(p.id(), c));
            }
        }
        watched = List.copyOf(w);
        if (gauge != null) {
            gauge.register(rows(watched), true);
        }
    }

    private static List<MultiGauge.Row<?>> rows(List<Watched> watched) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Watched w : watched) {
            rows.add(MultiGauge.Row.of(Tags.of("owner", w.owner(), "subject", w.subject()), w,
                    x -> x.daysLeft(Instant.now())));
        }
        return rows;
    }

    /** Registers the check and the gauge, one row per certificate. */
    synchronized void register(CamelContext camel) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        if (registry != null) {
            setCamelContext(camel);
            registry.register(this);
        }
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            gauge = MultiGauge.builder("tsw.as2.certificate.days.left")
                    .description("days until the AS2 certificate expires").register(meters);
            gauge.register(rows(watched), true);
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
