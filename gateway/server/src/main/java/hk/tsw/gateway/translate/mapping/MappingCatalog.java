package hk.tsw.gateway.translate.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import javax.xml.transform.Source;
import javax.xml.transform.TransformerException;
import javax.xml.transform.stream.StreamSource;

import hk.tsw.gateway.security.SecureXml;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * Loads every folder under {@code mappings/} that has a {@code mapping.properties}: the data that makes the engine
 * understand a message type and version. Adding a folder adds a message; no Java changes. The properties are read
 * and checked here (a bad one stops the load); stylesheets and schemas are compiled once, on first use or by
 * {@link #compileAll}; their xsl:include/xsl:import may only reach files inside the mappings folder.
 */
public final class MappingCatalog {

    private final Path root;
    private final List<Mapping> mappings;

    private MappingCatalog(Path root, List<Mapping> mappings) {
        this.root = root;
        this.mappings = mappings;
    }

    /** Reads all mappings; a folder with broken properties stops the load with its name and the reason. */
    public static MappingCatalog load(Path root, Processor saxon) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        List<Mapping> list = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(base)) {
            for (Path dir : dirs.sorted().toList()) {
                Path props = dir.resolve("mapping.properties");
                if (Files.isRegularFile(props)) {
                    list.add(loadOne(base, dir, props, saxon));
                }
            }
        }
        if (list.isEmpty()) {
            throw new IOException("no mapping folders (with mapping.properties) under " + base);
        }
        return new MappingCatalog(base, List.copyOf(list));
    }

    private static Mapping loadOne(Path base, Path dir, Path propsFile, Processor saxon) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(propsFile, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String name = dir.getFileName().toString();
        try {
            Mapping.Format format = Mapping.Format.valueOf(required(p, "format").toUpperCase());
            Path xsl = dir.resolve(required(p, "stylesheet")).normalize();
            if (!Files.isRegularFile(xsl)) {
                throw new IllegalArgumentException("stylesheet " + xsl + " is not a file");
            }
            // compiled on first use or ahead of it (MappingCode): the start does not wait for every folder
            MappingCode.Step<XsltExecutable> stylesheet = () -> compile(base, xsl, saxon);
            List<String> types = p.getProperty("documentTypes", "").isBlank() ? List.of()
                    : List.of(p.getProperty("documentTypes").trim().split("\\s+"));
            Map<String, String> locate = new java.util.TreeMap<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("locate.")) {
                    String spec = p.getProperty(key).trim();
                    if (!spec.matches("[A-Z0-9]{3}(\\s+after\\s+[A-Z0-9]{3})?")) {
                        throw new IllegalArgumentException(key + "=" + spec + " is not a segment tag, or 'TAG after TAG'");
                    }
                    locate.put(key.substring("locate.".length()), spec);
                }
            }
            if (format == Mapping.Format.EDIFACT) {
                return new Mapping(name, dir, format, required(p, "messageType").toUpperCase(),
                        required(p, "directory").toUpperCase(), null, null,
                        new MappingCode(name, stylesheet, null), types, Map.copyOf(locate));
            }
            Path xsd = dir.resolve(required(p, "schema")).normalize();
            if (!Files.isRegularFile(xsd)) {
                throw new IllegalArgumentException("schema " + xsd + " is not a file");
            }
            return new Mapping(name, dir, format, required(p, "messageType"), required(p, "version"),
                    required(p, "rootNamespace"), required(p, "rootElement"),
                    new MappingCode(name, stylesheet, () -> SecureXml.schema(xsd)), types, Map.of());
        } catch (IllegalArgumentException e) {
            throw new IOException("mapping " + name + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Compiles one stylesheet; the first error Saxon reports (with its file and line) is the exception's message. */
    private static XsltExecutable compile(Path base, Path xsl, Processor saxon) throws IOException, SaxonApiException {
        XsltCompiler compiler = saxon.newXsltCompiler();
        compiler.setURIResolver((href, baseUri) -> resolveInside(base, href, baseUri));
        List<String> errors = new ArrayList<>();
        compiler.setErrorReporter(e -> {
            if (!e.isWarning()) {
                var at = e.getLocation();
                String where = at == null || at.getSystemId() == null ? "" : Path.of(URI.create(at.getSystemId()))
                        .getFileName() + (at.getLineNumber() > 0 ? " line " + at.getLineNumber() : "") + ": ";
                errors.add(where + e.getMessage());
            }
        });
        try (InputStream in = Files.newInputStream(xsl)) {
            return compiler.compile(new StreamSource(in, xsl.toUri().toString()));
        } catch (SaxonApiException e) {
            throw errors.isEmpty() ? e : new SaxonApiException(errors.get(0)
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), e);
        }
    }

    /**
     * Compiles every mapping not compiled yet, in folder order (a message that needs one meanwhile compiles it
     * itself); {@code done} sees each folder's name and its failure (null when it compiled). Returns the failures.
     */
    List<String> compileAll(java.util.function.BiConsumer<String, String> done) {
        List<String> failures = new ArrayList<>();
        for (Mapping m : mappings) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            String failure = m.code().compile();
            if (failure != null) {
                failures.add(failure);
            }
            done.accept(m.name(), failure);
        }
        return failures;
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("mapping.properties has no '" + key + "'");
        }
        return v.trim();
    }

    /** Stylesheet modules may only come from inside the mappings folder. */
    private static Source resolveInside(Path base, String href, String baseUri) throws TransformerException {
        Path target = Path.of(URI.create(baseUri).resolve(href)).normalize();
        if (!target.startsWith(base)) {
            throw new TransformerException("stylesheet module " + href + " is outside the mappings folder");
        }
        try {
            InputStream in = Files.newInputStream(target);
            return new StreamSource(in, target.toUri().toString());
        } catch (IOException e) {
            throw new TransformerException("cannot read stylesheet module " + target + ": " + e.getMessage());
        }
    }

    public List<Mapping> all() {
        return mappings;
    }

    public Path root() {
        return root;
    }

    public Optional<Mapping> edifact(String messageType, String directory) {
        return mappings.stream().filter(m -> m.format() == Mapping.Format.EDIFACT
                && m.messageType().equalsIgnoreCase(messageType) && m.version().equalsIgnoreCase(directory)).findFirst();
    }

    public Optional<Mapping> xml(String namespace, String localName) {
        return mappings.stream().filter(m -> m.format() == Mapping.Format.XML
                && m.rootNamespace().equals(namespace) && m.rootElement().equals(localName)).findFirst();
    }

    /** (directory, message type) pairs the EDIFACT reader must be compiled for. */
    public List<Map.Entry<String, String>> edifactTypes() {
        return mappings.stream().filter(m -> m.format() == Mapping.Format.EDIFACT)
                .map(m -> Map.entry(m.version(), m.messageType())).toList();
    }
}
