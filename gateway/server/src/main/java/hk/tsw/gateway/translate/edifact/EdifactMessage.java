package hk.tsw.gateway.translate.edifact;

import java.util.List;
import hk.tsw.gateway.translate.LocatedError;

/**
 * One message (UNH..UNT) of an interchange, with the envelope errors found in it. A message with errors must not
 * be translated; the other messages of the interchange are unaffected.
 *
 * @param groupReference UNG 0048 when the message is in a functional group, else null
 * @param segments       UNH to UNT inclusive (UNT may be missing when the message was cut short)
 */
public record EdifactMessage(InterchangeHeader interchange, String groupReference, String reference, String type,
                             String version, String release, String agency, String associationCode,
                             List<Segment> segments, List<LocatedError> errors) {

    /** Directory version as the mappings name it: {@code D} + {@code 96A} = {@code D96A}. */
    public String directory() {
        return (version + release).toUpperCase();
    }

    public boolean accepted() {
        return errors.isEmpty();
    }

    /** The first segment with this tag, or null. */
    public Segment first(String tag) {
        return segments.stream().filter(s -> s.tag().equals(tag)).findFirst().orElse(null);
    }
}
