package hk.tsw.gateway.translate.mapping;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.smooks.Smooks;
import org.smooks.api.ExecutionContext;
import org.smooks.io.sink.DOMSink;
import org.smooks.io.source.StreamSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Reads EDIFACT messages with Smooks' EDIFACT cartridge (Daffodil DFDL schemas from the edifact-schemas packs).
 *
 * <p>One Smooks instance per directory version, each compiled for every message type the mappings declare for
 * that directory (compile time grows with the number of types). Instances are built lazily and reused; Smooks is
 * thread-safe. Compiled parsers are cached on disk under {@code cacheDir}.
 *
 * <p>Structurally bad content does not throw in the cartridge: it comes back as a {@code BadMessage} element. This
 * class turns that, and any parse error, into a {@link MessageReadException}.
 */
public final class DaffodilEdifactReader implements EdifactMessageReader {

    private static final Logger LOG = LoggerFactory.getLogger(DaffodilEdifactReader.class);
    private static final String SMOOKS_PARAMS = "<smooks-resource-list xmlns=\"https://www.smooks.org/xsd/smooks-2.0.xsd\">"
            + "<params><param name=\"reader.pool.size\">-1</param></params></smooks-resource-list>";

    private final Map<String, Set<String>> typesByDirectory = new TreeMap<>();
    private final Map<String, Smooks> smooksByDirectory = new TreeMap<>();
    private final Path cacheDir;
    private final String validationMode;

    /**
     * @param messageTypes   pairs of directory version and message type, e.g. ("D96A", "CUSDEC")
     * @param cacheDir       folder for compiled parsers, or null for no disk cache
     * @param validationMode Daffodil validation: Off (default), Limited or Full
     */
    public DaffodilEdifactReader(Collection<Map.Entry<String, String>> messageTypes, Path cacheDir, String validationMode) {
        for (Map.Entry<String, String> e : messageTypes) {
            typesByDirectory.computeIfAbsent(e.getKey().toUpperCase(), k -> new TreeSet<>()).add(e.getValue().toUpperCase());
        }
        this.cacheDir = cacheDir;
        this.validationMode = validationMode == null ? "Off" : validationMode;
    }

    @Override
    public void warmUp() {
        for (String directory : typesByDirectory.keySet()) {
            smooksFor(directory);
        }
    }

    @Override
    public Document read(String directory, byte[] interchange) throws MessageReadException {
        Smooks smooks = smooksFor(directory.toUpperCase());
        DOMSink sink = new DOMSink();
        try {
            ExecutionContext ctx = smooks.createExecutionContext();
            smooks.filterSource(ctx, new StreamSource(new ByteArrayInputStream(interchange)), sink);
        } catch (RuntimeException e) {
            throw new MessageReadException(daffodilReason(e));
        }
        Node node = sink.getNode();
        Document doc = node instanceof Document d ? d : node.getOwnerDocument();
        if (doc == null || doc.getDocumentElement() == null) {
            throw new MessageReadException("the " + directory + " parser produced no content");
        }
        if (doc.getElementsByTagNameNS("*", "BadMessage").getLength() > 0) {
            throw new MessageReadException("the message's segments do not match the " + directory + " message structure");
        }
        return doc;
    }

    private synchronized Smooks smooksFor(String directory) {
        Smooks existing = smooksByDirectory.get(directory);
        if (existing != null) {
            return existing;
        }
        Set<String> types = typesByDirectory.get(directory);
        if (types == null) {
            throw new IllegalArgumentException("no mapping declares directory " + directory);
        }
        try {
            Smooks smooks = new Smooks(new ByteArrayInputStream(SMOOKS_PARAMS.getBytes(StandardCharsets.UTF_8)));
            DfdlReaderConfigurator reader = new DfdlReaderConfigurator(
                    "/" + directory.toLowerCase() + "/EDIFACT-Messages.dfdl.xsd", new ArrayList<>(types), cacheDir);
            reader.setValidationMode(org.apache.daffodil.japi.ValidationMode.valueOf(validationMode));
            smooks.setReaderConfig(reader);
            // Parse an empty interchange once so the DFDL schema is compiled or loaded now, not on the first message.
            smooks.filterSource(smooks.createExecutionContext(), new StreamSource(new ByteArrayInputStream(
                    ("UNA:+.? 'UNB+UNOC:3+WARMUP+WARMUP+000101:0000+WARMUP'UNH+1+" + types.iterator().next() + ":D:"
                            + directory.substring(1) + ":UN'UNT+2+1'UNZ+1+WARMUP'").getBytes(StandardCharsets.UTF_8))),
                    new DOMSink());
            smooksByDirectory.put(directory, smooks);
            LOG.info("EDIFACT directory {} ready for {}", directory, types);
            return smooks;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot prepare the Smooks EDIFACT reader for " + directory + ": " + e, e);
        }
    }

    /**
     * The innermost Daffodil diagnostic, first line only: no stack trace, no temp-file paths. A JVM-raised exception
     * inside the parser (a NullPointerException on a malformed repeat, say) is named by its class only: its text is
     * the JVM's, not the directory's, and differs from one throw to the next (helpful NPE messages are dropped once the
     * JIT compiles the throwing code), so the partner's answer would depend on how warm the JVM is.
     */
    static String daffodilReason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        boolean jdk = t instanceof NullPointerException || t instanceof ClassCastException
                || t instanceof IndexOutOfBoundsException || t instanceof ArithmeticException;
        String msg = jdk || t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String first = msg.lines().findFirst().orElse(msg).trim();
        first = first.replaceFirst("^Parse Error: ", "");
        return "the message does not parse against its directory: " + first;
    }

    @Override
    public synchronized void close() {
        smooksByDirectory.values().forEach(Smooks::close);
        smooksByDirectory.clear();
    }
}
