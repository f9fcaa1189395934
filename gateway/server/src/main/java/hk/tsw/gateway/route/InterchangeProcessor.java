package hk.tsw.gateway.route;

import hk.tsw.gateway.store.InterchangeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import hk.tsw.gateway.answer.Acknowledgements;
import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.edifact.InterchangeHeaders;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.mapping.TranslationResult;
import hk.tsw.gateway.ledger.LicenceWriteOffs;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The translate-and-route stage for one received interchange: authorise the declared sender against the
 * partner who sent the file, translate, record each document or rejection, decide its agencies, answer the sender.
 * Every write is idempotent, so running it again for the same interchange (a redelivery after a crash) changes
 * nothing already done and leaves the same pending deliveries.
 */
public final class InterchangeProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(InterchangeProcessor.class);

    private final SubmissionChecker checker;
    private final Acknowledgements acks;
    private final MessageStore store;
    private final PartnerRegistry partners;
    private final PartnerReplies replies;
    private final LicenceWriteOffs licences;
    private final DocumentRecorder recorder;
    private final StreamedInterchange streamed;

    public InterchangeProcessor(SubmissionChecker checker, Acknowledgements acks, MessageStore store,
                                PartnerRegistry partners, RoutingTable routing, PartnerReplies replies) {
        this(checker, acks, store, partners, routing, replies, null, DEFAULT_BATCH);
    }

    /** Messages recorded per store transaction on the streaming path, unless set. */
    public static final int DEFAULT_BATCH = 200;

    /** With {@code licences} (may be null), declarations citing licences are checked and written off. */
    public InterchangeProcessor(SubmissionChecker checker, Acknowledgements acks, MessageStore store,
                                PartnerRegistry partners, RoutingTable routing, PartnerReplies replies,
                                LicenceWriteOffs licences) {
        this(checker, acks, store, partners, routing, replies, licences, DEFAULT_BATCH);
    }

    /**
     * As above; an EDIFACT interchange is processed on the streaming path ({@link StreamedInterchange}), its messages
     * recorded {@code recordBatch} to a store transaction. XML submissions are read whole (they are one document).
     */
    public InterchangeProcessor(SubmissionChecker checker, Acknowledgements acks, MessageStore store,
                                PartnerRegistry partners, RoutingTable routing, PartnerReplies replies,
                                LicenceWriteOffs licences, int recordBatch) {
        this.licences = licences;
        this.recorder = new DocumentRecorder(store, routing);
        this.streamed = new StreamedInterchange(checker, store, recorder, licences, recordBatch);
        this.checker = checker;
        this.acks = acks;
        this.store = store;
        this.partners = partners;
        this.replies = replies;
    }

    /**
     * Processes the interchange and returns the state it ended in; its deliveries are then PENDING in the store, for
     * {@link DeliveryRelease} to put on the agency queues. An interchange already processed (a redelivery after
     * its end state committed) is not processed again.
     */
    public InterchangeState process(long interchangeId) {
        return committed(processed(interchangeId, false));
    }

    /**
     * What processing an interchange left for after its commit: the {@code mapped} fault point and the log line
     * ({@code ended} null when it had been processed already), for {@link #committed}.
     */
    record Processed(MessageStore.StoredInterchange interchange, Ended ended) {
        InterchangeState state() {
            return ended == null ? InterchangeState.valueOf(interchange.state()) : ended.state();
        }
    }

    /**
     * Processes the interchange up to its commit. {@code grouped}: inside the caller's store unit (a batch's group
     * commit, {@link GroupCommit}), whose commit is the interchange's; then the caller calls {@link #committed} after
     * that commit, and an interchange of more than {@code recordBatch} messages throws {@link
     * StreamedInterchange.TooLargeForGroup} instead of committing a chunk. Otherwise as {@link #process}.
     */
    Processed processed(long interchangeId, boolean grouped) {
        MessageStore.StoredInterchange ic = store.interchange(interchangeId);
        mdc(ic);
        try {
            return processLogged(ic, grouped);
        } finally {
            org.slf4j.MDC.clear();
        }
    }

    /** After the commit of what {@link #processed} wrote: the {@code mapped} fault point and the log; its state. */
    InterchangeState committed(Processed p) {
        if (p.ended() != null) {
            mdc(p.interchange());
            try {
                ended(p.ended());
            } finally {
                org.slf4j.MDC.clear();
            }
        }
        return p.state();
    }

    private static void mdc(MessageStore.StoredInterchange ic) {
        org.slf4j.MDC.put("interchange", String.valueOf(ic.id()));
        org.slf4j.MDC.put("partner", ic.partner());
        org.slf4j.MDC.put("reference", ic.reference() == null ? "" : ic.reference());
    }

    private Processed processLogged(MessageStore.StoredInterchange ic, boolean grouped) {
        long interchangeId = ic.id();
        if (DONE.contains(ic.state())) {
            LOG.info("Interchange {} was already processed ({}); its deliveries not yet released follow", interchangeId,
                    ic.state());
            // the node that committed it may have stopped before writing its answers: they follow too
            replies.writePendingOf(interchangeId);
            return new Processed(ic, null);
        }
        Partner partner = partners.byId(ic.partner()).orElseThrow(() ->
                new IllegalStateException("interchange " + interchangeId + " names unknown partner " + ic.partner()));
        byte[] head = head(ic);
        if (!looksLikeXml(head)) {
            hk.tsw.gateway.settings.FaultPoints.installed().poison(head);
            Optional<InterchangeHeader> header = InterchangeHeaders.peek(head);
            return new Processed(ic, streamed.process(ic, partner, grouped, o -> answer(ic, partner, header,
                    o.checked(), o.answer(), o.accepted(), o.rejected())));
        }
        byte[] raw = store.raw(ic);
        hk.tsw.gateway.settings.FaultPoints.installed().poison(raw);
        Optional<InterchangeHeader> header = InterchangeHeaders.peek(raw);
        SubmissionChecker.Checked translated = checker.check(ic.fileName(), raw, partner);
        TranslationResult result = translated.translation();
        // the document's rows (mapped, references, routes, rejections), its licence write-offs, the answers and the
        // end state commit together: one commit per interchange (or per batch, grouped), all or nothing; a crash
        // before it rolls everything back and the redelivery does it all again (a refused write-off rejects its
        // declaration)
        return new Processed(ic, store.inOneTransaction(() -> {
            List<String> answer = new ArrayList<>();
            int rejected = 0;
            if (!result.fileErrors().isEmpty()) {
                List<String> lines = result.fileErrors().stream().map(LocatedError::format).toList();
                store.rejected(interchangeId, null, lines);
                lines.forEach(l -> answer.add("REJECTED " + l));
                rejected++;
            }
            SubmissionChecker.Checked withLedger = licences == null ? translated
                    : licences.apply(partner.id(), interchangeId, translated, answer);
            int[] counts = recorder.record(interchangeId, withLedger, answer);
            return answer(ic, partner, header, withLedger, answer, counts[0], rejected + counts[1]);
        }));
    }

    /** What the interchange came to, once committed: for the log. */
    record Ended(long interchangeId, String partner, InterchangeState state, List<String> answer, int accepted,
                 int rejected) {
    }

    /**
     * Answers the sender and records the interchange's end state, in the caller's transaction (that of its documents,
     * or of the last chunk of a large one): when the end state is committed, every document and answer is too. An
     * SFTP answer's file reaches the partner's outbox only after that commit ({@link PartnerReplies#send}).
     */
    private Ended answer(MessageStore.StoredInterchange ic, Partner partner, Optional<InterchangeHeader> header,
                         SubmissionChecker.Checked checked, List<String> answer, int accepted, int rejected) {
        long interchangeId = ic.id();
        String reference = ic.reference() != null ? ic.reference() : ic.fileName();
        InterchangeState state = rejected == 0 ? InterchangeState.TRANSLATED
                : accepted == 0 ? InterchangeState.REJECTED : InterchangeState.PARTIAL;
        String text = "Interchange " + reference + " from " + partner.id() + " (gateway id " + interchangeId + "): "
                + state + "\n" + String.join("\n", answer) + "\n";
        // the reply store keeps one answer per interchange and name: a redelivery after a crash writes the same again
        boolean contrlAsked = header.map(h -> "1".equals(h.ackRequest())).orElse(false);
        for (Acknowledgements.Answer a : acks.answers(checked, checker.rules())) {
            if ("CONTRL".equals(a.kind()) && !contrlAsked && !partner.reply().contrlAlways()) {
                continue; // neither UNB 0031 nor the partner file asks for a CONTRL
            }
            replies.send(partner.id(), interchangeId, a.kind(), a.fileName(), a.content());
        }
        // the plain-text receipt sums everything up and comes last: when it is there, every other answer is too
        replies.sendText(partner.id(), interchangeId, reference, state == InterchangeState.REJECTED ? "rejection" : "receipt", text);
        store.finished(interchangeId, state, stored(text));
        return new Ended(interchangeId, partner.id(), state, answer, accepted, rejected);
    }

    /** After the interchange's one commit (its deliveries not yet on the agency queues): the fault point, the log. */
    private static void ended(Ended e) {
        hk.tsw.gateway.settings.FaultPoints.installed().halt("mapped");
        if (e.rejected() == 0) {
            LOG.info("Interchange {} from {}: {} ({} accepted)", e.interchangeId(), e.partner(), e.state(), e.accepted());
        } else {
            // the operator reading the log sees why without opening the receipt (the first reason; all are in it)
            String why = e.answer().stream().filter(l -> l.startsWith("REJECTED")).findFirst()
                    .map(l -> l.replace('\n', ' ')).orElse("see the receipt");
            LOG.info("Interchange {} from {}: {} ({} accepted, {} rejected): {}", e.interchangeId(), e.partner(),
                    e.state(), e.accepted(), e.rejected(), why.length() > 300 ? why.substring(0, 300) + "..." : why);
        }
    }

    /** The longest answer the store keeps (interchange.answer is VARCHAR(1000000)); the partner gets it whole. */
    static final int STORED_ANSWER_CHARS = 1_000_000;

    /** The answer as the store keeps it: a large interchange's receipt (about 130 characters a message) is cut. */
    static String stored(String text) {
        if (text.length() <= STORED_ANSWER_CHARS) {
            return text;
        }
        String cut = "\n... (cut here: the whole receipt, " + text.length() + " characters, is the partner's answer file)\n";
        return text.substring(0, STORED_ANSWER_CHARS - cut.length()) + cut;
    }

    private static final Set<String> DONE = Set.of(InterchangeState.TRANSLATED.name(), InterchangeState.PARTIAL.name(),
            InterchangeState.REJECTED.name());

    /** The first bytes of the stored interchange: enough for its UNB and to tell EDIFACT from XML. */
    private byte[] head(MessageStore.StoredInterchange ic) {
        try (java.io.InputStream in = store.rawStream(ic)) {
            return in.readNBytes(1 << 16);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read interchange " + ic.id(), e);
        }
    }

    private static boolean looksLikeXml(byte[] content) {
        int i = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < content.length && Character.isWhitespace(content[i])) {
            i++;
        }
        return i < content.length && content[i] == '<';
    }
}
