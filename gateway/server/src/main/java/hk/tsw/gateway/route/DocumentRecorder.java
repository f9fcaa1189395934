package hk.tsw.gateway.route;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import hk.tsw.gateway.store.DocumentRows;
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
    private final DocumentRows rows;
    private final RoutingTable routing;

    DocumentRecorder(MessageStore store, RoutingTable routing) {
        this.store = store;
        this.rows = new DocumentRows(store);
        this.routing = routing;
    }

    /** The numbers a document is found by, by kind: its bills of lading and containers. */
    private static Map<String, Collection<String>> references(CanonicalFacts doc) {
        Map<String, Collection<String>> refs = new LinkedHashMap<>();
        refs.put("BILL_OF_LADING", doc.billsOfLading());
        refs.put("CONTAINER", doc.containers());
        return refs;
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
            rows.record(interchangeId, m.messageRef() == null ? m.document().functionalReference() : m.messageRef(),
                    m.document().documentType(), m.document().functionalReference(), m.document().xml(),
                    references(doc), agencies);
            // written before any agency confirmed the delivery: say where it goes, not that it was accepted there
            answer.add("TRANSLATED " + label + ": " + m.document().documentType() + " "
                    + m.document().functionalReference() + ", routed to " + String.join(", ", agencies)
                    + " (delivery follows; GET /api/messages/" + interchangeId + " shows it)");
            accepted++;
        }
        return new int[]{accepted, rejected};
    }
}
