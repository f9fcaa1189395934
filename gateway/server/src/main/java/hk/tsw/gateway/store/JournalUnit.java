package hk.tsw.gateway.store;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The journal records of one unit of payload writes (a {@link PayloadFiles#write} or a {@link PayloadFiles#together}):
 * appended as the payloads are written, forced together by {@link #force()} (once per segment they reached), and
 * {@link #done()} once the unit renamed its files (or gave up), so a checkpoint never forces a segment's files while
 * one of them may still be renamed. One thread's, not thread-safe.
 */
final class JournalUnit {

    private final PayloadJournal journal;
    /** Each segment this unit appended to, with the end of its last record there. */
    private final Map<JournalSegment, Long> ends = new IdentityHashMap<>();
    private boolean done;

    JournalUnit(PayloadJournal journal) {
        this.journal = journal;
    }

    /** Appends a payload's record to the journal's current segment (not yet durable). */
    void append(String sha, byte[] content) {
        journal.append(this, sha, content);
    }

    /** Called by the journal, under its lock: the record ends at {@code end} of {@code segment}. */
    boolean appended(JournalSegment segment, long end) {
        return ends.put(segment, end) == null;
    }

    boolean isEmpty() {
        return ends.isEmpty();
    }

    /** Makes every record appended so far durable (throws if a segment could not be forced). */
    void force() {
        ends.forEach(JournalSegment::force);
    }

    /** The unit's files are renamed (or abandoned): the segments it used may be checkpointed. */
    void done() {
        if (!done) {
            done = true;
            journal.release(ends.keySet());
        }
    }
}
