package hk.tsw.gateway.intake.soap;

import hk.tsw.gateway.store.InterchangeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.edifact.InterchangeHeaders;
import hk.tsw.gateway.translate.LocatedError;
import hk.tsw.gateway.intake.ReceivedQueue;
import hk.tsw.gateway.translate.mapping.MessageOutcome;
import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.translate.rules.RuleFailure;
import hk.tsw.gateway.intake.soap.contract.GatewayFaultCode;
import hk.tsw.gateway.intake.soap.contract.GatewayFaultMessage;
import hk.tsw.gateway.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable intake of a SOAP submission, in the order of the SFTP intake: the content is checked first (the same
 * {@link SubmissionChecker} as the pipeline, so a fault carries exactly the errors the pipeline would find), then
 * stored raw and recorded ({@link MessageStore#receive}), then its id is put on the persistent queue
 * {@code tsw.received} (the routing stage translates, routes and answers it), and only then does the caller get its
 * receipt. If the store or the broker fails, the caller gets a fault and no receipt (while the broker is known to be
 * unreachable, at once and before anything is stored); a resend is then taken as the same submission (idempotent by
 * content hash and reference), and a submission stored but not queued is queued once the broker is back. While intake is
 * paused (data disk above its limit, see {@link hk.tsw.gateway.intake.DiskGuard}) the fault is {@code INTAKE_PAUSED}
 * and nothing is stored.
 *
 * <p>What is refused with a fault: XML that is not well-formed, not schema-valid or cannot be mapped; an EDIFACT
 * interchange with envelope errors or no usable message; a document naming another partner as declarant/submitter
 * (or UNB sender), or of a type the partner may not lodge. Such a rejection is recorded too: an interchange in state
 * REJECTED with its located errors (without the partner's reference, so a corrected resend under the same reference
 * is not taken for a duplicate), visible by {@code GetStatus} and the REST API. Business-rule failures are not
 * faults: the submission is accepted and answered through {@code GetResponses} (APERAK / WCO Response), as on SFTP.
 */
final class SoapIntake {

    /** What the partner sent, ready for the pipeline. */
    record Submission(byte[] content, String fileName, String reference, boolean xml) {
    }

    /** The receipt: the message id, and the original's id when the submission was a duplicate. */
    record Accepted(long messageId, boolean duplicate, long originalId, Instant receivedAt, String note) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SoapIntake.class);

    private final SubmissionChecker checker;
    private final MessageStore store;
    private final ReceivedQueue queue;
    private final Duration duplicateWindow;
    private final hk.tsw.gateway.intake.DiskGuard disk;

    SoapIntake(SubmissionChecker checker, MessageStore store, ReceivedQueue queue, Duration duplicateWindow,
               hk.tsw.gateway.intake.DiskGuard disk) {
        this.disk = disk;
        this.checker = checker;
        this.store = store;
        this.queue = queue;
        this.duplicateWindow = duplicateWindow;
    }

    Accepted submit(Partner partner, Submission s) throws GatewayFaultMessage {
        try {
            disk.requireRoom();
        } catch (hk.tsw.gateway.intake.IntakePausedException e) {
            LOG.warn("SOAP submission {} from {} refused, intake paused: {}", s.fileName(), partner.id(), e.getMessage());
            throw Faults.fault(GatewayFaultCode.INTAKE_PAUSED, "intake paused: " + e.getMessage());
        }
        SubmissionChecker.Checked checked = checker.check(s.fileName(), s.content(), partner);
        List<LocatedError> errors = new ArrayList<>(checked.translation().fileErrors());
        List<LocatedError> notAllowed = new ArrayList<>();
        boolean anyUsable = false;
        for (MessageOutcome m : checked.translation().messages()) {
            errors.addAll(m.errors());
            for (RuleFailure f : checked.failures(m)) {
                if (f.rule().startsWith("PARTNER-")) {
                    notAllowed.add(LocatedError.xml(m.messageRef(), 0, f.xpath(), f.value(), f.rule() + " " + f.message()));
                }
            }
            anyUsable |= m.accepted();
        }
        boolean senderRefused = errors.stream().anyMatch(e -> "23".equals(e.syntaxCode()) && "UNB".equals(e.segmentTag()));
        GatewayFaultCode code = senderRefused || notAllowed.stream().anyMatch(e -> e.reason().startsWith("PARTNER-002"))
                ? GatewayFaultCode.NOT_SUBMITTER : !notAllowed.isEmpty() ? GatewayFaultCode.NOT_ALLOWED
                : !checked.translation().fileErrors().isEmpty() || !anyUsable
                ? (s.xml() ? GatewayFaultCode.INVALID_DOCUMENT : GatewayFaultCode.INVALID_INTERCHANGE)
                : null;
        if (code != null) {
            List<LocatedError> all = new ArrayList<>(notAllowed);
            all.addAll(errors);
            throw reject(partner, s, code, all);
        }
        queue.checkOpen();
        MessageStore.Receipt r = store.receive(partner.id(), "SOAP", s.fileName(), s.content(), s.reference(),
                duplicateWindow, true);
        if (r.process()) {
            queue.accept(r.id());
        }
        LOG.info("SOAP submission {} ({} bytes, reference {}) from {}: interchange {}{}", s.fileName(),
                s.content().length, s.reference(), partner.id(), r.id(),
                r.duplicate() ? ", duplicate of " + r.originalId() + ": not forwarded again" : ", queued");
        return new Accepted(r.id(), r.duplicate(), r.originalId(), Instant.now(), r.answer());
    }

    private GatewayFaultMessage reject(Partner partner, Submission s, GatewayFaultCode code, List<LocatedError> errors) {
        // recorded under no reference (a corrected resend must not count as a duplicate); the partner's reference is
        // kept apart, so GetStatus by it finds the rejection
        MessageStore.Receipt r = store.receive(partner.id(), "SOAP", s.fileName(), s.content(), null, duplicateWindow);
        List<String> lines = errors.stream().map(LocatedError::format).toList();
        if (!r.duplicate()) {
            store.rejectedReference(r.id(), s.reference());
            store.rejected(r.id(), null, lines);
            store.finished(r.id(), InterchangeState.REJECTED, "Submission " + s.fileName() + " from " + partner.id()
                    + " rejected (" + code + ")\n" + String.join("\n", lines) + "\n");
        }
        LOG.warn("SOAP_REJECTED code={} partner={} interchange={} file={} errors={}", code, partner.id(), r.id(),
                s.fileName(), lines.size());
        String reason = switch (code) {
            case NOT_SUBMITTER -> "the document names a declarant, submitter or sender that is not partner " + partner.id();
            case NOT_ALLOWED -> "partner " + partner.id() + " may not lodge this document";
            default -> errors.size() + " error(s) in the " + (s.xml() ? "document" : "interchange");
        };
        return Faults.fault(code, reason, r.id(), errors);
    }

    /** The partner's reference of an EDIFACT interchange: UNB 0020. */
    static String edifactReference(byte[] content) {
        return InterchangeHeaders.peek(content).map(InterchangeHeader::controlReference).orElse(null);
    }
}
