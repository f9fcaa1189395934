package hk.tsw.gateway.translate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.translate.canonical.CanonicalFacts;
import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.edifact.InterchangeHeaders;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.translate.mapping.EngineSettings;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.translate.mapping.TranslationEngine;
import hk.tsw.gateway.translate.mapping.TranslationResult;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.translate.rules.BusinessRules;
import hk.tsw.gateway.translate.rules.RuleFailure;

/**
 * The one checker behind {@code validate}, {@code preflight}, {@code POST /api/validate} and the live pipeline, so
 * they always agree: syntax and mapping by the translation engine, then the business rules of
 * {@code mappings/rules/<DOCUMENT_TYPE>/} on every document the engine accepted. It stores and forwards nothing.
 */
public final class SubmissionChecker implements AutoCloseable {

    /** The engine's result plus the rule failures of each accepted message (all collected, not just the first). */
    public record Checked(TranslationResult translation, Map<MessageOutcome, List<RuleFailure>> failures) {

        public List<RuleFailure> failures(MessageOutcome m) {
            return failures.getOrDefault(m, List.of());
        }

        /** Accepted by syntax, mapping and business rules. */
        public boolean accepted(MessageOutcome m) {
            return m.accepted() && failures(m).isEmpty();
        }

        public boolean allAccepted() {
            return translation.allAccepted() && translation.messages().stream().allMatch(this::accepted);
        }
    }

    private final TranslationEngine engine;
    private final BusinessRules rules;
    private final PartnerChecks partnerChecks = new PartnerChecks();
    private final Destinations routing;

    public SubmissionChecker(TranslationEngine engine, BusinessRules rules) {
        this(engine, rules, null);
    }

    /**
     * With {@code routing}, a document that no rule of {@code config/routing.xml} sends to any agency fails like a
     * business rule ({@value #NO_ROUTE}, located at its document type), so the sender is told, never answered
     * "accepted" for a document nobody receives.
     */
    public SubmissionChecker(TranslationEngine engine, BusinessRules rules, Destinations routing) {
        this.engine = engine;
        this.rules = rules;
        this.routing = routing;
    }

    /** The rule id of "no agency receives this document". */
    public static final String NO_ROUTE = "RTE-001";

