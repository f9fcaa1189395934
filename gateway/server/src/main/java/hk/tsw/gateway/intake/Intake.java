package hk.tsw.gateway.intake;

import java.time.Duration;

import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.translate.edifact.InterchangeHeader;
import hk.tsw.gateway.translate.edifact.InterchangeHeaders;
import hk.tsw.gateway.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a submission enters the pipeline, whatever the channel: stored raw and recorded (durable), then
 * handed to the received queue; a duplicate (same content, or a reference already used by an interchange at least
 * partly accepted, within the window) is recorded and answered as one ({@link hk.tsw.gateway.store.DuplicateAnswer}),
 * and not processed. When {@link #accept} returns, the sender may be acknowledged. Nothing is
 * stored while the {@link DiskGuard} has paused intake ({@link IntakePausedException}) or the broker is unreachable
 * ({@link ReceivedQueue.BrokerUnavailableException}).
 */
public final class Intake {

    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    private final MessageStore store;
    private final PartnerReplies replies;
    private final Duration duplicateWindow;
    private final ReceivedQueue translateQueue;
    private final DiskGuard disk;

    public Intake(MessageStore store, PartnerReplies replies, Duration duplicateWindow, ReceivedQueue translateQueue,
                  DiskGuard disk) {
        this.store = store;
        this.replies = replies;
        this.duplicateWindow = duplicateWindow;
        this.translateQueue = translateQueue;
        this.disk = disk;
    }

    /** Refused as {@link #requireRoom} says when intake is closed: nothing stored, nothing to acknowledge. */
    public MessageStore.Receipt accept(String partner, String channel, String fileName, byte[] content) {
        requireRoom();
        java.util.Optional<InterchangeHeader> header = InterchangeHeaders.peek(content);
        String reference = header.map(InterchangeHeader::controlReference).orElse(null);
        MessageStore.Receipt r = store.receive(partner, channel, fileName, content, reference, duplicateWindow);
        hk.tsw.gateway.settings.FaultPoints.installed().halt("received");
        if (r.duplicate()) {
            LOG.info("Duplicate of interchange {} ({} from {} by {}): not forwarded again", r.originalId(), fileName,
                    partner, channel);
            replies.duplicate(partner, r.id(), reference == null ? fileName : reference, r.answer(), header);
        } else {
            LOG.info("Received {} ({} bytes) from {} by {} as interchange {}", fileName, content.length, partner,
                    channel, r.id());
        }
        if (r.process()) {
            translateQueue.accept(r.id());
            hk.tsw.gateway.settings.FaultPoints.installed().halt("queued");
        }
        return r;
    }

    /**
     * A channel's early refusal, before any work: {@link IntakePausedException} while the disk guard has paused
     * intake, {@link ReceivedQueue.BrokerUnavailableException} while the broker is unreachable.
     */
    public void requireRoom() {
        disk.requireRoom();
        translateQueue.checkOpen();
    }

    public Duration duplicateWindow() {
        return duplicateWindow;
    }
}
