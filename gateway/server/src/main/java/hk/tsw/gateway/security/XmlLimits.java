package hk.tsw.gateway.security;

/**
 * Limits on inbound XML, enforced while parsing (before anything is buffered whole).
 *
 * @param maxBytes       document size
 * @param maxDepth       element nesting depth
 * @param maxElements    elements in the whole document
 * @param maxAttributes  attributes on one element
 * @param maxTextLength  characters in one text node
 */
public record XmlLimits(long maxBytes, int maxDepth, int maxElements, int maxAttributes, int maxTextLength) {

    /** Defaults sized for customs declarations: a 10,000-item declaration is ~20 MB and ~300,000 elements. */
    public static XmlLimits defaults() {
        return new XmlLimits(32L * 1024 * 1024, 64, 500_000, 64, 1_000_000);
    }
}
