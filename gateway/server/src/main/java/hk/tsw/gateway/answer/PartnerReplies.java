package hk.tsw.gateway.answer;

import hk.tsw.gateway.store.ReplyState;
import hk.tsw.gateway.store.FileNames;
import java.nio.charset.StandardCharsets;

import hk.tsw.gateway.partner.Partner;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.ReplyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a partner an answer on the reply channel of its partner file. Every answer is first recorded durably
 * ({@link ReplyStore}); SFTP answers are then written to the partner's outbox and marked sent, AS2 answers are sent
 * by the AS2 outbound sender (which polls the store), SOAP answers wait for the partner's {@code GetResponses}.
 */
public final class PartnerReplies {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerReplies.class);

    private final ReplyStore replies;
    private final PartnerRegistry partners;
    private final SftpOutbox outbox;
    private final Acknowledgements acks;

    public PartnerReplies(ReplyStore replies, PartnerRegistry partners, SftpOutbox outbox) {
        this(replies, partners, outbox, null);
    }

    /** @param acks writes the CONTRL refusing a duplicate EDIFACT interchange; null for none */
    public PartnerReplies(ReplyStore replies, PartnerRegistry partners, SftpOutbox outbox, Acknowledgements acks) {
        this.replies = replies;
        this.partners = partners;
        this.outbox = outbox;
        this.acks = acks;
    }

    /**
     * Answers a duplicate: for an EDIFACT interchange whose UNB 0031 asks for it (or whose partner always gets one)
     * a CONTRL with 0085 = 26 first, then the {@code <label>.duplicate.txt} text saying it was not processed.
     */
    public void duplicate(String partnerId, long interchangeId, String label, String text,
                          java.util.Optional<hk.tsw.gateway.translate.edifact.InterchangeHeader> header) {
        boolean contrlAlways = partners.byId(partnerId).map(p -> p.reply().contrlAlways()).orElse(false);
        if (acks != null && header.isPresent() && ("1".equals(header.get().ackRequest()) || contrlAlways)) {
            Acknowledgements.Answer c = acks.duplicateContrl(header.get(), text.lines().skip(1).findFirst().orElse(text));
            send(partnerId, interchangeId, c.kind(), c.fileName(), c.content());
        }
        sendText(partnerId, interchangeId, label, "duplicate", text);
    }

    /**
     * Records and sends (or queues) one answer; {@code interchangeId} may be null. Returns the reply id. Called inside
     * a store unit (the route stage's one commit per interchange, a delivery batch's), an SFTP answer is written to the
     * outbox only once that unit has committed: a partner never reads an answer about documents a crash could still
     * take back. One that was not written then (a node stopped in between, a full disk) stays pending, and
     * {@link OutboxSweep} writes it.
     */
    public long send(String partnerId, Long interchangeId, String kind, String fileName, byte[] content) {
        Partner.Channel channel = partners.byId(partnerId).map(p -> p.reply().channel()).orElse(Partner.Channel.SFTP);
        long id = replies.add(partnerId, channel.name(), interchangeId, kind, fileName, content);
        if (channel == Partner.Channel.SFTP && replies.get(id).map(r -> ReplyState.PENDING.is(r.state())).orElse(false)) {
            replies.whenCommitted(() -> toOutbox(id, partnerId, kind, fileName, content));
        } else {
            LOG.info("{} {} for {} queued for {} (reply {})", kind, fileName, partnerId, channel, id);
        }
        return id;
    }

    /**
     * Writes a recorded SFTP answer to the partner's outbox and marks it sent; false (logged, the reply left pending
     * for {@link OutboxSweep}) if the file could not be written.
     */
    boolean toOutbox(long id, String partnerId, String kind, String fileName, byte[] content) {
        hk.tsw.gateway.settings.FaultPoints.installed().halt("answering");
        try {
            outbox.write(partnerId, fileName, content);
        } catch (RuntimeException e) {
            LOG.warn("{} {} for {} not written to its SFTP outbox (reply {}, left pending, written again by the outbox"
                    + " sweep): {}", kind, fileName, partnerId, id, e.toString());
            try {
                replies.attemptFailed(id, "not written to the SFTP outbox: " + e, java.time.Instant.now());
            } catch (RuntimeException notRecorded) {
                LOG.warn("Reply {}: the failed attempt not recorded: {}", id, notRecorded.toString());
            }
            return false;
        }
        replies.settle(id, ReplyState.SENT, kind + " " + fileName + " written to the SFTP outbox of " + partnerId);
        return true;
    }

    /** How long a node holds the answers it took to write them again (then the outbox sweep may). */
    static final java.time.Duration REWRITE_LEASE = java.time.Duration.ofMinutes(1);

    /**
     * Writes now the SFTP answers still pending of an interchange found already processed when its message came
     * again: the node that committed it stopped before writing them (the outbox sweep would, after its grace). Runs
     * after the caller's unit commits, if there is one. The same answer written twice is the same file, whole.
     */
    public void writePendingOf(long interchangeId) {
        replies.whenCommitted(() -> {
            int written = 0;
            for (ReplyStore.Reply r : replies.claimPendingOf(interchangeId, Partner.Channel.SFTP.name(), REWRITE_LEASE)) {
                written += writeRecorded(r, "on the interchange's redelivery") ? 1 : 0;
            }
            if (written > 0) {
                LOG.info("Interchange {} came again already processed: {} of its pending SFTP answers written", interchangeId,
                        written);
            }
        });
    }

    /**
     * Writes an answer recorded earlier (and claimed) to its partner's outbox; {@code by} says who, for the log. False
     * if its content could not be read or the file not written (the failed attempt recorded, the answer left pending).
     */
    boolean writeRecorded(ReplyStore.Reply r, String by) {
        byte[] content;
        try {
            content = replies.content(r);
        } catch (RuntimeException e) {
            LOG.warn("Reply {} ({} {} for {}): its content cannot be read: {}", r.id(), r.kind(), r.fileName(),
                    r.partner(), e.toString());
            replies.attemptFailed(r.id(), "content not readable: " + e, java.time.Instant.now());
            return false;
        }
        if (!toOutbox(r.id(), r.partner(), r.kind(), r.fileName(), content)) {
            return false;
        }
        LOG.info("{} {} for {} written to its SFTP outbox {} (reply {}, recorded {})", r.kind(), r.fileName(),
                r.partner(), by, r.id(), r.createdAt());
        return true;
    }

    /** A text answer, named {@code <reference>.<kind>.txt} like the SFTP outbox always did. */
    public long sendText(String partnerId, Long interchangeId, String reference, String kind, String text) {
        String safeRef = FileNames.safe(reference);
        return send(partnerId, interchangeId, kind, safeRef + "." + kind + ".txt", text.getBytes(StandardCharsets.UTF_8));
    }

    public ReplyStore store() {
        return replies;
    }
}
