package hk.tsw.gateway.translate.mapping;

import hk.tsw.gateway.settings.KnownSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.MessageStructure;
import hk.tsw.gateway.translate.edifact.MessageStructures;
import hk.tsw.gateway.translate.mapping.direct.DirectInfoset;
import hk.tsw.gateway.translate.mapping.direct.NotDirect;
import hk.tsw.gateway.translate.mapping.direct.SegmentLayouts;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XdmNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * The fast EDIFACT reader: builds the tree the mappings read (the Smooks/Daffodil infoset, same names, namespaces
 * and segment groups) straight from the envelope scanner's tokenised segments, as a Saxon tree, with no
 * re-serialisation and no DFDL parse. Segment groups come from the directory's segment table and element names
 * from its segment schema, both read from the same DFDL files Daffodil uses.
 *
 * <p>A message with a construct the direct reader is not proven to render exactly as Daffodil does is read by
 * Daffodil instead, and a log line says why ({@link NotDirect}): the output never silently differs. The Daffodil
 * reader is prepared when the first such message comes ({@code lazy}, the default: it costs tens of CPU-seconds that
 * a two-core node would otherwise spend beside its first minute of traffic), or at start in a background thread
 * ({@code background}).
 */
public final class DirectEdifactReader implements EdifactMessageReader {

    private static final Logger LOG = LoggerFactory.getLogger(DirectEdifactReader.class);

    /** {@code lazy} (default): prepare Daffodil on first use; {@code background}: at start, in a background thread. */
    public static final String FALLBACK_WARMUP_PROPERTY = "gateway.edifact.fallback.warmup";

    private final MessageStructures structures;
    private final EdifactMessageReader fallback;
    private final Collection<String> directories;
    private final Map<String, Optional<SegmentLayouts>> layouts = new ConcurrentHashMap<>();

    /**
     * @param messageTypes pairs of directory version and message type the mappings declare
     * @param fallback     the Daffodil reader, for messages the direct reader does not take
     */
    public DirectEdifactReader(Collection<Map.Entry<String, String>> messageTypes, MessageStructures structures,
                               EdifactMessageReader fallback) {
        this.structures = structures;
        this.fallback = fallback;
        this.directories = new TreeSet<>(messageTypes.stream().map(e -> e.getKey().toUpperCase()).toList());
    }

    @Override
    public void warmUp() {
        for (String directory : directories) {
            layouts(directory);
        }
        if (!"background".equalsIgnoreCase(System.getProperty(FALLBACK_WARMUP_PROPERTY,
                KnownSettings.defaultOf(FALLBACK_WARMUP_PROPERTY)))) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                fallback.warmUp();
            } catch (RuntimeException e) {
                LOG.warn("The Daffodil fallback reader could not be prepared: {}", e.toString());
            }
        }, "daffodil-fallback-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** Byte input (tools): read by Daffodil, the direct reader works from tokenised segments only. */
    @Override
    public Document read(String directory, byte[] interchange) throws MessageReadException {
        return fallback.read(directory, interchange);
    }

    @Override
    public XdmNode read(EdifactMessage m, DocumentBuilder saxon) throws MessageReadException {
        Optional<MessageStructure> structure = structures.get(m.directory(), m.type());
        Optional<SegmentLayouts> segments = layouts(m.directory());
        if (structure.isPresent() && segments.isPresent()) {
            try {
                return DirectInfoset.saxon(m, structure.get(), segments.get(), saxon);
            } catch (NotDirect e) {
                declined(m, e);
            }
        }
        return fallback.read(m, saxon);
    }

    /** The engine's path: the same tree, built straight into a tiny tree of {@code saxon} (no stream writer). */
    @Override
    public XdmNode read(EdifactMessage m, Processor saxon) throws MessageReadException {
        Optional<MessageStructure> structure = structures.get(m.directory(), m.type());
        Optional<SegmentLayouts> segments = layouts(m.directory());
        if (structure.isPresent() && segments.isPresent()) {
            try {
                return DirectInfoset.tiny(m, structure.get(), segments.get(), saxon.getUnderlyingConfiguration());
            } catch (NotDirect e) {
                declined(m, e);
            }
        }
        return fallback.read(m, saxon.newDocumentBuilder());
    }

    private static void declined(EdifactMessage m, NotDirect e) {
        LOG.info("Message {} of interchange {} read by Daffodil: {}", m.reference(),
                m.interchange().controlReference(), e.getMessage());
    }

    /** The direct tree as a DOM, for comparison with Daffodil's; throws when the message would fall back. */
    public Document readDom(EdifactMessage m) throws NotDirect {
        MessageStructure structure = structures.get(m.directory(), m.type())
                .orElseThrow(() -> new NotDirect("no segment table for " + m.type() + " " + m.directory()));
        SegmentLayouts segments = layouts(m.directory())
                .orElseThrow(() -> new NotDirect("no segment layouts for " + m.directory()));
        return DirectInfoset.dom(m, structure, segments);
    }

    private Optional<SegmentLayouts> layouts(String directory) {
        return layouts.computeIfAbsent(directory.toUpperCase(), d -> {
            try {
                return Optional.ofNullable(SegmentLayouts.load(d));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() {
        fallback.close();
    }
}
