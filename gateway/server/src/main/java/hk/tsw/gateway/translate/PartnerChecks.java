package hk.tsw.gateway.translate;

import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.translate.canonical.CanonicalFacts;
import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.translate.rules.RuleFailure;

/**
 * What a partner may submit: its own EDIFACT sender ids (UNB 0004/0007; otherwise the whole interchange is rejected,
 * 0085 = 23), its own XML submitter/declarant ids, and the document types its file allows. Reported like business
 * rules (ids {@code PARTNER-00n}) so APERAK and WCO Response carry them.
 */
final class PartnerChecks {

    /** An interchange-level error when the UNB sender is not the partner's, else null. */
    LocatedError sender(Partner partner, InterchangeHeader h) {
        boolean own = partner.sendsAs(h.senderId(), h.senderQualifier());
        return own ? null : LocatedError.interchange(h.controlReference(), 1, "UNB", 2, 1, h.sender(),
                "sender '" + h.sender() + "' is not an EDIFACT sender id of partner " + partner.id(), "23");
    }

    /** Failures of an accepted document against the partner's file. */
    List<RuleFailure> document(Partner partner, MessageOutcome m) {
        List<RuleFailure> failures = new ArrayList<>();
        String type = m.document().documentType();
        if (!partner.allowedDocumentTypes().contains(type)) {
            failures.add(new RuleFailure("PARTNER-001", "/TradeDocument/Header/DocumentType", type,
                    "partner " + partner.id() + " may not lodge a " + type));
        }
        CanonicalFacts facts = CanonicalFacts.header(m.document().tree(), m.document().xml());
        String sender = facts.senderId();
        if ("XML".equals(facts.sourceFormat()) && !partner.xmlSubmitterIds().contains(sender)) {
            failures.add(new RuleFailure("PARTNER-002", "/TradeDocument/Header/Source/SenderID", sender,
                    "submitter '" + sender + "' is not a declarant/submitter id of partner " + partner.id()));
        }
        return failures;
    }
}
