package hk.tsw.gateway.intake.as2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import hk.tsw.gateway.partner.PartnerFiles;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.testsupport.TestCertificates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AS2 certificate check and its gauge follow a reload of the partners: a partner's certificate replaced in its
 * file is watched from the reload on, and the one it replaced is no longer listed nor exported.
 */
class As2CertificateReloadTest {

    @TempDir
    Path config;

    @Test
    void a_partner_certificate_replaced_by_a_reload_is_watched_and_the_old_one_dropped() throws Exception {
        Instant now = Instant.now();
        Files.createDirectories(config.resolve("certs"));
        String expiring = certificate("acme-2026", now.plus(10, ChronoUnit.DAYS));
        String renewed = certificate("acme-2028", now.plus(700, ChronoUnit.DAYS));
        PartnerRegistry running = partnerWith("certs/acme-2026.pem");
        As2CertificateHealth health = new As2CertificateHealth(List.of(), running, Duration.ofDays(30));
        MeterRegistry meters = new SimpleMeterRegistry();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("meters", meters);
            health.register(camel);

            List<String> soon = health.expiringSoon(now);
            assertEquals(1, soon.size(), soon.toString());
            assertTrue(soon.get(0).startsWith("ACME: " + expiring + " expires"), soon.toString());
            assertEquals(9.0, daysLeft(meters, expiring), 1.0);

            running.replaceWith(partnerWith("certs/acme-2028.pem"));

            assertEquals(List.of(), health.expiringSoon(now));
            assertNull(meters.find("tsw.as2.certificate.days.left").tag("subject", expiring).gauge());
            assertEquals(699.0, daysLeft(meters, renewed), 1.0);
        }
    }

    /** Writes {@code certs/<name>.pem}, valid until {@code notAfter}; returns its subject as the check names it. */
    private String certificate(String name, Instant notAfter) throws Exception {
        TestCertificates.Identity id = TestCertificates.create(name.toUpperCase(), notAfter.minus(365, ChronoUnit.DAYS),
                notAfter);
        id.writePem(config.resolve("certs/" + name + ".pem"), null);
        return id.certificate().getSubjectX500Principal().getName();
    }

    private static double daysLeft(MeterRegistry meters, String subject) {
        Gauge g = meters.find("tsw.as2.certificate.days.left").tag("owner", "ACME").tag("subject", subject).gauge();
        return g == null ? Double.NaN : g.value();
    }

    /** The partner file naming {@code certificate}, loaded as a start or a reload would load it. */
    private PartnerRegistry partnerWith(String certificate) throws Exception {
        return PartnerFiles.load(config, "ACME", "<as2><id>ACME-AS2</id><certificate>" + certificate
                + "</certificate><url>http://127.0.0.1:9/as2</url></as2>",
                "<channel>AS2</channel><format>EDIFACT</format>");
    }
}
