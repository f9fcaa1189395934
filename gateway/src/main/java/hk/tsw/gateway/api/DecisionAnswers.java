package hk.tsw.gateway.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import hk.tsw.gateway.ack.CusresWriter;
import hk.tsw.gateway.ack.PartnerReplies;
import hk.tsw.gateway.ack.WcoResponseWriter;
import hk.tsw.gateway.edifact.EdifactMessage;
import hk.tsw.gateway.edifact.EnvelopeScanner;
import hk.tsw.gateway.edifact.InterchangeHeader;
import hk.tsw.gateway.edifact.InterchangeHeaders;
import hk.tsw.gateway.edifact.InterchangeSummary;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.DecisionStore;
import hk.tsw.gateway.store.MessageStore;

/**
 * Sends an agency decision to the sender in its own format: a CUSRES in the directory of its original EDIFACT
 * message (the envelope facts are read back from the stored raw interchange), or a WCO Response for an XML
 * submission, on its SFTP outbox.
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

    public void send(DecisionStore.Recorded r, DecisionStore.Decision d) throws IOException {
        Partner partner = partners.byId(r.partner()).orElse(null);
        if (partner == null) {
            return;
        }
        MessageStore.StoredInterchange ic = store.interchange(r.interchangeId());
        byte[] raw = store.raw(ic);
        InterchangeHeader h = InterchangeHeaders.peek(raw).orElse(null);
        if (h == null) {
            // an XML submission: the decision as a WCO Response (DEC-DMS notification form)
            replies.send(r.partner(), r.interchangeId(), "RESPONSE", safe(r.functionalRef()) + ".decision-"
                    + d.agency() + ".response.xml", responses.writeDecision(r.functionalRef(), d));
            return;
        }
        String messageRef = r.messageRef();
        Map<String, String> directories = new HashMap<>();
        new EnvelopeScanner(true).scan(new ByteArrayInputStream(raw), new EnvelopeScanner.Listener() {
            @Override
            public void message(EdifactMessage m) {
                directories.put(m.reference(), m.directory());
            }

            @Override
            public void interchangeEnded(InterchangeSummary summary) {
            }
        });
        String directory = directories.getOrDefault(messageRef, "D96A");
        byte[] content = cusres.write(new CusresWriter.InterchangeInfo(h.syntaxId(), h.syntaxVersion(), h.senderId(),
                h.senderQualifier(), h.controlReference(), messageRef, directory), d, r.functionalRef(),
                "D" + r.id());
        replies.send(r.partner(), r.interchangeId(), "CUSRES", safe(r.functionalRef()) + ".cusres-" + d.agency() + ".edi",
                content);
    }

    private static String safe(String s) {
        return s == null ? "unknown" : s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
