package hk.tsw.gateway.route;

import hk.tsw.gateway.store.InterchangeState;
import hk.tsw.gateway.store.PendingDelivery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import hk.tsw.gateway.answer.Acknowledgements;
import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.translate.canonical.CanonicalFacts;
import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.edifact.InterchangeHeaders;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.ledger.LicenceWriteOffs;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.translate.mapping.TranslationResult;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.DeliveryStore;
import hk.tsw.gateway.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The translate-and-route stage for one received interchange: authorise the declared sender against the
 * partner who sent the file, translate, record each document or rejection, decide its agencies, answer the sender.
 * Every write is idempotent, so running it again for the same interchange (a redelivery after a crash) changes
 * nothing already done and returns the same pending deliveries.
 */
public final class InterchangeProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(InterchangeProcessor.class);

    private final SubmissionChecker checker;
    private final Acknowledgements acks;
    private final MessageStore store;
    private final DeliveryStore deliveries;
    private final PartnerRegistry partners;
    private final RoutingTable routing;
    private final PartnerReplies replies;
    private final LicenceWriteOffs licences;

    public InterchangeProcessor(SubmissionChecker checker, Acknowledgements acks, MessageStore store,
                                PartnerRegistry partners, RoutingTable routing, PartnerReplies replies) {
        this(checker, acks, store, partners, routing, replies, null);
    }

    /** With {@code licences} (may be null), declarations citing licences are checked and written off. */
    public InterchangeProcessor(SubmissionChecker checker, Acknowledgements acks, MessageStore store,
                                PartnerRegistry partners, RoutingTable routing, PartnerReplies replies,
                                LicenceWriteOffs licences) {
        this.licences = licences;
        this.checker = checker;
        this.acks = acks;
        this.store = store;
        this.deliveries = new DeliveryStore(store);
        this.partners = partners;
        this.routing = routing;
        this.replies = replies;
    }

    /** Processes the interchange and returns its pending deliveries (one per agency and document). */
    public List<PendingDelivery> process(long interchangeId) {
        MessageStore.StoredInterchange ic = store.interchange(interchangeId);
        org.slf4j.MDC.put("interchange", String.valueOf(interchangeId));
        org.slf4j.MDC.put("partner", ic.partner());
        org.slf4j.MDC.put("reference", ic.reference() == null ? "" : ic.reference());
        try {
            return processLogged(ic);
        } finally {
            org.slf4j.MDC.clear();
        }
    }

    private List<PendingDelivery> processLogged(MessageStore.StoredInterchange ic) {
        long interchangeId = ic.id();
        byte[] raw = store.raw(ic);
        hk.tsw.gateway.settings.FaultPoints.installed().poison(raw);
        Partner partner = partners.byId(ic.partner()).orElseThrow(() ->
                new IllegalStateException("interchange " + interchangeId + " names unknown partner " + ic.partner()));
        List<String> answer = new ArrayList<>();
        Optional<InterchangeHeader> header = InterchangeHeaders.peek(raw);
        String reference = ic.reference() != null ? ic.reference() : ic.fileName();
        int accepted = 0;
        int rejected = 0;
        SubmissionChecker.Checked translated = checker.check(ic.fileName(), raw, partner);
        TranslationResult result = translated.translation();
        if (!result.fileErrors().isEmpty()) {
            List<String> lines = result.fileErrors().stream().map(LocatedError::format).toList();
            store.rejected(interchangeId, null, lines);
            lines.forEach(l -> answer.add("REJECTED " + l));
            rejected++;
        }
        // every document's rows (mapped, references, routes, rejections) commit together: one commit per
        // interchange instead of several per document; a crash rolls them back and the redelivery writes them again
        // the licence write-offs commit with these rows too: a refused write-off rejects its declaration, a crash
        // before the commit takes the write-offs back with everything else
        SubmissionChecker.Checked[] withLedger = {translated};
        int[] counts = store.inOneTransaction(() -> {
            if (licences != null) {
                withLedger[0] = licences.apply(partner.id(), interchangeId, translated, answer);
            }
            return recordMessages(interchangeId, withLedger[0], answer);
        });
        SubmissionChecker.Checked checked = withLedger[0];
        accepted += counts[0];
        rejected += counts[1];
        InterchangeState state = rejected == 0 ? InterchangeState.TRANSLATED
                : accepted == 0 ? InterchangeState.REJECTED : InterchangeState.PARTIAL;
        String text = "Interchange " + reference + " from " + partner.id() + " (gateway id " + interchangeId + "): "
                + state + "\n" + String.join("\n", answer) + "\n";
        // the answers and the interchange's end state commit together (one commit instead of several per answer); a
        // crash before it re-processes the interchange, and the reply store keeps one answer per interchange and name
        hk.tsw.gateway.settings.FaultPoints.installed().halt("mapped");
        boolean contrlAsked = header.map(h -> "1".equals(h.ackRequest())).orElse(false);
        store.inOneTransaction(() -> {
            for (Acknowledgements.Answer a : acks.answers(checked, checker.rules())) {
                if ("CONTRL".equals(a.kind()) && !contrlAsked && !partner.reply().contrlAlways()) {
                    continue; // neither UNB 0031 nor the partner file asks for a CONTRL
                }
                replies.send(partner.id(), interchangeId, a.kind(), a.fileName(), a.content());
            }
            // the plain-text receipt sums everything up and comes last: when it is there, every other answer is too
            replies.sendText(partner.id(), interchangeId, reference, state == InterchangeState.REJECTED ? "rejection" : "receipt", text);
            store.finished(interchangeId, state, text);
            return null;
        });
        if (rejected == 0) {
            LOG.info("Interchange {} from {}: {} ({} accepted)", interchangeId, partner.id(), state, accepted);
        } else {
            // the operator reading the log sees why without opening the receipt (the first reason; all are in it)
            String why = answer.stream().filter(l -> l.startsWith("REJECTED")).findFirst()
                    .map(l -> l.replace('\n', ' ')).orElse("see the receipt");
            LOG.info("Interchange {} from {}: {} ({} accepted, {} rejected): {}", interchangeId, partner.id(), state,
                    accepted, rejected, why.length() > 300 ? why.substring(0, 300) + "..." : why);
        }
        return deliveries.pendingByAgency(interchangeId);
    }

    /** Records each message as a document with its routes, or as rejected; returns {accepted, rejected}. */
    private int[] recordMessages(long interchangeId, SubmissionChecker.Checked checked, List<String> answer) {
        int accepted = 0;
        int rejected = 0;
        for (MessageOutcome m : checked.translation().messages()) {
            String label = m.messageRef() == null ? "document" : "message " + m.messageRef();
            List<String> problems = m.rejectedWithInterchange() ? List.of(label + ": rejected with its interchange")
                    : !m.accepted() ? m.errors().stream().map(LocatedError::format).toList()
                    : checked.failures(m).stream().map(f -> label + ": " + f.format()).toList();
            if (!problems.isEmpty()) {
                store.rejected(interchangeId, m.messageRef() == null ? label : m.messageRef(), problems);
                problems.forEach(p -> answer.add("REJECTED " + p));
                rejected++;
                continue;
            }
            CanonicalFacts doc = CanonicalFacts.of(m.document().tree(), m.document().xml());
            Set<String> agencies = routing.agenciesFor(doc);
            long docId = store.mapped(interchangeId, m.messageRef() == null ? m.document().functionalReference()
                    : m.messageRef(), m.document().documentType(), m.document().functionalReference(), m.document().xml());
            store.references(docId, "BILL_OF_LADING", doc.billsOfLading());
            store.references(docId, "CONTAINER", doc.containers());
            for (String agency : agencies) {
                store.routed(interchangeId, docId, agency);
            }
            // written before any agency confirmed the delivery: say where it goes, not that it was accepted there
            answer.add("TRANSLATED " + label + ": " + m.document().documentType() + " "
                    + m.document().functionalReference() + ", routed to " + String.join(", ", agencies)
                    + " (delivery follows; GET /api/messages/" + interchangeId + " shows it)");
            accepted++;
        }
        return new int[]{accepted, rejected};
    }
}
