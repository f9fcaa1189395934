package hk.tsw.gateway.api;

import static hk.tsw.gateway.api.JsonAnswers.respond;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.store.Singleton;
import hk.tsw.gateway.store.SingletonElector;
import hk.tsw.gateway.store.SingletonTenure;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /api/singletons} (operators): which node runs each singleton (docs/CLUSTER.md). {@code node} is the node
 * that answers, {@code here} what it wants and whether it holds each now; {@code tenures} the latest tenure of every
 * singleton in the shared store: its holder and since when, {@code stoppedAt} null while held (or until a successor
 * closes the row of a node that died).
 */
public final class SingletonRoutes extends RouteBuilder {

    private final SingletonElector elector;
    private final SingletonTenure tenure;

    public SingletonRoutes(SingletonElector elector, SingletonTenure tenure) {
        this.elector = elector;
        this.tenure = tenure;
    }

    @Override
    public void configure() {
        rest("/api/singletons").get().to("direct:api-singletons");
        from("direct:api-singletons").routeId("api-singletons").process(this::singletons);
    }

    private void singletons(Exchange e) throws Exception {
        List<Map<String, Object>> here = new ArrayList<>();
        for (Singleton s : elector.wanted()) {
            here.add(Map.of("singleton", s.name(), "held", elector.holds(s)));
        }
        List<Map<String, Object>> tenures = new ArrayList<>();
        for (SingletonTenure.Row r : tenure.latest()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("singleton", r.singleton());
            row.put("node", r.node());
            row.put("startedAt", r.startedAt().toString());
            row.put("stoppedAt", r.stoppedAt() == null ? null : r.stoppedAt().toString());
            row.put("stopReason", r.stopReason());
            tenures.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", elector.node());
        body.put("here", here);
        body.put("tenures", tenures);
        respond(e, 200, body);
    }
}
