package hk.tsw.gateway.answer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import hk.tsw.gateway.store.ReplyStore;
import org.apache.camel.builder.RouteBuilder;

/**
 * Writes the SFTP answers that are recorded but were never written to the partner's outbox: an answer is written only
 * after the store unit that recorded it commits ({@link PartnerReplies#send}), so a node stopped (or a disk full)
 * between that commit and the file leaves it pending. Every {@code gateway.outbox.sweep.ms} each node claims, with a
 * lease so that two nodes never write one answer at once, the pending SFTP answers recorded more than
 * {@code gateway.outbox.sweep.grace.ms} ago (long enough for a node's own write after its commit), writes each and marks
 * it sent. A partner may then read an answer a little late, never one about documents that were not yet durable; at
 * worst (a node stopped between writing the file and marking it sent) the same file is written again, whole.
 */
public final class OutboxSweep extends RouteBuilder {

    /** Answers claimed a round. */
    static final int ROUND = 100;

    private final PartnerReplies replies;
    private final Duration grace;

    public OutboxSweep(PartnerReplies replies, Duration grace) {
        this.replies = replies;
        this.grace = grace;
    }

    @Override
    public void configure() {
        from("timer:tsw-outbox-sweep?period={{gateway.outbox.sweep.ms}}&delay={{gateway.outbox.sweep.ms}}")
                .routeId("sftp-outbox-sweep")
                .process(e -> sweep());
    }

    /** One round; returns how many answers it wrote. */
    public int sweep() {
        ReplyStore store = replies.store();
        List<ReplyStore.Reply> left = store.claimDue("SFTP", ROUND, grace, Instant.now().minus(grace));
        int written = 0;
        for (ReplyStore.Reply r : left) {
            written += replies.writeRecorded(r, "by the outbox sweep") ? 1 : 0;
        }
        return written;
    }
}
