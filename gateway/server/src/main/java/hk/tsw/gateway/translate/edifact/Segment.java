package hk.tsw.gateway.translate.edifact;

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

    /**
     * The same segment with its values re-decoded from ISO 8859-1 (how the UNB is read before its charset is known;
     * that decoding keeps every byte) into {@code charset}.
     */
    public Segment recoded(java.nio.charset.Charset charset) {
        if (charset.equals(java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return this;
        }
        List<List<List<String>>> out = elements.stream().map(e -> e.stream().map(r -> r.stream()
                .map(v -> new String(v.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), charset)).toList())
                .toList()).toList();
        return new Segment(number, tag, out);
    }

    /** Number of data elements present (after the tag). */
    public int elementCount() {
        return elements.size();
    }
}
