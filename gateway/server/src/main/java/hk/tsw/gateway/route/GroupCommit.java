package hk.tsw.gateway.route;

import java.util.ArrayList;
import java.util.List;

import hk.tsw.gateway.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interchanges of one route batch ({@link ReceivedBatchConsumer}) processed in ONE store unit: their documents,
 * references, pending deliveries, licence write-offs, answers and end states commit together, once (issue 16, ninth
 * stop: each commit rewrites the touched pages of every index, so ten interchanges committed together rewrite them
 * once instead of ten times). The payload files they write are forced together just before that commit
 * ({@link MessageStore#inOneTransaction}).
 *
 * <p>Promises. Nothing of the group is durable, answered or released before its one commit: the SFTP answers reach
 * the outbox after it ({@code PartnerReplies#send}, the store's after-commit actions), and the caller runs each
 * interchange's {@link InterchangeProcessor#committed} (the {@code mapped} fault point, its log line) and releases
 * its deliveries only once this returns. A failure anywhere before the commit (a poison interchange, a store error,
 * an interchange too large for a group) rolls the whole group back and returns null: the caller then processes the
 * batch again one interchange per unit, today's path with its poison handling, so that one bad interchange does not
 * take the others down and the group's failure is no attempt of theirs. A crash before the commit leaves nothing of
 * the group; the broker gives the batch back and its redelivery is idempotent, as for one interchange.
 *
 * <p>A large interchange (more than {@code gateway.route.record.batch} messages) is never committed inside a group:
 * it throws before its first chunk would commit ({@link StreamedInterchange.TooLargeForGroup}), the group rolls back
 * and the batch goes one by one, the large one exactly as before (its chunk commits bound its memory).
 */
final class GroupCommit {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final InterchangeProcessor processor;
    private final MessageStore store;

    GroupCommit(InterchangeProcessor processor, MessageStore store) {
        this.processor = processor;
        this.store = store;
    }

    /**
     * Processes the interchanges in one store unit and returns what each left for after the commit, in their order;
     * null (nothing committed) if anything threw.
     */
    List<InterchangeProcessor.Processed> process(List<Long> interchangeIds) {
        try {
            List<InterchangeProcessor.Processed> done = store.inOneTransaction(() -> {
                List<InterchangeProcessor.Processed> all = new ArrayList<>(interchangeIds.size());
                for (long id : interchangeIds) {
                    all.add(processor.processed(id, true));
                }
                return all;
            });
            LOG.debug("A group of {} interchanges committed in one store unit", done.size());
            return done;
        } catch (StreamedInterchange.TooLargeForGroup e) {
            LOG.info("A group of {} interchanges rolled back and processed one by one: {}", interchangeIds.size(),
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("A group of {} interchanges rolled back and processed one by one, each in its own unit: {}",
                    interchangeIds.size(), e.toString());
        }
        return null;
    }
}
