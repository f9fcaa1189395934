package hk.tsw.gateway.route;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import hk.tsw.gateway.ledger.LicenceWriteOffs;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.EnvelopeScanner;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.translate.mapping.TranslatedDocument;
import hk.tsw.gateway.translate.mapping.TranslationResult;
import hk.tsw.gateway.translate.rules.RuleFailure;

/**
 * An EDIFACT interchange through the route stage without holding the file or its documents: the stored file is read
 * twice as a stream. The first pass checks the envelopes only (UNB to UNZ, counts and references, the sender), so
 * the interchange-level verdict is known before anything is recorded; the second translates each message and records
 * it at once, in transactions of {@code batch} messages, while the messages of a refused interchange are recorded
 * as rejected with it (nothing refused ever gets a delivery). The last chunk (for an interchange of at most {@code
 * batch} messages, the usual case, the only one) commits together with what the caller writes of the outcome (the
 * answers and the end state): one commit for the whole interchange. What stays in memory until the answer is written
 * is a light outcome per message (its references and UNH, for the CONTRL) and the answer's lines; a message with rule
 * failures keeps its whole outcome, for its APERAK.
 *
 * <p>Grouped (inside the store unit of a route batch's group commit, {@link GroupCommit}), an interchange must not
 * commit a chunk: that commit would join the group's and the group would hold the whole file's rows until its end,
 * breaking the memory bound above. So a grouped interchange that reaches a second chunk throws {@link
 * TooLargeForGroup} instead, before anything of it is committed; the group rolls back and its batch is processed one
 * interchange per unit, this one exactly as ungrouped.
 */
final class StreamedInterchange {

    /** What the interchange came to: the light check result for the answers, the answer lines, the counts. */
    record Outcome(SubmissionChecker.Checked checked, List<String> answer, int accepted, int rejected) {
    }

    private final SubmissionChecker checker;
    private final MessageStore store;
    private final DocumentRecorder recorder;
    private final LicenceWriteOffs licences;
    private final int batch;

    StreamedInterchange(SubmissionChecker checker, MessageStore store, DocumentRecorder recorder,
                        LicenceWriteOffs licences, int batch) {
        this.checker = checker;
        this.store = store;
        this.recorder = recorder;
        this.licences = licences;
        this.batch = Math.max(1, batch);
    }

    /**
     * Records the interchange's messages and hands its outcome to {@code last}, which runs in the transaction of the
     * last chunk (its writes commit with it, all or nothing); returns what {@code last} returned, once committed.
     * {@code grouped}: inside a group's unit, where more than one chunk throws {@link TooLargeForGroup}.
     */
    <T> T process(MessageStore.StoredInterchange ic, Partner partner, boolean grouped, Function<Outcome, T> last) {
        Run run = new Run(ic, partner, grouped);
        try {
            run.go();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read interchange " + ic.id(), e);
        }
        return store.inOneTransaction(() -> {
            run.flush();
            TranslationResult result = new TranslationResult(ic.fileName(), run.outcomes, run.envelopes.fileErrors(),
                    run.envelopes.interchanges());
            List<String> answer = new ArrayList<>(run.fileLines);
            answer.addAll(run.notes);
            answer.addAll(run.lines);
            return last.apply(new Outcome(new SubmissionChecker.Checked(result, run.failures), answer, run.accepted,
                    run.rejected));
        });
    }

    /** One interchange's pass through the stage. */
    private final class Run {
        private final MessageStore.StoredInterchange ic;
        private final Partner partner;
        private final boolean grouped;
        private final List<MessageOutcome> outcomes = new ArrayList<>();
        private final Map<MessageOutcome, List<RuleFailure>> failures = new IdentityHashMap<>();
        private final List<String> fileLines = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> lines = new ArrayList<>();
        private final List<MessageOutcome> pending = new ArrayList<>();
        private final Map<MessageOutcome, List<RuleFailure>> pendingFailures = new IdentityHashMap<>();
        private SubmissionChecker.Envelopes envelopes;
        private int accepted;
        private int rejected;
        private int interchange;
        /** The interchange-level errors, recorded with the first chunk; null once recorded (or if none). */
        private List<String> fileErrors;

        Run(MessageStore.StoredInterchange ic, Partner partner, boolean grouped) {
            this.ic = ic;
            this.partner = partner;
            this.grouped = grouped;
        }

