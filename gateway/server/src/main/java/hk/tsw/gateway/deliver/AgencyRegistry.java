package hk.tsw.gateway.deliver;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The agencies, one {@code config/agencies/<CODE>.properties} file each ({@code code}, {@code name},
 * {@code endpoint}, optionally a {@link ServiceWindow}). Adding an agency is adding a file. A file whose name and
 * code disagree, without an endpoint, or with a service window that cannot be read, stops the start with its name.
 */
public final class AgencyRegistry {

    private final Map<String, Agency> byCode;
    private final Map<String, ServiceWindow> windows;

    private AgencyRegistry(Map<String, Agency> byCode, Map<String, ServiceWindow> windows) {
        this.byCode = byCode;
        this.windows = windows;
    }

    public static AgencyRegistry load(Path dir) throws IOException {
        Map<String, Agency> map = new TreeMap<>();
        Map<String, ServiceWindow> windows = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".properties")).sorted().toList()) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                String code = p.getProperty("code", "").trim();
                String expected = f.getFileName().toString().replace(".properties", "");
                if (!code.matches("[A-Z]{2,8}") || !code.equals(expected)) {
                    throw new IOException(f.getFileName() + ": code '" + code + "' must be 2-8 capital letters and match the file name");
                }
                String endpoint = p.getProperty("endpoint", "").trim();
                if (endpoint.isEmpty()) {
                    throw new IOException(f.getFileName() + ": no endpoint");
                }
                map.put(code, new Agency(code, p.getProperty("name", code).trim(), endpoint));
                try {
                    ServiceWindow w = ServiceWindow.parse(f.getFileName().toString(), p);
                    if (w != null) {
                        windows.put(code, w);
                    }
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        }
        if (map.isEmpty()) {
            throw new IOException("no agencies in " + dir);
        }
        return new AgencyRegistry(Map.copyOf(map), Map.copyOf(windows));
    }

    public Agency get(String code) {
        Agency a = byCode.get(code);
        if (a == null) {
            throw new IllegalArgumentException("unknown agency " + code);
        }
        return a;
    }

    public boolean exists(String code) {
        return byCode.containsKey(code);
    }

    /** The agency's service window ({@code serviceWindow.*} in its file), or empty when it never closes. */
    public Optional<ServiceWindow> window(String code) {
        return Optional.ofNullable(windows.get(code));
    }

    public Collection<Agency> all() {
        return new TreeMap<>(byCode).values();
    }
}
