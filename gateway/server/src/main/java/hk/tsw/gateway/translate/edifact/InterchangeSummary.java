package hk.tsw.gateway.translate.edifact;

import java.util.List;
import hk.tsw.gateway.translate.LocatedError;

/**
 * The end of one interchange: how many messages it carried and the interchange-level errors (bad UNB, UNZ count or
 * reference, truncation, stray segments). Any error here rejects the whole interchange, whatever its messages were.
 *
 * @param header null when the data did not even start with a usable UNA/UNB
 */
public record InterchangeSummary(InterchangeHeader header, int messageCount, int groupCount, int segmentCount,
                                 List<LocatedError> errors) {

    public boolean accepted() {
        return errors.isEmpty();
    }

    public String reference() {
        return header == null ? null : header.controlReference();
    }
}
