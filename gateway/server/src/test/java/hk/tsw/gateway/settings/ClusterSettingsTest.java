package hk.tsw.gateway.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's name: as set, or by default the host name and the HTTP port (two nodes on one host differ). */
class ClusterSettingsTest {

    @TempDir
    Path dir;

    private ClusterSettings load(Map<String, String> overrides) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.properties"), "gateway.secrets.file=\n");
        return ClusterSettings.from(GatewaySettings.load(config, dir.resolve("data"), overrides));
    }

    @Test
    void a_node_is_named_as_set() throws Exception {
        assertEquals("gw-a", load(Map.of("gateway.node.name", "gw-a")).nodeName());
    }

    @Test
    void by_default_a_node_is_named_by_its_host_and_http_port() throws Exception {
        String first = load(Map.of("gateway.http.port", "8180")).nodeName();
        String second = load(Map.of("gateway.http.port", "8280")).nodeName();
        assertTrue(first.endsWith(":8180") || first.equals("node-1"), first);
        assertTrue(!first.equals(second) || first.equals("node-1"), first + " and " + second);
        assertEquals(2000, load(Map.of()).singletonRetryMs());
    }
}
