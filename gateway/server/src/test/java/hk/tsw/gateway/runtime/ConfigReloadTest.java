package hk.tsw.gateway.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.PartnerSftp;
import hk.tsw.gateway.testsupport.RunningGateway;
import hk.tsw.gateway.testsupport.TestDatabases;
import hk.tsw.gateway.testsupport.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partners and users reloaded while the real gateway runs (PostgreSQL store, real SFTP client, real HTTP): a partner
 * and its user added with their secret log in after {@code POST /api/config/reload}; a broken partner file is refused
 * with its name and the running configuration goes on; a disabled partner's login is refused; and a generation that
 * another node recorded in the shared store is taken here by the poll.
 */
class ConfigReloadTest {

    private static final String NEW_TOKEN = "test-newfwd-token-not-a-secret-0123456789abcdef";

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static String dbUrl;
    static Path secrets;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        dbUrl = TestDatabases.postgresUrl();
        secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "# the operator's secrets file (empty at start)\n");
        gw = new RunningGateway(dir.resolve("gw"), Map.of(), Map.of("gateway.db.url", dbUrl, "gateway.db.user", "postgres",
                "gateway.db.password", "", "gateway.secrets.file", secrets.toString(), "gateway.node.name", "node-a",
                "gateway.config.poll.ms", "200"));
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void a_partner_added_while_running_logs_in_after_the_reload_and_its_message_is_accepted() throws Exception {
        addPartner("NEWFWD", "newfwd");
        Files.writeString(gw.config.resolve("users/newfwd.xml"), Files.readString(gw.config.resolve("users/demofwd.xml"))
                .replace("<id>demofwd</id>", "<id>newfwd</id>").replace("DEMOFWD", "NEWFWD"));
        Files.writeString(secrets, "gateway.user.newfwd.token.sha256=" + sha256(NEW_TOKEN) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        // the control: written, but not loaded yet
        assertThrows(Exception.class, () -> login("newfwd").close(), "a partner not yet reloaded has no login");
        assertEquals(401, gw.getAs(NEW_TOKEN, "/api/messages").statusCode());

        HttpResponse<String> r = reload("onboarding NEWFWD");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = json.readTree(r.body());
        assertTrue(answer.path("changes").path("partnersAdded").toString().contains("NEWFWD"), r.body());
        assertTrue(answer.path("changes").path("usersAdded").toString().contains("newfwd"), r.body());

        try (PartnerSftp sftp = login("newfwd")) {
            sftp.upload("first.edi", declaration("NEWFWD:ZZZ", "NEWFWD1"));
        }
        Path receipt = gw.mailbox("NEWFWD").resolve("outbox/NEWFWD1.receipt.txt");
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(receipt));
        await().atMost(Duration.ofSeconds(90)).until(() -> gw.getAs(NEW_TOKEN, "/api/messages?reference=NEWFWD1").body()
                .contains("\"reference\" : \"NEWFWD1\""));
        String list = gw.getAs(NEW_TOKEN, "/api/messages?reference=NEWFWD1").body();
        long id = Long.parseLong(list.replaceAll("(?s).*?\"id\" : (\\d+).*", "$1"));
        await().atMost(Duration.ofSeconds(90)).until(() -> gw.get("/api/messages/" + id).body().contains("ROUTED"));
        assertTrue(gw.get("/api/audit").body().contains("CONFIG_RELOAD"), "the reload is in the audit log");
    }

    @Test
    void a_broken_partner_file_is_refused_with_its_name_and_the_running_configuration_keeps_working() throws Exception {
        long before = json.readTree(gw.get("/api/config").body()).path("generation").asLong();
        Path broken = gw.config.resolve("partners/BROKEN.xml");
        Files.writeString(broken, "<?xml version=\"1.0\"?>\n<partner xmlns=\"urn:hk:tsw:config:partner:1\">\n"
                + "  <id>BROKEN</id>\n</partner>\n");
        try {
            HttpResponse<String> r = reload("a file with no name, role or reply");
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().contains("config/partners/BROKEN.xml"), r.body());
            JsonNode status = json.readTree(gw.get("/api/config").body());
            assertEquals(before, status.path("generation").asLong(), "the running generation stays");
            assertTrue(status.path("lastError").asText().contains("BROKEN.xml"), status.toString());
        } finally {
            Files.delete(broken);
        }
        // the running configuration still admits its partners
        try (PartnerSftp sftp = login("demofwd")) {
            sftp.upload("after-refusal.edi", declaration("DEMOFWD:ZZZ", "REFUSED1"));
        }
        await().atMost(Duration.ofSeconds(90)).until(() ->
                Files.exists(gw.mailbox("DEMOFWD").resolve("outbox/REFUSED1.receipt.txt")));
    }

    @Test
    void a_disabled_partner_can_no_longer_log_in_after_the_reload() throws Exception {
        addPartner("OLDFWD", "oldfwd");
        assertEquals(200, reload("onboarding OLDFWD").statusCode());
        login("oldfwd").close(); // the control: the same login works while the partner is enabled

        Path file = gw.config.resolve("partners/OLDFWD.xml");
        Files.writeString(file, Files.readString(file).replace("</reply>", "</reply>\n  <disabled>true</disabled>"));
        HttpResponse<String> r = reload("OLDFWD offboarded");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(json.readTree(r.body()).path("changes").path("partnersDisabled").toString().contains("OLDFWD"),
                r.body());
        assertThrows(Exception.class, () -> login("oldfwd").close(), "a disabled partner's login is refused");
    }

    @Test
    void a_generation_recorded_by_another_node_is_taken_here_by_the_poll() throws Exception {
        addPartner("PEERFWD", "peerfwd");
        long next = json.readTree(gw.get("/api/config").body()).path("generation").asLong() + 100;
        // what the other node writes after its own reload: the row every node polls
        try (Connection c = DriverManager.getConnection(dbUrl); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO config_generation (generation, requested_by, requested_at, node, digest, comment)"
                        + " VALUES (?, 'operator', CURRENT_TIMESTAMP, 'node-b', 'digest-of-node-b', 'from node b')")) {
            ps.setLong(1, next);
            ps.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                json.readTree(gw.get("/api/config").body()).path("generation").asLong() == next);
        login("peerfwd").close();
        JsonNode status = json.readTree(gw.get("/api/config").body());
        // this node read its own files: its digest differs from the one node-b recorded, and it says so
        assertTrue(status.path("lastError").asText().contains("node-b"), status.toString());
        String metrics = gw.get("/observe/metrics").body();
        String gauge = metrics.lines().filter(l -> l.startsWith("tsw_config_generation{") && l.contains("node=\"node-a\""))
                .findFirst().orElse("");
        assertEquals((double) next, Double.parseDouble(gauge.substring(gauge.lastIndexOf(' ') + 1)), metrics);
    }

    private static void addPartner(String id, String user) throws Exception {
        String demo = Files.readString(gw.config.resolve("partners/DEMOFWD.xml"));
        // the same SFTP key as DEMOFWD; own ids; no AS2, SOAP or XML ids (those are claimed by DEMOFWD)
        String copy = demo.replace("<id>DEMOFWD</id>", "<id>" + id + "</id>")
                .replace(">DEMOFWD</senderId>", ">" + id + "</senderId>")
                .replace("<user>demofwd</user>", "<user>" + user + "</user>")
                .replaceAll("(?s)<xml>.*?</xml>", "").replaceAll("(?s)<as2>.*?</as2>", "")
                .replaceAll("(?s)<soap>.*?</soap>", "");
        Files.writeString(gw.config.resolve("partners/" + id + ".xml"), copy);
    }

    private static PartnerSftp login(String user) throws Exception {
        return new PartnerSftp(user, gw.runtime.sftpPort(), TestEngine.REPO.resolve("config/demo/demofwd_ed25519"));
    }

    private HttpResponse<String> reload(String comment) throws Exception {
        return gw.send(ApiTokens.OPERATOR, gw.request("/api/config/reload?comment="
                + java.net.URLEncoder.encode(comment, StandardCharsets.UTF_8)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static byte[] declaration(String sender, String reference) throws Exception {
        String edi = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"),
                StandardCharsets.ISO_8859_1);
        return edi.replace("DEMOFWD:ZZZ", sender).replace("WH25031200017", reference)
                .replace("HKIMP2025031200017", "DOC-" + reference).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
