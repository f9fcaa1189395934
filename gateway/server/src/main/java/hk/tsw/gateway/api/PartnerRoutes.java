package hk.tsw.gateway.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import org.apache.camel.builder.RouteBuilder;

/**
 * The operator's view of who may lodge and with what: {@code GET /api/partners} (each partner's channels and logins,
 * EDIFACT sender and XML submitter ids, allowed document types, reply channel) and {@code GET /api/certificates}
 * (every certificate and key the gateway holds, {@link CertificateInventory}, with the count expiring within 30 days).
 * Read from the configuration the gateway runs with; nothing secret (no password, no private key) is shown.
 */
public final class PartnerRoutes extends RouteBuilder {

    private final PartnerRegistry partners;
    private final CertificateInventory certificates;
    private final Clock clock;

    public PartnerRoutes(PartnerRegistry partners, CertificateInventory certificates, Clock clock) {
        this.partners = partners;
        this.certificates = certificates;
        this.clock = clock;
    }

    @Override
    public void configure() {
        rest("/api/partners").get().to("direct:api-partners");
        rest("/api/certificates").get().to("direct:api-certificates");
        from("direct:api-partners").routeId("api-partners").process(e -> JsonAnswers.respond(e, 200,
                Map.of("partners", partners())));
        from("direct:api-certificates").routeId("api-certificates").process(e -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("expiringWithin30Days", certificates.expiringWithin30Days(clock.instant()));
            body.put("warnDays", List.of(CertificateInventory.WARN_DAYS, CertificateInventory.URGENT_DAYS));
            body.put("certificates", certificates.rows(clock.instant()));
            JsonAnswers.respond(e, 200, body);
        });
    }

    private List<Map<String, Object>> partners() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Partner p : partners.all().stream().sorted(Comparator.comparing(Partner::id)).toList()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", p.id());
            row.put("name", p.name());
            row.put("role", p.role().name());
            row.put("disabled", partners.isDisabled(p.id()));
            List<Map<String, Object>> channels = new ArrayList<>();
            p.sftp().ifPresent(s -> channels.add(Map.of("channel", "SFTP", "login", s.user(),
                    "keys", s.authorizedKeys().size())));
            p.as2().ifPresent(a -> channels.add(Map.of("channel", "AS2", "login", a.as2Id(),
                    "certificates", a.certificates().size())));
            p.soap().ifPresent(s -> channels.add(Map.of("channel", "SOAP", "login", s.user(),
                    "authentication", s.authentication().stream().map(Enum::name).sorted().toList(),
                    "certificates", s.certificates().size())));
            row.put("channels", channels);
            row.put("edifactSenderIds", p.edifactSenderIds().stream().map(Partner.SenderId::toString).toList());
            row.put("xmlSubmitterIds", p.xmlSubmitterIds());
            row.put("allowedDocumentTypes", p.allowedDocumentTypes().stream().sorted().toList());
            row.put("reply", p.reply().channel().name() + " " + p.reply().format().name());
            rows.add(row);
        }
        return rows;
    }
}
