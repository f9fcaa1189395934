package hk.tsw.gateway.translate.edifact;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads only the UNA/UNB of a file: what a transport needs at receipt (the sender to authorise, the control
 * reference for duplicate detection) without scanning the whole interchange.
 */
public final class InterchangeHeaders {

    private InterchangeHeaders() {
    }

    /** The first interchange's header, or empty when the data does not start with a readable UNB. */
    public static Optional<InterchangeHeader> peek(byte[] content) {
        try {
            SegmentTokenizer t = new SegmentTokenizer(new ByteArrayInputStream(content));
            t.skipByteOrderMark();
            ServiceChars una = t.readUna();
            ServiceChars chars = una == null ? ServiceChars.defaults() : una;
            if (una != null && una.problem() != null) {
                return Optional.empty();
            }
            t.use(chars);
            Segment unb = t.next(1);
            if (unb == null || !"UNB".equals(unb.tag()) || t.truncated()) {
                return Optional.empty();
            }
            return Optional.of(InterchangeHeader.of(una, chars, unb));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
