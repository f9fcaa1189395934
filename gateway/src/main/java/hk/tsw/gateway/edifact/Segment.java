package hk.tsw.gateway.edifact;

import java.util.List;

/**
 * One EDIFACT segment as received: its position in the interchange (UNB = 1) and its data elements, each a list
 * of repetitions, each a list of components. Values are decoded text with release characters removed.
 */
public record Segment(int number, String tag, List<List<List<String>>> elements) {

    /** Component {@code c} of the first repetition of element {@code e} (both 1-based), or "" when absent. */
    public String value(int e, int c) {
        if (e < 1 || e > elements.size()) {
            return "";
        }
        List<String> first = elements.get(e - 1).get(0);
        return c < 1 || c > first.size() ? "" : first.get(c - 1);
    }

    /** Number of data elements present (after the tag). */
    public int elementCount() {
        return elements.size();
    }
}