    /** Starts the engine and loads the rules from {@code <mappings>/rules}. */
    public static SubmissionChecker start(EngineSettings settings) throws IOException {
        TranslationEngine engine = TranslationEngine.start(settings);
        try {
            return new SubmissionChecker(engine, BusinessRules.load(settings.mappingsDir().resolve("rules"), engine.saxon()));
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    public Checked check(String source, byte[] content) {
        return check(source, content, null);
    }

    /**
     * As {@link #check(String, byte[])}, plus what {@code partner} (may be null) is allowed: an interchange from a
     * sender id that is not the partner's is rejected whole (nothing of it is translated); documents of a type the
     * partner may not lodge, or XML from another submitter, fail like business rules.
     */
    public Checked check(String source, byte[] content, Partner partner) {
        if (partner != null) {
            LocatedError senderError = InterchangeHeaders.peek(content).map(h -> partnerChecks.sender(partner, h))
                    .orElse(null);
            if (senderError != null) {
                TranslationResult r = engine.translate(source, content, agreed(partner));
                List<LocatedError> fileErrors = new ArrayList<>(r.fileErrors());
                fileErrors.add(0, senderError);
                List<MessageOutcome> messages = r.messages().stream().map(m -> new MessageOutcome(m.interchangeRef(),
                        m.messageRef(), null, m.errors(), true, m.edifact())).toList();
                List<InterchangeSummary> interchanges = r.interchanges().stream().map(i -> new InterchangeSummary(
                        i.header(), i.messageCount(), i.groupCount(), i.segmentCount(), withFirst(senderError, i.errors())))
                        .toList();
                return new Checked(advised(new TranslationResult(r.source(), messages, fileErrors, interchanges)), Map.of());
            }
        }
        TranslationResult r = advised(engine.translate(source, content, agreed(partner)));
        Map<MessageOutcome, List<RuleFailure>> failures = new IdentityHashMap<>();
        for (MessageOutcome m : r.messages()) {
            List<RuleFailure> f = failuresOf(m, partner);
            if (!f.isEmpty()) {
                failures.put(m, f);
            }
        }
        return new Checked(r, failures);
    }

    /** The partner, rule and routing failures of one message the engine accepted; empty for the others. */
    private List<RuleFailure> failuresOf(MessageOutcome m, Partner partner) {
        if (!m.accepted()) {
            return List.of();
        }
        List<RuleFailure> f = new ArrayList<>();
        if (partner != null) {
            f.addAll(partnerChecks.document(partner, m));
        }
        f.addAll(rules.check(m.document().documentType(), m.document().tree(), m.document().xml()));
        if (routing != null) {
            CanonicalFacts facts = CanonicalFacts.of(m.document().tree(), m.document().xml());
            if (routing.agenciesFor(facts).isEmpty()) {
                f.add(new RuleFailure(NO_ROUTE, facts.lpcoType() == null ? "/TradeDocument/Header/DocumentType"
                        : "/TradeDocument/LPCOApplication/TypeCode",
                        facts.lpcoType() == null ? facts.documentType() : facts.lpcoType(),
                        "No agency receives " + facts.documentType() + (facts.lpcoType() == null ? ""
                        : " of LPCO type " + facts.lpcoType()) + " documents: config/routing.xml has no rule"
                        + " that matches this document, so it cannot be accepted"));
            }
        }
        return f.stream().map(rules.advice()::advise).toList();
    }

    /** Every located error of {@code r} with what to do about it ({@link hk.tsw.gateway.translate.rules.ClerkAdvice}). */
    private TranslationResult advised(TranslationResult r) {
        List<MessageOutcome> messages = r.messages().stream().map(this::advised).toList();
        List<InterchangeSummary> interchanges = r.interchanges().stream().map(this::advised).toList();
        return new TranslationResult(r.source(), messages, advised(r.fileErrors()), interchanges);
    }

    private MessageOutcome advised(MessageOutcome m) {
        return m.errors().isEmpty() ? m : new MessageOutcome(m.interchangeRef(), m.messageRef(), m.document(),
                advised(m.errors()), m.rejectedWithInterchange(), m.edifact());
    }

    private InterchangeSummary advised(InterchangeSummary i) {
        return i.errors().isEmpty() ? i : new InterchangeSummary(i.header(), i.messageCount(), i.groupCount(),
                i.segmentCount(), advised(i.errors()));
    }

    private List<LocatedError> advised(List<LocatedError> errors) {
        return errors.stream().map(rules.advice()::advise).toList();
    }

    /** One message of a streamed check: the engine's outcome and its rule failures. */
    public record Streamed(MessageOutcome outcome, List<RuleFailure> failures) {

        /** Accepted by syntax, mapping and business rules (its interchange's UNZ still to be seen). */
        public boolean accepted() {
            return outcome.accepted() && failures.isEmpty();
        }
    }

    /**
     * The checks of {@link #check(String, byte[], Partner)} on an EDIFACT stream, for files too large to hold: each
     * message goes to {@code sink} with its rule failures as soon as it is checked, and each interchange's summary
     * to {@code ends} when its UNZ is read (a message is finally accepted only if its interchange is too). Nothing is
     * kept, so memory is bounded by the largest message. An interchange from a sender id that is not
     * {@code partner}'s is refused whole: its summary carries the error and none of it is translated.
     *
     * @throws IOException on a read failure, and for any unexpected failure of the engine
     */
    public List<InterchangeSummary> checkStreaming(String source, java.io.InputStream in, Partner partner,
            java.util.function.Consumer<Streamed> sink, java.util.function.Consumer<InterchangeSummary> ends)
            throws IOException {
        java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(in, 1 << 16);
        if (partner != null) {
            buffered.mark(1 << 16);
            byte[] head = buffered.readNBytes(1 << 16);
            buffered.reset();
            InterchangeHeader header = InterchangeHeaders.peek(head).orElse(null);
            LocatedError senderError = header == null ? null : partnerChecks.sender(partner, header);
            if (senderError != null) {
                InterchangeSummary refused = advised(new InterchangeSummary(header, 0, 0, 0, List.of(senderError)));
                ends.accept(refused);
                return List.of(refused);
            }
        }
        return engine.translateStreaming(source, buffered, agreed(partner),
                m -> sink.accept(new Streamed(advised(m), failuresOf(m, partner))), s -> ends.accept(advised(s)));
    }

    /** What the envelopes of a file decide before any message is translated: each interchange and the file's errors. */
    public record Envelopes(List<InterchangeSummary> interchanges, List<LocatedError> fileErrors) {

        /** Whether every interchange of the file is sound (its messages may still be rejected one by one). */
        public boolean allAccepted() {
            return fileErrors.isEmpty() && interchanges.stream().allMatch(InterchangeSummary::accepted);
        }
    }

    /**
     * The interchange-level verdict of {@link #check(String, byte[], Partner)} on an EDIFACT stream, from its envelopes
     * alone (nothing is translated): the same summaries and file errors as that check, an interchange from a sender
     * id that is not {@code partner}'s refused whole. {@code messages} (may be null) sees each message as read, so
     * a caller can list the messages of a refused interchange without translating them.
     */
    public Envelopes envelopes(java.io.InputStream in, Partner partner,
            hk.tsw.gateway.translate.edifact.EnvelopeScanner.Listener messages) throws IOException {
        java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(in, 1 << 16);
        LocatedError senderError = null;
        if (partner != null) {
            buffered.mark(1 << 16);
            byte[] head = buffered.readNBytes(1 << 16);
            buffered.reset();
            senderError = InterchangeHeaders.peek(head).map(h -> partnerChecks.sender(partner, h)).orElse(null);
        }
        List<InterchangeSummary> raw = engine.envelopes(buffered, agreed(partner), messages);
        List<LocatedError> fileErrors = new ArrayList<>();
        List<InterchangeSummary> interchanges = new ArrayList<>();
        if (senderError != null) {
            fileErrors.add(senderError);
        }
        for (InterchangeSummary i : raw) {
            if (!i.accepted()) {
                fileErrors.addAll(i.errors());
            }
            interchanges.add(senderError == null ? i : new InterchangeSummary(i.header(), i.messageCount(),
                    i.groupCount(), i.segmentCount(), withFirst(senderError, i.errors())));
        }
        return new Envelopes(interchanges.stream().map(this::advised).toList(), advised(fileErrors));
    }

    private static java.nio.charset.Charset agreed(Partner partner) {
        return partner == null ? null : partner.agreedEncoding().orElse(null);
    }

    private static List<LocatedError> withFirst(LocatedError first, List<LocatedError> rest) {
        List<LocatedError> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    public BusinessRules rules() {
        return rules;
    }

    @Override
    public void close() {
        engine.close();
    }
}
