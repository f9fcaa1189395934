package hk.tsw.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.testsupport.ApiTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users are data: the repository's {@code config/users/} loads with the DEMO-ONLY secrets, each demo token names its
 * user, a user bound to an agency or partner that does not exist stops the start with one line, and hashes that are
 * not what they claim are refused.
 */
class UserDirectoryTest {

    static final Path XSD = TestEngine.REPO.resolve("xsd/config/user.xsd");
    static final Set<String> AGENCIES = Set.of("AFCD", "CED", "CSD", "DH", "EPD", "FEHD", "MD", "OFCA", "TID");
    static final Set<String> PARTNERS = Set.of("DEMOFWD", "DEMOLINE", "DEMOTRADER");

    @TempDir
    Path dir;

    static Map<String, String> demoSecrets() throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(TestEngine.REPO.resolve("config/demo/demo-secrets.properties"))) {
            p.load(r);
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    static UserDirectory load(Path users, Map<String, String> secrets) throws IOException {
        return UserDirectory.load(users, XSD, AGENCIES::contains, PARTNERS::contains, secrets::get);
    }

    @Test
    void the_demo_users_load_and_each_demo_token_names_its_user() throws Exception {
        UserDirectory users = load(TestEngine.REPO.resolve("config/users"), demoSecrets());
        assertEquals(ApiUser.Role.OPERATOR, users.byToken(ApiTokens.OPERATOR).orElseThrow().role());
        assertEquals("CED", users.byToken(ApiTokens.CED).orElseThrow().agency());
        assertEquals("TID", users.byToken(ApiTokens.TID).orElseThrow().agency());
        assertEquals("DEMOFWD", users.byToken(ApiTokens.DEMOFWD).orElseThrow().partner());
        assertEquals("DEMOLINE", users.byToken(ApiTokens.DEMOLINE).orElseThrow().partner());
        assertTrue(users.byToken(ApiTokens.OPERATOR + "x").isEmpty());
        assertTrue(users.byToken("").isEmpty());
        assertTrue(users.passwordMatches("ced", "ced-DEMO-ONLY-password".toCharArray()));
        assertFalse(users.passwordMatches("ced", "tid-DEMO-ONLY-password".toCharArray()));
        assertFalse(users.passwordMatches("nobody", "ced-DEMO-ONLY-password".toCharArray()));
    }

    @Test
    void every_agency_has_a_demo_user_with_its_token_and_password() throws Exception {
        UserDirectory users = load(TestEngine.REPO.resolve("config/users"), demoSecrets());
        Map<String, String> tokens = Map.of("AFCD", ApiTokens.AFCD, "DH", ApiTokens.DH, "EPD", ApiTokens.EPD,
                "FEHD", ApiTokens.FEHD, "MD", ApiTokens.MD, "CED", ApiTokens.CED, "CSD", ApiTokens.CSD,
                "OFCA", ApiTokens.OFCA, "TID", ApiTokens.TID);
        assertEquals(AGENCIES, tokens.keySet(), "one demo user per agency of config/agencies");
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            ApiUser user = users.byToken(t.getValue()).orElseThrow(() -> new AssertionError("no user for " + t.getKey()));
            assertEquals(ApiUser.Role.AGENCY, user.role());
            assertEquals(t.getKey(), user.agency());
            String id = t.getKey().toLowerCase(java.util.Locale.ROOT);
            assertTrue(users.passwordMatches(id, (id + "-DEMO-ONLY-password").toCharArray()), id);
        }
        try (var files = Files.list(TestEngine.REPO.resolve("config/agencies"))) {
            assertEquals(AGENCIES, files.map(f -> f.getFileName().toString().replace(".properties", ""))
                    .collect(java.util.stream.Collectors.toSet()), "the agencies of config/agencies");
        }
    }

    @Test
    void without_the_secrets_no_token_is_taken() throws Exception {
        UserDirectory users = load(TestEngine.REPO.resolve("config/users"), Map.of());
        assertTrue(users.byToken(ApiTokens.OPERATOR).isEmpty(), "config/ alone holds no credential");
        assertEquals(13, users.all().size());
    }

    @Test
    void a_user_of_an_unknown_agency_is_refused_with_one_line() throws Exception {
        write("xyz", "<agency>XYZ</agency>");
        UserDirectory.UserConfigException e = assertThrows(UserDirectory.UserConfigException.class,
                () -> load(dir, Map.of()));
        assertEquals("config/users/xyz.xml: unknown agency XYZ (no config/agencies/XYZ.properties)", e.getMessage());
    }

    @Test
    void a_user_of_an_unknown_partner_is_refused_with_one_line() throws Exception {
        write("acme", "<partner>ACME</partner>");
        assertEquals("config/users/acme.xml: unknown partner ACME (no config/partners/ACME.xml)",
                assertThrows(UserDirectory.UserConfigException.class, () -> load(dir, Map.of())).getMessage());
    }

    @Test
    void a_user_with_two_bindings_fails_the_schema() throws Exception {
        write("both", "<agency>CED</agency><partner>DEMOFWD</partner>");
        String message = assertThrows(UserDirectory.UserConfigException.class, () -> load(dir, Map.of())).getMessage();
        assertTrue(message.startsWith("config/users/both.xml: "), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void hashes_that_are_not_what_they_claim_are_refused() throws Exception {
        write("ops", "<operator/>");
        assertThrows(UserDirectory.UserConfigException.class,
                () -> load(dir, Map.of("gateway.user.ops.token.sha256", "the-token-itself")));
        assertThrows(UserDirectory.UserConfigException.class,
                () -> load(dir, Map.of("gateway.user.ops.password.bcrypt", "plain-password")));
        assertThrows(UserDirectory.UserConfigException.class, () -> load(dir, Map.of("gateway.user.ops.password.bcrypt",
                "$2b$04$QFoLfyPibznLu0no5XLgJ.SRLm1AyNBRpZXJfxJ5JwG5cd/bKIWzK")), "cost 4 is too cheap");
        String sha = HexFormat.of().formatHex(UserDirectory.sha256("rotated"));
        UserDirectory users = load(dir, Map.of("gateway.user.ops.token.sha256", sha + ", " + sha.replace('a', 'b')));
        assertEquals("ops", users.byToken("rotated").orElseThrow().id(), "two hashes while a token is rotated");
    }

    @Test
    void the_file_must_be_named_for_its_user() throws Exception {
        write("ops", "<operator/>");
        Files.move(dir.resolve("ops.xml"), dir.resolve("other.xml"));
        assertEquals("config/users/other.xml: the file of user ops must be named ops.xml",
                assertThrows(UserDirectory.UserConfigException.class, () -> load(dir, Map.of())).getMessage());
    }

    private void write(String id, String binding) throws IOException {
        Files.writeString(dir.resolve(id + ".xml"), "<user xmlns=\"urn:hk:tsw:config:user:1\"><id>" + id + "</id>"
                + binding + "</user>");
    }
}
