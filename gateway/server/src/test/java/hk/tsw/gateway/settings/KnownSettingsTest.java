package hk.tsw.gateway.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hk.tsw.gateway.testsupport.ProjectRoot;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownSettingsTest {

    @TempDir
    Path dir;

    @Test
    void an_unknown_key_in_gateway_properties_stops_the_start_with_a_line_naming_it() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.properties"), "gateway.secrets.file=\ngateway.delivery.max.attempt=3\n");
        KnownSettings.UnknownSettingException e = assertThrows(KnownSettings.UnknownSettingException.class,
                () -> GatewaySettings.load(config, dir.resolve("data")));
        assertTrue(e.getMessage().startsWith("unknown setting gateway.delivery.max.attempt in "), e.getMessage());
        assertTrue(e.getMessage().contains("(did you mean gateway.delivery.max.attempts?)"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void a_renamed_key_stops_the_start_naming_its_new_name_and_every_new_name_is_known() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.properties"), "gateway.secrets.file=\ngateway.translate.consumers=4\n");
        KnownSettings.UnknownSettingException e = assertThrows(KnownSettings.UnknownSettingException.class,
                () -> GatewaySettings.load(config, dir.resolve("data")));
        assertTrue(e.getMessage().contains("gateway.translate.consumers")
                && e.getMessage().contains("renamed to gateway.route.consumers"), e.getMessage());
        KnownSettings.RENAMED.forEach((old, now) -> {
            assertTrue(KnownSettings.known(now), now);
            assertTrue(!KnownSettings.known(old), old);
        });
    }

    @Test
    void an_unknown_key_in_the_overrides_is_refused_too_and_known_ones_and_families_pass() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.properties"), "gateway.secrets.file=\n");
        KnownSettings.UnknownSettingException e = assertThrows(KnownSettings.UnknownSettingException.class,
                () -> GatewaySettings.load(config, dir.resolve("data"), Map.of("gateway.htpp.port", "0")));
        assertTrue(e.getMessage().contains("gateway.htpp.port") && e.getMessage().contains("gateway.http.port"),
                e.getMessage());
        GatewaySettings s = GatewaySettings.load(config, dir.resolve("data"), Map.of("gateway.http.port", "0",
                "gateway.faults.halt.at", "mapped", "gateway.soap.DEMOFWD.password", "x",
                "gateway.webhook.DEMOLINE.secret", "y"));
        assertEquals(0, s.getInt("gateway.http.port"));
        assertEquals("10000", s.get("gateway.delivery.http.timeout.ms"), "a default from the class path");
    }

    @Test
    void the_secrets_file_is_not_checked_and_its_families_are_known() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "gateway.broker.password=a\ngateway.broker.agency.CED.password=b\n"
                + "gateway.http.tls.password=c\ngateway.user.ops.password.bcrypt=d\ngateway.user.ops.token.sha256=e\n"
                + "gateway.something.only.a.secrets.file.knows=f\n");
        Files.writeString(config.resolve("gateway.properties"), "gateway.secrets.file=" + secrets.toString()
                .replace('\\', '/') + "\n");
        GatewaySettings s = GatewaySettings.load(config, dir.resolve("data"));
        assertEquals("b", s.get("gateway.broker.agency.CED.password"));
        for (String k : List.of("gateway.broker.password", "gateway.broker.agency.CED.password",
                "gateway.http.tls.password", "gateway.as2.tls.password", "gateway.user.ops.password.bcrypt",
                "gateway.user.ops.token.sha256", "gateway.soap.DEMOFWD.password")) {
            assertTrue(KnownSettings.known(k), k);
        }
    }

    @Test
    void every_key_of_the_operators_gateway_properties_is_known() throws IOException {
        Properties p = read(ProjectRoot.REPO.resolve("config/gateway.properties"));
        Set<String> unknown = p.stringPropertyNames().stream().filter(k -> !KnownSettings.known(k))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unknown);
        Properties demo = read(ProjectRoot.REPO.resolve("config/demo/demo-secrets.properties"));
        demo.stringPropertyNames().forEach(k -> assertTrue(KnownSettings.known(k), "demo secret " + k));
    }

    @Test
    void every_default_is_read_by_the_product_no_dead_keys() throws IOException {
        Path main = ProjectRoot.REPO.resolve("gateway/server/src/main");
        StringBuilder code = new StringBuilder();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")
                    || f.getFileName().toString().equals("gateway-camel.properties")).toList()) {
                code.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        Set<String> dead = new TreeSet<>();
        for (String key : KnownSettings.defaults().stringPropertyNames()) {
            boolean read = code.indexOf("\"" + key + "\"") >= 0 || code.indexOf("{{" + key + "}}") >= 0;
            if (!read) {
                dead.add(key);
            }
        }
        assertEquals(Set.of(), dead, "defaults nobody reads");
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
