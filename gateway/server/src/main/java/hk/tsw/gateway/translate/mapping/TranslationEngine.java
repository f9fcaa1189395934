package hk.tsw.gateway.translate.mapping;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.translate.edifact.EnvelopeScanner;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.edifact.MessageStructures;
import hk.tsw.gateway.security.SecureXml;
import hk.tsw.gateway.translate.xml.XmlFrontDoor;
import net.sf.saxon.s9api.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The translation engine: an inbound file (EDIFACT interchange or WCO-aligned XML) in, canonical trade documents or
 * located errors out. Usable on its own (CLI) and by every channel. Thread-safe once started: the mappings, schemas
 * and compiled parsers are shared, read-only.
 *
 * <p>Nothing is thrown for bad input: every problem comes back in the {@link TranslationResult}.
 */
public final class TranslationEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TranslationEngine.class);

    private final MappingCatalog catalog;
    private final EdifactMessageReader reader;
    private final XmlFrontDoor frontDoor;
    private final StylesheetRunner runner;
    private final EngineSettings settings;
    private final MessageStructures structures;

    private TranslationEngine(EngineSettings settings, MappingCatalog catalog, EdifactMessageReader reader,
                              XmlFrontDoor frontDoor, StylesheetRunner runner, MessageStructures structures) {
        this.structures = structures;
        this.settings = settings;
        this.catalog = catalog;
        this.reader = reader;
        this.frontDoor = frontDoor;
        this.runner = runner;
    }

    /**
     * Reads the mappings' folders; their stylesheets, the schemas and the EDIFACT segment layouts are prepared on
     * first use, or all at once by {@link #compileAll()}.
     */
    public static TranslationEngine start(EngineSettings settings) throws IOException {
        long t0 = System.nanoTime();
        Processor saxon = SecureXml.saxon();
        MappingCatalog catalog = MappingCatalog.load(settings.mappingsDir(), saxon);
        MessageStructures structures = new MessageStructures();
        EdifactMessageReader daffodil = new DaffodilEdifactReader(catalog.edifactTypes(), settings.dfdlCacheDir(),
                settings.dfdlValidation());
        EdifactMessageReader reader = settings.daffodilOnly() ? daffodil
                : new DirectEdifactReader(catalog.edifactTypes(), structures, daffodil);
        XmlFrontDoor frontDoor = new XmlFrontDoor(saxon, settings.xmlLimits());
        StylesheetRunner runner = new StylesheetRunner(saxon, CanonicalSchema::load, frontDoor);
        LOG.info("Translation engine ready: {} mappings (compiled on first use), EDIFACT reader {}, in {} ms", catalog.all().size(),
                settings.daffodilOnly() ? "daffodil" : "direct", (System.nanoTime() - t0) / 1_000_000);
        return new TranslationEngine(settings, catalog, reader, frontDoor, runner, structures);
    }

    /**
     * Prepares now what {@link #start} left to first use: the canonical schema, the EDIFACT segment layouts (and the
     * Daffodil fallback if {@code gateway.edifact.fallback.warmup=background}), every mapping's stylesheet and
     * schema. Messages translated meanwhile are correct: each waits only for what it needs. {@code done} sees each
     * mapping folder's name and its failure (null when it compiled). Returns the failures, each naming the folder
     * and the reason; an interrupted thread stops between folders.
     */
    public List<String> compileAll(java.util.function.BiConsumer<String, String> done) {
        long t0 = System.nanoTime();
        runner.canonical();
        reader.warmUp();
        List<String> failures = catalog.compileAll(done);
        LOG.info("Translation engine compiled: {} mappings, {} failed, in {} ms", catalog.all().size(), failures.size(),
                (System.nanoTime() - t0) / 1_000_000);
        return failures;
    }

    /** The Saxon processor of the mappings: canonical trees ({@link TranslatedDocument#tree()}) belong to it. */
    public Processor saxon() {
        return runner.saxon();
    }

    /** The EDIFACT reader in use (tests compare the readers through it). */
    EdifactMessageReader edifactReader() {
        return reader;
    }

    public MappingCatalog catalog() {
        return catalog;
    }

    /**
     * Translates one file's content; {@code source} names it in results and logs.
     *
     * @throws MappingUnavailableException when a mapping the file needs does not compile (not the file's fault)
     */
    public TranslationResult translate(String source, byte[] content) {
        return translate(source, content, null);
    }

    /**
     * As {@link #translate(String, byte[])} for a partner whose UNOA/UNOB/UNOC interchanges are in {@code agreed}
     * (Big5-HKSCS; null for none). XML declares its own encoding and is read by it.
     */
    public TranslationResult translate(String source, byte[] content, java.nio.charset.Charset agreed) {
        try {
            if (looksLikeXml(content)) {
                return new XmlTranslation(catalog, frontDoor, runner).translate(source, content);
            }
            EdifactTranslation edifact = new EdifactTranslation(catalog, reader, runner, structures);
            new EnvelopeScanner(settings.allowUnicodeUnderSyntax3(), agreed)
                    .scan(new ByteArrayInputStream(content), edifact);
            return edifact.result(source);
        } catch (MappingUnavailableException e) {
            throw e; // the gateway's fault, not the file's: never answered as a refusal
        } catch (IOException | RuntimeException e) {
            // Never a stack trace to the user; the log keeps it for us.
            LOG.error("Unexpected failure translating {}", source, e);
            List<LocatedError> errors = new ArrayList<>();
            errors.add(LocatedError.interchange(null, 0, null, 0, 0, null,
                    "the file could not be processed: " + e.getMessage(), null));
            return new TranslationResult(source, List.of(), errors, List.of());
        }
    }

    /**
     * Streams an EDIFACT file: each message's outcome goes to {@code sink} as soon as it is translated, before the
     * interchange's UNZ has been checked (the returned summaries say whether each interchange was sound). Memory is
     * bounded by the largest message. Unexpected failures are thrown.
     */
    public List<hk.tsw.gateway.translate.edifact.InterchangeSummary> translateStreaming(String source, java.io.InputStream in,
            java.util.function.Consumer<MessageOutcome> sink) throws IOException {
        return translateStreaming(source, in, null, sink, null);
    }

    /**
     * As {@link #translateStreaming(String, java.io.InputStream, java.util.function.Consumer)} for a partner whose
     * UNOA/UNOB/UNOC interchanges are in {@code agreed} (null for none), telling {@code ends} (may be null) of each
     * interchange's end as soon as it is read, so a caller can settle that interchange's messages then.
     */
    public List<hk.tsw.gateway.translate.edifact.InterchangeSummary> translateStreaming(String source, java.io.InputStream in,
            java.nio.charset.Charset agreed, java.util.function.Consumer<MessageOutcome> sink,
            java.util.function.Consumer<hk.tsw.gateway.translate.edifact.InterchangeSummary> ends) throws IOException {
        EdifactTranslation edifact = new EdifactTranslation(catalog, reader, runner, structures, sink, ends);
        new EnvelopeScanner(settings.allowUnicodeUnderSyntax3(), agreed).scan(in, edifact);
        return edifact.result(source).interchanges();
    }

    /**
     * The envelope check alone of an EDIFACT stream (UNB/UNG/UNH/UNT/UNE/UNZ, counts and references), without
     * translating any message: what {@link #translateStreaming} would say of each interchange, in a fraction of its
     * time. {@code messages} (may be null) sees each message as the envelope scanner reads it.
     */
    public List<hk.tsw.gateway.translate.edifact.InterchangeSummary> envelopes(java.io.InputStream in,
            java.nio.charset.Charset agreed, EnvelopeScanner.Listener messages) throws IOException {
        List<hk.tsw.gateway.translate.edifact.InterchangeSummary> summaries = new ArrayList<>();
        new EnvelopeScanner(settings.allowUnicodeUnderSyntax3(), agreed).scan(in, new EnvelopeScanner.Listener() {
            @Override
            public void message(hk.tsw.gateway.translate.edifact.EdifactMessage message) {
                if (messages != null) {
                    messages.message(message);
                }
            }

            @Override
            public void interchangeEnded(hk.tsw.gateway.translate.edifact.InterchangeSummary summary) {
                summaries.add(summary);
                if (messages != null) {
                    messages.interchangeEnded(summary);
                }
            }
        });
        return summaries;
    }

    private static boolean looksLikeXml(byte[] content) {
        int i = 0;
        if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < content.length && Character.isWhitespace(content[i])) {
            i++;
        }
        return i < content.length && content[i] == '<';
    }

    @Override
    public void close() {
        reader.close();
    }
}
