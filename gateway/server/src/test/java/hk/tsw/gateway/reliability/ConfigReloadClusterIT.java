package hk.tsw.gateway.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.GatewayLogsOnFailure;
import hk.tsw.gateway.testsupport.PartnerSftp;
import hk.tsw.gateway.testsupport.ProcessHarness;
import hk.tsw.gateway.testsupport.ProjectRoot;
import hk.tsw.gateway.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway JVMs on one PostgreSQL schema, each with its own config folder (the same files), broker and data: a
 * partner onboarded by a reload on node A logs in to node B and its message is accepted there; a later generation that
 * node B cannot read (a broken file in its folder only) leaves B on its running configuration, with the error shown
 * on {@code GET /api/config} of either node.
 */
@ExtendWith(GatewayLogsOnFailure.class)
class ConfigReloadClusterIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_reload_on_one_node_reaches_the_other_and_a_node_that_cannot_read_it_keeps_its_configuration()
            throws Exception {
        String url = TestDatabases.postgresUrl();
        try (ProcessHarness a = new ProcessHarness(dir.resolve("a"))) {
            a.start(node(url, "node-a"));
            // B picks its free ports once A is up, so A's own sockets (PostgreSQL, broker) cannot take one of them
            try (ProcessHarness b = new ProcessHarness(dir.resolve("b"))) {
                b.start(node(url, "node-b"));
                both(a, b);
            }
        }
    }

    private void both(ProcessHarness a, ProcessHarness b) throws Exception {
        for (ProcessHarness n : new ProcessHarness[]{a, b}) {
            addPartner(n.config, "NEWFWD", "newfwd", false);
        }
        assertThrows(Exception.class, () -> login(b, "newfwd").close(), "the control: not loaded yet on B");

        HttpResponse<String> r = reload(a, "onboarding NEWFWD");
        assertEquals(200, r.statusCode(), r.body());
        long generation = json.readTree(r.body()).path("generation").asLong();
        await().atMost(PATIENCE).until(() -> config(b).path("generation").asLong() == generation);
        try (PartnerSftp sftp = login(b, "newfwd")) {
            sftp.upload("cluster.edi", declaration("NEWFWD:ZZZ", "CLUSTER1"));
        }
        await().atMost(PATIENCE).until(() -> Files.exists(b.data.resolve("sftp/NEWFWD/outbox/CLUSTER1.receipt.txt")));

        // node B's folder gets a broken file; both disable NEWFWD: A takes it, B refuses the generation
        Files.writeString(b.config.resolve("partners/BROKEN.xml"), "<partner xmlns=\"urn:hk:tsw:config:partner:1\">"
                + "<id>BROKEN</id></partner>\n");
        for (ProcessHarness n : new ProcessHarness[]{a, b}) {
            addPartner(n.config, "NEWFWD", "newfwd", true);
        }
        r = reload(a, "offboarding NEWFWD");
        assertEquals(200, r.statusCode(), r.body());
        long next = json.readTree(r.body()).path("generation").asLong();
        await().atMost(PATIENCE).until(() -> config(b).path("lastError").asText().contains("BROKEN.xml"));
        assertEquals(generation, config(b).path("generation").asLong(), "B runs the generation it had");
        JsonNode seenFromA = config(a);
        assertEquals(next, seenFromA.path("generation").asLong());
        assertTrue(seenFromA.path("nodes").toString().contains("BROKEN.xml"), "A shows B's error: " + seenFromA);
        assertThrows(Exception.class, () -> login(a, "newfwd").close(), "disabled on A");
        login(b, "newfwd").close(); // B still runs the generation in which NEWFWD may log in
    }

    private static Map<String, String> node(String url, String name) {
        return Map.of("gateway.db.url", url, "gateway.db.user", "postgres", "gateway.db.password", "",
                "gateway.node.name", name, "gateway.config.poll.ms", "500");
    }

    private static void addPartner(Path config, String id, String user, boolean disabled) throws Exception {
        String demo = Files.readString(config.resolve("partners/DEMOFWD.xml"));
        String copy = demo.replace("<id>DEMOFWD</id>", "<id>" + id + "</id>")
                .replace(">DEMOFWD</senderId>", ">" + id + "</senderId>")
                .replace("<user>demofwd</user>", "<user>" + user + "</user>")
                .replaceAll("(?s)<xml>.*?</xml>", "").replaceAll("(?s)<as2>.*?</as2>", "")
                .replaceAll("(?s)<soap>.*?</soap>", "")
                .replace("</reply>", disabled ? "</reply>\n  <disabled>true</disabled>" : "</reply>");
        Files.writeString(config.resolve("partners/" + id + ".xml"), copy);
    }

    private static PartnerSftp login(ProcessHarness n, String user) throws Exception {
        return new PartnerSftp(user, n.sftpPort, ProjectRoot.REPO.resolve("config/demo/demofwd_ed25519"));
    }

    private HttpResponse<String> reload(ProcessHarness n, String comment) throws Exception {
        return http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.httpPort
                + "/api/config/reload?comment=" + java.net.URLEncoder.encode(comment, StandardCharsets.UTF_8))))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode config(ProcessHarness n) throws Exception {
        return json.readTree(http.send(ApiTokens.asOperator(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + n.httpPort + "/api/config"))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static byte[] declaration(String sender, String reference) throws Exception {
        String edi = Files.readString(ProjectRoot.REPO.resolve("config/demo/samples/demofwd-import.edi"),
                StandardCharsets.ISO_8859_1);
        return edi.replace("DEMOFWD:ZZZ", sender).replace("WH25031200017", reference)
                .replace("HKIMP2025031200017", "DOC-" + reference).getBytes(StandardCharsets.ISO_8859_1);
    }
}
