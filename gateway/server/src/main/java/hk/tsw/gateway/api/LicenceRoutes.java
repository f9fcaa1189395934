package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.AgencyRequests.number;
import static hk.tsw.gateway.api.AgencyRequests.text;
import static hk.tsw.gateway.api.JsonAnswers.respondCompact;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.catalogue.CatalogueEntry;
import hk.tsw.gateway.catalogue.DocumentCatalog;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.store.DecisionStore;
import hk.tsw.gateway.store.LicenceLedger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The licence ledger over HTTP (see {@code docs/openapi.yaml}): an agency registers a licence issued outside the
 * gateway ({@code POST /api/agencies/{code}/licences}), suspends, revokes or reinstates one of its own
 * ({@code POST /api/agencies/{code}/licences/{number}/suspend|revoke|reinstate}); anyone with API access reads a
 * licence and its remaining balance per line ({@code GET /api/licences/{number}}; filtering to the holder's own
 * licences comes with API roles). A registered licence's LPCO type must be a catalogue entry the agency owns.
 */
public final class LicenceRoutes extends RouteBuilder {

    private static final Map<String, String> ACTIONS = Map.of("suspend", LicenceLedger.SUSPENDED,
            "revoke", LicenceLedger.REVOKED, "reinstate", LicenceLedger.VALID);

    private final LicenceLedger ledger;
    private final AgencyRegistry agencies;
    private final DocumentCatalog catalogue;
    private final ObjectMapper json = new ObjectMapper();
    private final AgencyRequests requests;

    public LicenceRoutes(LicenceLedger ledger, AgencyRegistry agencies, DocumentCatalog catalogue) {
        this.ledger = ledger;
        this.agencies = agencies;
        this.requests = new AgencyRequests(agencies, json);
        this.catalogue = catalogue;
    }

    @Override
    public void configure() {
        restConfiguration().component("platform-http");
        rest("/api/agencies").post("/{code}/licences").to("direct:api-licence-register")
                .post("/{code}/licences/{number}/{action}").to("direct:api-licence-status");
        rest("/api/licences").get("/{number}").to("direct:api-licence");
        from("direct:api-licence-register").routeId("api-licence-register").process(this::register);
        from("direct:api-licence-status").routeId("api-licence-status").process(this::status);
        from("direct:api-licence").routeId("api-licence").process(e -> {
            String number = e.getIn().getHeader("number", String.class);
            var licence = ledger.find(number);
            if (licence.isEmpty()) {
                respondCompact(e, 404, Map.of("error", "no licence " + number + " in the licence ledger"));
            } else {
                respondCompact(e, 200, view(licence.get()));
            }
        });
    }

    private void register(Exchange e) throws Exception {
        String code = e.getIn().getHeader("code", String.class);
        JsonNode body = requests.read(e);
        if (body == null) {
            return;
        }
        String number = text(body, "number");
        String type = text(body, "lpcoType");
        String holder = text(body, "holder");
        if (number == null || number.length() > 70 || type == null || holder == null || holder.length() > 70) {
            respondCompact(e, 400,
                    Map.of("error", "number (at most 70 characters), lpcoType and holder (the trader's party id)"
                            + " are required"));
            return;
        }
        CatalogueEntry entry = catalogue.byCode(type).orElse(null);
        if (entry == null || !"LPCO".equals(entry.family())) {
            respondCompact(e, 400,
                    Map.of("error", "lpcoType " + type + " is not an LPCO entry of the document catalogue"));
            return;
        }
        if (entry.owner() != null && !entry.owner().equals(code)) {
            respondCompact(e, 403,
                    Map.of("error", type + " licences are issued by " + entry.owner() + ", not " + code));
            return;
        }
        List<DecisionStore.LicensedLine> lines;
        LocalDate from;
        LocalDate to;
        try {
            lines = IssuedLicences.lines(body.path("lines"));
            from = date(text(body, "validFrom"));
            to = date(text(body, "validTo"));
        } catch (IllegalArgumentException ex) {
            respondCompact(e, 400, Map.of("error", ex.getMessage()));
            return;
        }
        if (lines.isEmpty()) {
            respondCompact(e, 400, Map.of("error", "lines: at least one licensed line {hsCode, quantity, unit}"));
            return;
        }
        boolean added = ledger.add(number, type, code, holder, from, to, "REGISTERED", null, lines.stream()
                .map(l -> new LicenceLedger.Line(0, l.hsCode(), l.quantity(), l.unit(), BigDecimal.ZERO)).toList());
        if (!added) {
            respondCompact(e, 409, Map.of("error", "licence " + number + " is already in the licence ledger"));
            return;
        }
        respondCompact(e, 201, view(ledger.find(number).orElseThrow()));
    }

    private void status(Exchange e) throws Exception {
        String code = e.getIn().getHeader("code", String.class);
        String number = e.getIn().getHeader("number", String.class);
        String action = e.getIn().getHeader("action", String.class);
        if (code == null || !agencies.exists(code)) {
            respondCompact(e, 404, Map.of("error", "unknown agency " + code));
            return;
        }
        if (action == null || !ACTIONS.containsKey(action)) {
            respondCompact(e, 404, Map.of("error", "unknown action " + action + "; one of " + ACTIONS.keySet()));
            return;
        }
        String reason = null;
        String raw = e.getIn().getBody(String.class);
        if (raw != null && !raw.isBlank()) {
            try {
                reason = text(json.readTree(raw), "reason");
            } catch (Exception ex) {
                respondCompact(e, 400, Map.of("error", "the body is not JSON: " + ex.getMessage()));
                return;
            }
        }
        var changed = ledger.setStatus(number, code, ACTIONS.get(action), reason);
        if (changed.isEmpty()) {
            respondCompact(e, 404,
                    Map.of("error", "agency " + code + " has no licence " + number + " that can be changed"
                            + " (a revoked licence stays revoked)"));
            return;
        }
        respondCompact(e, 200, view(changed.get()));
    }

    /** The licence as JSON: its fields and each line with quantity, written off and remaining. */
    static Map<String, Object> view(LicenceLedger.Licence l) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("number", l.number());
        v.put("lpcoType", l.lpcoType());
        v.put("agency", l.agency());
        v.put("holder", l.holderId());
        v.put("validFrom", l.validFrom() == null ? null : l.validFrom().toString());
        v.put("validTo", l.validTo() == null ? null : l.validTo().toString());
        v.put("status", l.status());
        if (l.statusReason() != null) {
            v.put("statusReason", l.statusReason());
        }
        v.put("origin", l.origin());
        v.put("lines", l.lines().stream().map(x -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("line", x.lineNo());
            line.put("hsCode", x.hsCode());
            line.put("unit", x.unit());
            line.put("quantity", plain(x.quantity()));
            line.put("writtenOff", plain(x.writtenOff()));
            line.put("remaining", plain(x.remaining()));
            return line;
        }).toList());
        return v;
    }

    /** 100, not 1E+2: trailing zeros dropped, never an exponent. */
    private static BigDecimal plain(BigDecimal d) {
        return new BigDecimal(d.stripTrailingZeros().toPlainString());
    }

    private static LocalDate date(String s) {
        try {
            return s == null ? null : LocalDate.parse(s);
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("validity date " + s + " is not an ISO date (YYYY-MM-DD)");
        }
    }

}
