package hk.tsw.gateway.api;

import hk.tsw.gateway.store.DecisionStatus;
import hk.tsw.gateway.store.FileNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.answer.CusresWriter;
import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.answer.WcoResponseWriter;
import hk.tsw.gateway.translate.edifact.EdifactMessage;
import hk.tsw.gateway.translate.edifact.EnvelopeScanner;
import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.edifact.InterchangeHeaders;
import hk.tsw.gateway.translate.edifact.InterchangeSummary;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.DecisionStore;
import hk.tsw.gateway.store.DeliveryStore;
import hk.tsw.gateway.store.MessageStore;

/**
 * Sends an agency decision to the sender in its own format: a CUSRES in the directory of its original EDIFACT
 * message (the envelope facts are read back from the stored raw interchange), or a WCO Response for an XML
 * submission, on its reply channel. A delivery the agency refused (or that used up its attempts) is answered the same
 * way, as a rejection from that agency under a name of its own ({@code <ref>.refused-<AGENCY>.cusres.edi} or
 * {@code .response.xml}), so it never takes the place of a real decision; the reply store keeps one answer per name,
 * so answering the same delivery again sends nothing new.
 */
public final class DecisionAnswers {

    private final MessageStore store;
    private final PartnerRegistry partners;
    private final CusresWriter cusres;
    private final WcoResponseWriter responses;
    private final PartnerReplies replies;

    public DecisionAnswers(MessageStore store, PartnerRegistry partners, CusresWriter cusres,
                           WcoResponseWriter responses, PartnerReplies replies) {
        this.store = store;
        this.partners = partners;
        this.cusres = cusres;
        this.responses = responses;
        this.replies = replies;
    }

    /**
     * Each decision its own file ({@code <ref>.cusres-<AGENCY>-D<decision id>.edi}): an agency that holds a document
     * and later releases it sends two decisions, and the sender must get both (answers are idempotent per file name).
     */
    public void send(DecisionStore.Recorded r, DecisionStore.Decision d) throws IOException {
        String name = safe(r.functionalRef()) + ".%s-" + d.agency() + "-D" + r.id();
        answer(r, d, "D" + r.id(), name.formatted("decision") + ".response.xml", name.formatted("cusres") + ".edi");
    }

    /** The sender's negative answer for a delivery that will not reach its agency; {@code reason} says why. */
    public void sendRefusal(DeliveryStore.Delivery delivery, String reason) throws IOException {
        DecisionStore.Recorded r = new DecisionStore.Recorded(delivery.id(), delivery.documentId(),
                delivery.interchangeId(), delivery.partner(), delivery.functionalRef(), delivery.messageRef(), false);
        DecisionStore.Decision d = new DecisionStore.Decision(delivery.agency(), DecisionStatus.REJECTED.name(),
                List.of(reason), null, null, null, null);
        String name = safe(delivery.functionalRef()) + ".refused-" + delivery.agency();
        answer(r, d, "R" + delivery.id(), name + ".response.xml", name + ".cusres.edi");
    }

    private void answer(DecisionStore.Recorded r, DecisionStore.Decision d, String gatewayReference, String xmlName,
                        String edifactName) throws IOException {
        Partner partner = partners.byId(r.partner()).orElse(null);
        if (partner == null) {
            return;
        }
        MessageStore.StoredInterchange ic = store.interchange(r.interchangeId());
        byte[] raw = store.raw(ic);
        InterchangeHeader h = InterchangeHeaders.peek(raw).orElse(null);
        if (h == null) {
            // an XML submission: the decision as a WCO Response (DEC-DMS notification form)
            replies.send(r.partner(), r.interchangeId(), "RESPONSE", xmlName, responses.writeDecision(r.functionalRef(), d));
            return;
        }
        String messageRef = r.messageRef();
        Map<String, String> directories = new java.util.LinkedHashMap<>();
        java.nio.charset.Charset agreed = partner.agreedEncoding().orElse(null);
        new EnvelopeScanner(true, agreed).scan(new ByteArrayInputStream(raw), new EnvelopeScanner.Listener() {
            @Override
            public void message(EdifactMessage m) {
                directories.put(m.reference(), m.directory());
            }

            @Override
            public void interchangeEnded(InterchangeSummary summary) {
            }
        });
        // the answer is in the directory of the message it answers; a decision on the interchange as a whole takes
        // its first message's (no directory is assumed: a new message type of any packaged directory is answered in it)
        String directory = directories.containsKey(messageRef) ? directories.get(messageRef)
                : directories.values().stream().findFirst().orElseThrow(() -> new IOException("interchange "
                        + r.interchangeId() + " holds no EDIFACT message to take the answer's directory from"));
        byte[] content = cusres.write(new CusresWriter.InterchangeInfo(h.syntaxId(), h.syntaxVersion(), h.senderId(),
                h.senderQualifier(), h.controlReference(), messageRef, directory, agreed), d, r.functionalRef(),
                gatewayReference);
        replies.send(r.partner(), r.interchangeId(), "CUSRES", edifactName, content);
    }

    private static String safe(String s) {
        return FileNames.safe(s);
    }
}
