package hk.tsw.gateway.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The known {@code gateway.*} settings: the keys of the class-path {@value #DEFAULTS} (which also holds every default
 * value) plus the families below, whose middle part names a partner, agency, user or fault point. A {@code gateway.*}
 * key from {@code gateway.properties}, {@code -D} or an override that is neither stops the start with one line naming
 * it (and the nearest known key). The secrets files are not checked: they hold only the families' secrets.
 */
public final class KnownSettings {

    /** The defaults file on the class path. */
    public static final String DEFAULTS = "gateway-defaults.properties";

    /**
     * The dynamic families, explicitly: per-partner SOAP passwords and webhook secrets, per-agency broker passwords,
     * per-user password and token hashes (issue 14), the broker's and the TLS key stores' passwords, and the fault
     * points of the test-support jar.
     */
    public static final List<Pattern> FAMILIES = List.of(
            Pattern.compile("gateway\\.soap\\.[A-Za-z0-9_-]+\\.password"),
            Pattern.compile("gateway\\.webhook\\.[A-Za-z0-9_-]+\\.secret"),
            Pattern.compile("gateway\\.broker\\.agency\\.[A-Za-z0-9_-]+\\.password"),
            Pattern.compile("gateway\\.user\\.[A-Za-z0-9_-]+\\.(password\\.bcrypt|token\\.sha256)"),
            Pattern.compile("gateway\\.(broker|broker\\.tls|http\\.tls|as2\\.tls)\\.password"),
            Pattern.compile("gateway\\.faults\\.[a-z.]+"));

    /**
     * Keys renamed since an earlier release, old to new: refused at start with the new name, so a configuration written
     * for the old name does not silently fall back to the default.
     */
    public static final Map<String, String> RENAMED = Map.of(
            "gateway.translate.consumers", "gateway.route.consumers");

    private static final Properties DEFAULT_VALUES = read();

    private KnownSettings() {
    }

    /** A copy of the defaults (every known fixed key with its default value). */
    public static Properties defaults() {
        Properties p = new Properties();
        p.putAll(DEFAULT_VALUES);
        return p;
    }

    /** The default value of a fixed key (for the few readers without {@link GatewaySettings}: CLI, -D switches). */
    public static String defaultOf(String key) {
        String v = DEFAULT_VALUES.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException(key + " has no default in " + DEFAULTS);
        }
        return v.trim();
    }

    public static boolean known(String key) {
        return DEFAULT_VALUES.containsKey(key) || FAMILIES.stream().anyMatch(f -> f.matcher(key).matches());
    }

    /** Refuses the first unknown {@code gateway.*} key of {@code keys}, naming it and where it came from. */
    public static void check(Set<String> keys, String source) {
        for (String key : new TreeSet<>(keys)) {
            if (RENAMED.containsKey(key)) {
                throw new UnknownSettingException("setting " + key + " in " + source + " was renamed to "
                        + RENAMED.get(key) + ": rename it there");
            }
            if (key.startsWith("gateway.") && !known(key)) {
                String near = nearest(key);
                throw new UnknownSettingException("unknown setting " + key + " in " + source
                        + (near == null ? "" : " (did you mean " + near + "?)")
                        + "; the known settings are in " + DEFAULTS);
            }
        }
    }

    static String nearest(String key) {
        String best = null;
        int bestDistance = Math.max(3, key.length() / 6) + 1;
        for (String k : new TreeSet<>(DEFAULT_VALUES.stringPropertyNames())) {
            int d = distance(key, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static Properties read() {
        Properties p = new Properties();
        try (InputStream in = KnownSettings.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the class path");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS, e);
        }
        return p;
    }

    /** A {@code gateway.*} key nobody reads: a typo or a setting that no longer exists. */
    public static final class UnknownSettingException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownSettingException(String message) {
            super(message);
        }
    }
}
