package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respond;
import static hk.tsw.gateway.api.JsonAnswers.respondCompact;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import hk.tsw.gateway.store.AuditLog;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /api/audit} (operators): the audit log of operator and agency actions, newest first, as JSON or, with
 * {@code ?format=csv} or {@code Accept: text/csv}, as a CSV file (RFC 4180; a cell that a spreadsheet would take
 * for a formula is prefixed with {@code '}). {@code from}/{@code to} as in the message search; {@code limit} at most
 * {@value #MAX}.
 */
public final class AuditRoutes extends RouteBuilder {

    static final int MAX = 10_000;

    private final AuditLog log;

    public AuditRoutes(AuditLog log) {
        this.log = log;
    }

    @Override
    public void configure() {
        rest("/api/audit").get().to("direct:api-audit");
        from("direct:api-audit").routeId("api-audit").process(this::audit);
    }

    private void audit(Exchange e) throws Exception {
        List<Map<String, Object>> rows;
        try {
            Instant from = QueryParams.instant(e, "from");
            Instant to = QueryParams.instant(e, "to");
            rows = log.list(from, to, QueryParams.integer(e, "limit", 1, MAX, 1000));
        } catch (QueryParams.Bad bad) {
            respondCompact(e, 400, bad.body());
            return;
        }
        String accept = e.getIn().getHeader("Accept", String.class);
        boolean csv = "csv".equals(QueryParams.text(e, "format")) || (accept != null && accept.contains("text/csv"));
        if (csv) {
            e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            e.getIn().setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=UTF-8");
            e.getIn().setHeader("Content-Disposition", "attachment; filename=\"tsw-audit.csv\"");
            StringBuilder b = new StringBuilder(String.join(",", AuditLog.COLUMNS)).append("\r\n");
            for (Map<String, Object> row : rows) {
                b.append(AuditLog.COLUMNS.stream().map(c -> cell(row.get(c))).collect(Collectors.joining(","))).append("\r\n");
            }
            e.getIn().setBody(b.toString());
        } else {
            respond(e, 200, Map.of("audit", rows));
        }
    }

    /** One CSV cell: quoted when needed; a leading =, +, - or @ (a spreadsheet formula) defused with '. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String v = value.toString();
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !(value instanceof Number)) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.startsWith("'")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
