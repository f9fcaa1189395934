package hk.tsw.gateway.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.ApiTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No request query parameter and no request header comes back as a response header, on any of the gateway's HTTP
 * ports: the REST API and operator endpoints (8080), AS2 (8081) and SOAP (8082), for answers of every kind (a list, a
 * 404, a 400, health, an AS2 refusal, a SOAP fault, the WSDL).
 */
class HeaderReflectionTest {

    /** What an attacker's link would add to the URL and to the request. */
    private static final String QUERY = "Access-Control-Allow-Origin=https://evil.example&Set-Cookie=session%3Dattacker"
            + "&X-Reflected-Param=1&Location=https://evil.example&Content-Disposition=attachment&Retry-After=99999";
    private static final List<String> PLANTED = List.of("access-control-allow-origin", "set-cookie",
            "x-reflected-param", "x-reflected-header", "x-forwarded-host", "content-disposition");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void no_request_parameter_or_header_is_echoed_into_a_response_on_any_port() throws Exception {
        try (RunningGateway gw = new RunningGateway(dir, Map.of(), Map.of())) {
            String api = "http://127.0.0.1:" + gw.httpPort;
            String as2 = "http://127.0.0.1:" + gw.runtime.as2Port() + "/as2";
            String soap = "http://127.0.0.1:" + gw.runtime.soapPort() + "/ws/submission";
            List<HttpResponse<String>> answers = new ArrayList<>();
            answers.add(send(get(api + "/api/messages?" + QUERY)));
            answers.add(send(get(api + "/api/messages/999999?" + QUERY)));
            answers.add(send(get(api + "/api/intake?" + QUERY)));
            answers.add(send(get(api + "/api/queues?" + QUERY)));
            answers.add(send(get(api + "/observe/health?" + QUERY)));
            answers.add(send(post(api + "/api/validate?" + QUERY, "UNA:+.? 'UNB+broken'")));
            answers.add(send(post(as2 + "?" + QUERY, "not an AS2 message")));
            answers.add(send(get(as2 + "?" + QUERY)));
            answers.add(send(post(soap + "?" + QUERY, "<not-soap/>")));
            answers.add(send(get(soap + "?wsdl&" + QUERY)));
            assertTrue(answers.stream().anyMatch(r -> r.statusCode() == 200), "some answers are normal ones");
            for (HttpResponse<String> r : answers) {
                for (String name : r.headers().map().keySet()) {
                    assertFalse(PLANTED.contains(name.toLowerCase(Locale.ROOT)), r.request().method() + " "
                            + r.uri() + " (" + r.statusCode() + ") echoed " + name + ": " + r.headers().map());
                }
                assertFalse(r.headers().map().getOrDefault("location", List.of()).stream()
                        .anyMatch(v -> v.contains("evil.example")), r.uri() + " redirects where the request said");
                assertFalse(r.headers().map().getOrDefault("retry-after", List.of()).contains("99999"),
                        r.uri() + " says when to come back as the request said");
            }
        }
    }

    private HttpRequest.Builder planted(String url) {
        return ApiTokens.asOperator(HttpRequest.newBuilder(URI.create(url))).timeout(Duration.ofSeconds(30))
                .header("X-Reflected-Header", "1").header("X-Forwarded-Host", "evil.example");
    }

    private HttpRequest get(String url) {
        return planted(url).GET().build();
    }

    private HttpRequest post(String url, String body) {
        return planted(url).header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest r) throws Exception {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }
}
