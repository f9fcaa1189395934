package hk.tsw.gateway.runtime;

import hk.tsw.gateway.settings.GatewaySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.main.Main;

/**
 * Camel Main's {@code camel.*} settings from the class-path {@value #FILE}, with {@code {{gateway.KEY}}} replaced by
 * the gateway setting (so the HTTP host and port stay where the operator sets them).
 */
final class CamelProperties {

    static final String FILE = "gateway-camel.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(gateway\\.[A-Za-z0-9._-]+)}}");

    private CamelProperties() {
    }

    /** The {@code camel.*} properties, resolved against {@code s}. */
    static Map<String, String> resolved(GatewaySettings s) {
        Properties p = new Properties();
        try (InputStream in = CamelProperties.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the class path");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FILE, e);
        }
        Map<String, String> out = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith("camel.")) {
                throw new IllegalStateException(FILE + " holds " + key + ": only camel.* settings belong there");
            }
            Matcher m = PLACEHOLDER.matcher(p.getProperty(key).trim());
            StringBuilder value = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(value, Matcher.quoteReplacement(s.get(m.group(1))));
            }
            m.appendTail(value);
            out.put(key, value.toString());
        }
        return out;
    }

    static void apply(Main main, GatewaySettings s) {
        resolved(s).forEach(main::addInitialProperty);
    }
}
