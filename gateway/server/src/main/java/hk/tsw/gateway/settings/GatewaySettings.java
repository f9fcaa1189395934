package hk.tsw.gateway.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The gateway's settings: the class-path defaults ({@value KnownSettings#DEFAULTS}, every default value), then
 * {@code config/gateway.properties}, then the secrets file it names (outside the repository), then {@code -D} system
 * properties, then overrides. An unknown {@code gateway.*} key in the file, a {@code -D} or an override stops the load
 * ({@link KnownSettings}). The DEMO-ONLY secrets of the embedded default
 * ({@code gateway.demo.secrets.file}, relative to the config folder; empty in production) fill only keys nothing
 * else sets. {@code {data}} and {@code {config}} in values are replaced by the
 * data and config folders; {@code ${user.home}} by the user's home.
 */
public final class GatewaySettings {

    private final Properties props;
    private final Path configDir;
    private final Path dataDir;
    private final Map<String, String> overrides;

    private GatewaySettings(Properties props, Path configDir, Path dataDir, Map<String, String> overrides) {
        this.props = props;
        this.configDir = configDir;
        this.dataDir = dataDir;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * The same files read again (gateway.properties, the secrets file, the demo secrets), with the same overrides: for
     * a configuration reload, which takes only the partners' and users' secrets from it. Throws as {@link #load} does.
     */
    public GatewaySettings reread() throws IOException {
        return load(configDir, dataDir, overrides);
    }

    public static GatewaySettings load(Path configDir, Path dataDir) throws IOException {
        return load(configDir, dataDir, java.util.Map.of());
    }

    /** As {@link #load(Path, Path)}, then {@code overrides} (tests, embedding) on top of everything. */
    public static GatewaySettings load(Path configDir, Path dataDir, java.util.Map<String, String> overrides)
            throws IOException {
        Properties p = KnownSettings.defaults();
        Path file = configDir.resolve("gateway.properties");
        Properties operator = new Properties();
        read(operator, file, true);
        KnownSettings.check(operator.stringPropertyNames(), file.toString());
        p.putAll(operator);
        String demo = overrides.getOrDefault("gateway.demo.secrets.file",
                System.getProperty("gateway.demo.secrets.file", p.getProperty("gateway.demo.secrets.file", "")));
        Properties demoSecrets = new Properties();
        if (!demo.isBlank()) {
            read(demoSecrets, configDir.resolve(demo.trim()), false);
        }
        // the secrets file named by an override or -D is the one read (as the demo secrets above), not only recorded
        String secrets = overrides.getOrDefault("gateway.secrets.file", System.getProperty("gateway.secrets.file",
                p.getProperty("gateway.secrets.file", ""))).replace("${user.home}", System.getProperty("user.home"));
        if (!secrets.isBlank()) {
            read(p, Path.of(secrets), false);
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("gateway.")) {
                KnownSettings.check(Set.of(key), "a -D system property");
                p.setProperty(key, System.getProperty(key));
            }
        }
        KnownSettings.check(overrides.keySet(), "the overrides");
        overrides.forEach(p::setProperty);
        demoSecrets.forEach(p::putIfAbsent);
        return new GatewaySettings(p, configDir.toAbsolutePath().normalize(), dataDir.toAbsolutePath().normalize(),
                overrides);
    }

    private static void read(Properties p, Path file, boolean required) throws IOException {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new IOException("settings file " + file + " is missing");
            }
            return;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
    }

    public String get(String key) {
        String v = props.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("setting " + key + " is missing from gateway.properties");
        }
        return v.trim().replace("{data}", dataDir.toString()).replace("{config}", configDir.toString())
                .replace("${user.home}", System.getProperty("user.home"));
    }

    public String get(String key, String dflt) {
        return props.containsKey(key) ? get(key) : dflt;
    }

    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    public long getLong(String key) {
        return Long.parseLong(get(key));
    }

    public double getDouble(String key) {
        return Double.parseDouble(get(key));
    }

    public boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(key));
    }

    /**
     * The values of one dynamic family ({@link KnownSettings#FAMILIES}): for each key {@code prefix + id + suffix}
     * whose {@code id} has no dot, {@code id -> value} (e.g. the per-partner SOAP passwords). Read once by the stage's
     * settings record.
     */
    public Map<String, String> family(String prefix, String suffix) {
        Map<String, String> found = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(prefix) && key.endsWith(suffix) && key.length() > prefix.length() + suffix.length()) {
                String id = key.substring(prefix.length(), key.length() - suffix.length());
                if (!id.contains(".")) {
                    found.put(id, get(key));
                }
            }
        }
        return Map.copyOf(found);
    }

    public Path configDir() {
        return configDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * A folder setting. A relative value is resolved against the config folder when it names something there (the
     * repository's layout: {@code ../mappings} next to {@code config/}), else against the working directory (a
     * {@code config/} folder copied elsewhere and started from the repository); when neither exists, the error names
     * both paths tried.
     */
    public Path path(String key) {
        Path value = Path.of(get(key));
        if (value.isAbsolute()) {
            return value.normalize();
        }
        Path fromConfig = configDir.resolve(value).normalize();
        if (Files.exists(fromConfig)) {
            return fromConfig;
        }
        Path fromWorkingDir = value.toAbsolutePath().normalize();
        if (Files.exists(fromWorkingDir)) {
            return fromWorkingDir;
        }
        throw new IllegalArgumentException(key + "=" + get(key) + " names nothing: tried " + fromConfig
                + " (against the config folder) and " + fromWorkingDir + " (against the working directory)");
    }

    public Path mailboxRoot() {
        return dataDir.resolve("sftp");
    }
}
