package hk.tsw.gateway.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway nodes on one PostgreSQL database (the second uses the first's broker, as nodes behind a load balancer
 * share one): a console session started through one node is known to the other, a logout on the other ends it on
 * both, and failed logins counted on either node lock the account on both (no brute force node by node).
 */
class ConsoleSessionsClusterTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");
    private static final Pattern COOKIE = Pattern.compile(ConsoleServer.COOKIE + "=([A-Za-z0-9_-]+)");

    @TempDir
    static Path dir;
    static RunningGateway a;
    static RunningGateway b;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        String url = TestDatabases.postgresUrl();
        Map<String, String> shared = Map.of("gateway.db.url", url, "gateway.db.user", "postgres",
                "gateway.db.password", "", "gateway.broker.password", "cluster-test-node-password");
        a = new RunningGateway(dir.resolve("a"), Map.of(), shared);
        Map<String, String> second = new HashMap<>(shared);
        second.put("gateway.broker.embedded", "false"); // the first node's broker, in this JVM
        b = new RunningGateway(dir.resolve("b"), Map.of(), second);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void a_session_started_on_one_node_is_known_to_the_other_and_a_logout_there_ends_it() throws Exception {
        String session = login(a, "operator", "operator-DEMO-ONLY-password");
        HttpResponse<String> onB = get(b, "/console/", session);
        assertEquals(200, onB.statusCode(), "node B knows the session node A started");
        assertTrue(onB.body().contains("id=\"page-dashboard\""));
        String csrf = match(CSRF, onB.body());
        assertEquals(303, post(b, "/console/logout", session, Map.of("csrf", csrf)).statusCode());
        HttpResponse<String> onA = get(a, "/console/", session);
        assertEquals(303, onA.statusCode(), "logged out on B: node A no longer knows the session");
        assertEquals("/console/login", onA.headers().firstValue("Location").orElse(""));
        assertEquals(403, post(a, "/console/password", session, Map.of("csrf", csrf, "current", "x", "next", "y",
                "repeat", "y")).statusCode(), "and it cannot act there");
    }

    @Test
    void failures_on_both_nodes_add_up_and_lock_the_account_on_both() throws Exception {
        for (int i = 0; i < LoginThrottle.ACCOUNT_FAILURES; i++) {
            HttpResponse<String> r = loginAttempt(i % 2 == 0 ? a : b, "ced", "wrong-password-" + i);
            assertEquals(401, r.statusCode());
        }
        HttpResponse<String> right = loginAttempt(b, "ced", "ced-DEMO-ONLY-password");
        assertEquals(401, right.statusCode(), "locked after 3 failures on A and 2 on B, even with the right password");
        HttpResponse<String> rightOnA = loginAttempt(a, "ced", "ced-DEMO-ONLY-password");
        assertEquals(401, rightOnA.statusCode(), "and on A");
        assertEquals(303, loginAttempt(a, "tid", "tid-DEMO-ONLY-password").statusCode(), "another account signs in");
    }

    /** Signs in on {@code node}; the new session's cookie value. */
    private String login(RunningGateway node, String user, String password) throws Exception {
        HttpResponse<String> r = loginAttempt(node, user, password);
        assertEquals(303, r.statusCode(), "signed in as " + user);
        return match(COOKIE, String.join(";", r.headers().allValues("Set-Cookie")));
    }

    private HttpResponse<String> loginAttempt(RunningGateway node, String user, String password) throws Exception {
        HttpResponse<String> form = get(node, "/console/login", null);
        String anonymous = match(COOKIE, String.join(";", form.headers().allValues("Set-Cookie")));
        return post(node, "/console/login", anonymous, Map.of("csrf", match(CSRF, form.body()), "username", user,
                "password", password));
    }

    private HttpResponse<String> get(RunningGateway node, String path, String session) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + path));
        if (session != null) {
            r.header("Cookie", ConsoleServer.COOKIE + "=" + session);
        }
        return http.send(r.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(RunningGateway node, String path, String session, Map<String, String> form)
            throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + path))
                .header("Cookie", ConsoleServer.COOKIE + "=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static String match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), p + " in " + text);
        return m.group(1);
    }
}
