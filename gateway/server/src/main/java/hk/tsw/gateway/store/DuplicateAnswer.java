package hk.tsw.gateway.store;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The one answer to a duplicate, whatever the channel (the {@code <ref>.duplicate.txt} text, the SOAP receipt's
 * note, the AS2 disposition text): "duplicate, not processed", why (the same content as message N of a date, or the
 * reference already used by message N on a date) and what to do (send it with a new reference). It never repeats the
 * earlier answer: that one's "ACCEPTED" would tell the sender the new content was taken.
 */
public final class DuplicateAnswer {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private DuplicateAnswer() {
    }

    /** The first line, for answers with room for one sentence only. */
    public static String headline(String reference, long originalId, Instant originalAt, boolean sameContent) {
        String when = WHEN.format(originalAt.atZone(ZoneId.systemDefault()));
        return "DUPLICATE, not processed: " + (sameContent
                ? "the same content as message " + originalId + " of " + when
                : "the reference " + reference + " was already used by message " + originalId + " on " + when);
    }

    /** The full text: what was received, that it was not processed, why, and what to do. */
    public static String text(String partner, String channel, String fileName, String reference, long originalId,
                              Instant originalAt, boolean sameContent) {
        String label = reference == null || reference.isBlank() ? fileName : reference;
        return "Interchange " + label + " (" + channel + " file " + fileName + ") from " + partner + ": DUPLICATE, not"
                + " processed\n"
                + "Why: " + headline(label, originalId, originalAt, sameContent).substring("DUPLICATE, not processed: ".length())
                + (sameContent ? "." : " (its content differs from this file).") + "\n"
                + "Nothing in this file was translated or forwarded to any agency.\n"
                + "What to do: to submit new or corrected data, send it again with a new interchange reference"
                + " (UNB 0020, or the document's own reference); if this was a resend of message " + originalId
                + ", nothing is needed: its own answer stands (ask for the status of message " + originalId + ").\n";
    }
}