        /** Reads the interchange, committing each full chunk; the last one is left pending for the caller. */
        void go() throws IOException {
            List<MessageOutcome> refused = new ArrayList<>();
            try (InputStream in = store.rawStream(ic)) {
                envelopes = checker.envelopes(in, partner, new RefusedMessages(refused));
            }
            if (!envelopes.fileErrors().isEmpty()) {
                fileErrors = envelopes.fileErrors().stream().map(LocatedError::format).toList();
                fileErrors.forEach(l -> fileLines.add("REJECTED " + l));
                rejected++;
            }
            if (envelopes.interchanges().stream().noneMatch(InterchangeSummary::accepted)) {
                // nothing to translate: every message is rejected with its interchange
                for (MessageOutcome m : refused) {
                    add(m, List.of());
                }
                return;
            }
            List<InterchangeSummary> seen;
            try (InputStream in = store.rawStream(ic)) {
                seen = checker.checkStreaming(ic.fileName(), in, partner, this::message, s -> interchange++);
            }
            if (seen.size() != envelopes.interchanges().size()) {
                throw new IllegalStateException("interchange " + ic.id() + " read differently on its second pass");
            }
        }

        private void message(SubmissionChecker.Streamed s) {
            boolean sound = interchange < envelopes.interchanges().size()
                    && envelopes.interchanges().get(interchange).accepted();
            if (sound) {
                add(s.outcome(), s.failures());
            } else {
                MessageOutcome m = s.outcome();
                add(new MessageOutcome(m.interchangeRef(), m.messageRef(), null, m.errors(), true,
                        light(m.edifact())), List.of());
            }
        }

        /** Holds the message; a full chunk is committed first, so that at most {@code batch} are ever pending. */
        private void add(MessageOutcome m, List<RuleFailure> f) {
            if (pending.size() >= batch) {
                if (grouped) {
                    throw new TooLargeForGroup(ic.id(), batch);
                }
                store.inOneTransaction(() -> {
                    flush();
                    return null;
                });
            }
            pending.add(m);
            if (!f.isEmpty()) {
                pendingFailures.put(m, f);
            }
        }

        /**
         * Records the pending messages (and the interchange-level errors, with the first chunk) with their licence
         * write-offs, in the caller's transaction, and keeps them light.
         */
        private void flush() {
            if (fileErrors != null) {
                store.rejected(ic.id(), null, fileErrors);
                fileErrors = null;
            }
            if (pending.isEmpty()) {
                return;
            }
            SubmissionChecker.Checked chunk = new SubmissionChecker.Checked(new TranslationResult(ic.fileName(),
                    List.copyOf(pending), List.of(), List.of()), new IdentityHashMap<>(pendingFailures));
            SubmissionChecker.Checked withLedger = licences == null ? chunk
                    : licences.apply(partner.id(), ic.id(), chunk, notes);
            int[] counts = recorder.record(ic.id(), withLedger, lines);
            accepted += counts[0];
            rejected += counts[1];
            for (MessageOutcome m : pending) {
                List<RuleFailure> f = withLedger.failures(m);
                if (f.isEmpty()) {
                    outcomes.add(light(m));
                } else {
                    outcomes.add(m); // its APERAK locates the failures in its segments and document
                    failures.put(m, f);
                }
            }
            pending.clear();
            pendingFailures.clear();
        }
    }

    /** A grouped interchange of more than one chunk: it goes alone (the group rolls back, nothing of it committed). */
    static final class TooLargeForGroup extends RuntimeException {
        TooLargeForGroup(long interchangeId, int batch) {
            super("interchange " + interchangeId + " has more than " + batch + " messages: processed in its own units",
                    null, false, false);
        }
    }

    /** Collects, from the envelope pass, the messages of interchanges that turn out refused (light). */
    private static final class RefusedMessages implements EnvelopeScanner.Listener {
        private final List<MessageOutcome> refused;
        private final List<MessageOutcome> current = new ArrayList<>();

        RefusedMessages(List<MessageOutcome> refused) {
            this.refused = refused;
        }

        @Override
        public void message(EdifactMessage m) {
            current.add(new MessageOutcome(m.interchange().controlReference(), m.reference(), null, m.errors(), true,
                    light(m)));
        }

        @Override
        public void interchangeEnded(InterchangeSummary summary) {
            if (!summary.accepted()) {
                refused.addAll(current);
            }
            current.clear();
        }
    }

    /** The outcome without what the answers do not need of an accepted message (its document, all but its UNH). */
    static MessageOutcome light(MessageOutcome m) {
        if (!m.accepted()) {
            return m.rejectedWithInterchange() ? m : new MessageOutcome(m.interchangeRef(), m.messageRef(), null,
                    m.errors(), false, m.edifact());
        }
        TranslatedDocument d = m.document();
        return new MessageOutcome(m.interchangeRef(), m.messageRef(), new TranslatedDocument(d.outputName(),
                d.documentType(), d.functionalReference(), d.mappingName(), new byte[0], null, Map.of()),
                m.errors(), false, light(m.edifact()));
    }

    private static EdifactMessage light(EdifactMessage e) {
        return e == null ? null : new EdifactMessage(e.interchange(), e.groupReference(), e.reference(), e.type(),
                e.version(), e.release(), e.agency(), e.associationCode(),
                e.segments().isEmpty() ? List.of() : List.of(e.segments().get(0)), e.errors());
    }
}
