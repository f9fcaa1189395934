package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.settings.GatewaySettings;

/**
 * A copied {@code config/} folder starts: a relative folder setting that names nothing next to the config folder is
 * resolved against the working directory, and when it names nothing there either, the error names both paths tried.
 */
class GatewaySettingsPathTest {

    @TempDir
    Path dir;

    @Test
    void relative_folders_resolve_against_the_config_folder_then_the_working_directory_else_name_both() throws Exception {
        Path config = Files.createDirectories(dir.resolve("copied/config"));
        Files.writeString(config.resolve("gateway.properties"), "gateway.secrets.file=\n");
        Path nextToConfig = Files.createDirectories(dir.resolve("copied/mappings"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/xsd"));
        String fromWorkingDir = Path.of("").toAbsolutePath().relativize(elsewhere).toString();
        GatewaySettings s = GatewaySettings.load(config, dir.resolve("data"), Map.of(
                "gateway.mappings.dir", "../mappings", "gateway.xsd.dir", fromWorkingDir, "gateway.as2.key.dir", "../nowhere"));
        assertEquals(nextToConfig.toAbsolutePath().normalize(), s.path("gateway.mappings.dir"));
        assertEquals(elsewhere.toAbsolutePath().normalize(), s.path("gateway.xsd.dir"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.path("gateway.as2.key.dir"));
        assertTrue(e.getMessage().contains(config.resolve("../nowhere").normalize().toString())
                && e.getMessage().contains(Path.of("../nowhere").toAbsolutePath().normalize().toString()), e.getMessage());
    }
}
