package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hk.tsw.gateway.settings.GatewaySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CamelPropertiesTest {

    @TempDir
    Path dir;

    @Test
    void camel_settings_come_from_the_file_with_the_gateway_settings_filled_in() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.properties"), "gateway.secrets.file=\n");
        GatewaySettings s = GatewaySettings.load(config, dir.resolve("data"), Map.of("gateway.http.host", "127.0.0.2",
                "gateway.http.port", "18081", "gateway.delivery.http.timeout.ms", "4321"));
        Map<String, String> camel = CamelProperties.resolved(s);
        camel.forEach((k, v) -> {
            assertTrue(k.startsWith("camel."), k);
            assertFalse(v.contains("{{"), k + "=" + v);
        });
        assertEquals("127.0.0.2", camel.get("camel.server.host"));
        assertEquals("18081", camel.get("camel.server.port"));
        assertEquals("18081", camel.get("camel.management.port"));
        assertEquals("4321", camel.get("camel.component.http.response-timeout"));
        assertEquals("#tswResponseHeaders", camel.get("camel.component.platform-http.header-filter-strategy"));
        assertEquals(String.valueOf(32L * 1024 * 1024), camel.get("camel.server.max-body-size"));
    }
}
