package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respond;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.deliver.ServiceWindows;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /api/agencies}: every agency with whether it is open now, its service window (null when it never
 * closes), when it next opens ({@code opensAt}) or closes ({@code closesAt}; null: not within 31 days) and how many
 * deliveries wait in its queue ({@code -1} while the broker cannot be asked).
 */
public final class AgencyRoutes extends RouteBuilder {

    private final ServiceWindows windows;

    public AgencyRoutes(ServiceWindows windows) {
        this.windows = windows;
    }

    @Override
    public void configure() {
        rest("/api/agencies").get().to("direct:api-agencies");
        from("direct:api-agencies").routeId("api-agencies").process(this::agencies);
    }

    private void agencies(Exchange e) throws Exception {
        List<Map<String, Object>> all = windows.status().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", s.code());
            m.put("name", s.name());
            m.put("open", s.open());
            m.put("serviceWindow", s.window());
            m.put(s.open() ? "closesAt" : "opensAt", s.changesAt() == null ? null : s.changesAt().toString());
            m.put("waiting", s.waiting());
            return m;
        }).toList();
        respond(e, 200, Map.of("agencies", all));
    }
}
