package hk.tsw.gateway.route;

import java.util.List;
import java.util.Set;

import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.translate.canonical.CanonicalFacts;
import hk.tsw.gateway.translate.mapping.MessageOutcome;

/**
 * Records checked messages in the store: each accepted one as a document with its references and one PENDING
 * delivery per agency the routing table names, each other one as rejected with its reasons. Every write is
 * idempotent (keyed by interchange and message reference), so recording the same messages again changes nothing.
 * The caller decides the transaction; nothing is put on a queue here.
 */
final class DocumentRecorder {

    private final MessageStore store;
    private final RoutingTable routing;

    DocumentRecorder(MessageStore store, RoutingTable routing) {
        this.store = store;
        this.routing = routing;
    }

    /** Records each message of {@code checked} and adds its answer line; returns {accepted, rejected}. */
    int[] record(long interchangeId, SubmissionChecker.Checked checked, List<String> answer) {
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
