package hk.tsw.gateway.translate.mapping;

import hk.tsw.gateway.store.FileNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.ElementValidator;
import hk.tsw.gateway.translate.edifact.EnvelopeScanner;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.edifact.MessageStructures;
import hk.tsw.gateway.translate.edifact.StructureValidator;
import hk.tsw.gateway.translate.edifact.Segment;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;

/**
 * Translates the messages of one EDIFACT file as the envelope scanner hands them over. A message is translated only
 * if its own envelope is sound; the results of an interchange are released only when its UNZ proves it complete.
 */
final class EdifactTranslation implements EnvelopeScanner.Listener {

    private final MappingCatalog catalog;
    private final EdifactMessageReader reader;
    private final StylesheetRunner runner;
    private final MessageStructures structures;
    private final List<MessageOutcome> done = new ArrayList<>();
    private final List<MessageOutcome> pending = new ArrayList<>();
    private final List<LocatedError> fileErrors = new ArrayList<>();
    private final List<InterchangeSummary> interchanges = new ArrayList<>();

    private final java.util.function.Consumer<MessageOutcome> sink;
    private final java.util.function.Consumer<InterchangeSummary> ends;

    EdifactTranslation(MappingCatalog catalog, EdifactMessageReader reader, StylesheetRunner runner,
                       MessageStructures structures) {
        this(catalog, reader, runner, structures, null);
    }

    /**
     * With a {@code sink}, each message's outcome goes there as soon as it is translated (before its interchange's
     * UNZ is seen) and nothing is kept: memory is bounded by the largest message, not the file.
     */
    EdifactTranslation(MappingCatalog catalog, EdifactMessageReader reader, StylesheetRunner runner,
                       MessageStructures structures, java.util.function.Consumer<MessageOutcome> sink) {
        this(catalog, reader, runner, structures, sink, null);
    }

    /** As above, and each interchange's summary goes to {@code ends} when its UNZ (or the end of data) is read. */
    EdifactTranslation(MappingCatalog catalog, EdifactMessageReader reader, StylesheetRunner runner,
                       MessageStructures structures, java.util.function.Consumer<MessageOutcome> sink,
                       java.util.function.Consumer<InterchangeSummary> ends) {
        this.sink = sink;
        this.ends = ends;
        this.catalog = catalog;
        this.reader = reader;
        this.runner = runner;
        this.structures = structures;
    }

    @Override
    public void message(EdifactMessage m) {
        String iref = m.interchange().controlReference();
        MessageOutcome outcome = m.accepted() ? translate(m)
                : new MessageOutcome(iref, m.reference(), null, m.errors(), false, m);
        if (sink != null) {
            sink.accept(outcome);
        } else {
            pending.add(outcome);
        }
    }

    @Override
    public void interchangeEnded(InterchangeSummary summary) {
        interchanges.add(summary);
        if (summary.accepted()) {
            done.addAll(pending);
        } else {
            fileErrors.addAll(summary.errors());
            pending.forEach(o -> done.add(o.rejectWithInterchange()));
        }
        pending.clear();
        if (ends != null) {
            ends.accept(summary);
        }
    }

    TranslationResult result(String source) {
        return new TranslationResult(source, List.copyOf(done), List.copyOf(fileErrors), List.copyOf(interchanges));
    }

    private MessageOutcome translate(EdifactMessage m) {
        String iref = m.interchange().controlReference();
        Segment unh = m.segments().get(0);
        Optional<Mapping> mapping = catalog.edifact(m.type(), m.directory());
        if (mapping.isEmpty()) {
            return reject(m, LocatedError.message(iref, m.reference(), unh.number(), "UNH", 2, 1,
                    m.type() + ":" + m.version() + ":" + m.release(), "the gateway has no mapping for " + m.type()
                            + " " + m.directory() + " (supported: " + supported() + ")", "17"));
        }
        // The segment table first: it locates errors precisely and enforces occurrences that Daffodil (validation
        // off) lets through.
        List<LocatedError> structural = structures.get(m.directory(), m.type())
                .map(s -> StructureValidator.check(m, s)).orElse(List.of());
        if (!structural.isEmpty()) {
            return new MessageOutcome(iref, m.reference(), null, structural, false, m);
        }
        // Then the data elements: lengths, character types and mandatory ones, which Daffodil only checks when its
        // validation is on.
        List<LocatedError> elements = structures.segments(m.directory())
                .map(d -> ElementValidator.check(m, d)).orElse(List.of());
        if (!elements.isEmpty()) {
            return new MessageOutcome(iref, m.reference(), null, elements, false, m);
        }
        try {
            XdmNode input = reader.read(m, runner.saxon());
            StylesheetRunner.Output out = runner.run(mapping.get(), input);
            if (out.xml() != null) {
                String name = safe(iref) + "-" + safe(m.reference()) + ".xml";
                return new MessageOutcome(iref, m.reference(), new TranslatedDocument(name, out.documentType(),
                        out.functionalReference(), mapping.get().name(), out.xml(), out.tree(), mapping.get().locate()),
                        List.of(), false, m);
            }
            List<LocatedError> errors = new ArrayList<>();
            for (StylesheetRunner.Problem p : out.problems()) {
                Segment s = nth(m, p.segment(), p.occurrence());
                errors.add(LocatedError.message(iref, m.reference(), s == null ? unh.number() : s.number(),
                        s == null ? p.segment() : s.tag(), p.element(), p.component(), p.value(), p.reason(), null));
            }
            for (String invalid : out.invalid()) {
                errors.add(LocatedError.message(iref, m.reference(), unh.number(), "UNH", 0, 0, null,
                        "mapping " + mapping.get().name() + " produced an invalid canonical document: " + invalid, null));
            }
            return new MessageOutcome(iref, m.reference(), null, errors, false, m);
        } catch (EdifactMessageReader.MessageReadException e) {
            return reject(m, LocatedError.message(iref, m.reference(), unh.number(), "UNH", 0, 0, null,
                    e.getMessage() + " (" + m.type() + " " + m.directory() + ")", null));
        } catch (SaxonApiException e) {
            return reject(m, LocatedError.message(iref, m.reference(), unh.number(), "UNH", 0, 0, null,
                    "mapping " + mapping.get().name() + " failed: " + e.getMessage(), null));
        }
    }

    private static Segment nth(EdifactMessage m, String tag, int occurrence) {
        if (tag == null) {
            return null;
        }
        int seen = 0;
        for (Segment s : m.segments()) {
            if (s.tag().equals(tag) && ++seen == Math.max(1, occurrence)) {
                return s;
            }
        }
        return null;
    }

    private MessageOutcome reject(EdifactMessage m, LocatedError error) {
        return new MessageOutcome(m.interchange().controlReference(), m.reference(), null, List.of(error), false, m);
    }

    private String supported() {
        return String.join(", ", catalog.edifactTypes().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }

    static String safe(String s) {
        return FileNames.safe(s);
    }
}
