package hk.tsw.gateway.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.testsupport.ApiTokens;

/**
 * The ten documents that took longest from upload to their last agency delivery, each with the gateway's own timeline
 * of its interchange ({@code GET /api/messages/{id}}: received, mapped, routed, delivered, with times), so a wait that
 * the percentiles only hint at (issue 16: deliveries waiting 15-60 s with nothing logged) shows where it was spent.
 * Goes to the JSON only ({@code <part>.slowestDeliveries}); a lookup that fails is reported as such, never fatal.
 */
final class SlowestDeliveries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlowestDeliveries() {
    }

    static void report(BenchReport report, String part, int httpPort, List<Map.Entry<String, Double>> latencyMs) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Map<String, Object>> slowest = new ArrayList<>();
        List<Map.Entry<String, Double>> sorted = latencyMs.stream()
                .sorted(Comparator.comparing(Map.Entry<String, Double>::getValue).reversed()).limit(10).toList();
        for (Map.Entry<String, Double> e : sorted) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("document", e.getKey());
            row.put("latencyMs", BenchReport.round(e.getValue()));
            try {
                JsonNode list = get(http, httpPort, "/api/messages?reference="
                        + URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8));
                JsonNode id = list.findValue("id"); // the first (newest) message carrying this document
                row.put("message", id == null ? null : get(http, httpPort, "/api/messages/" + id.asText()));
            } catch (Exception ex) {
                row.put("timelineError", ex.toString());
            }
            slowest.add(row);
        }
        report.detail(part, "slowestDeliveries", slowest);
    }

    private static JsonNode get(HttpClient http, int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ApiTokens.OPERATOR).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }
}
