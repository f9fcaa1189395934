package hk.tsw.gateway.translate;

/**
 * One thing wrong with an inbound file, located precisely enough for a partner to find and fix it, and for a
 * CONTRL, APERAK or SOAP fault to be written from it without re-reading the file.
 *
 * @param scope         which unit the error rejects
 * @param interchangeRef UNB 0020 (EDIFACT) or null
 * @param messageRef    UNH 0062, or the XML document's reference, or null for interchange-level errors
 * @param segmentNumber position of the segment counting UNB as 1 (0 when not applicable)
 * @param segmentTag    tag of that segment, or null
 * @param element       1-based data element position within the segment (0 when not applicable)
 * @param component     1-based component position within the element (0 when not applicable)
 * @param value         the offending value as received (may be null)
 * @param reason        plain English
 * @param syntaxCode    ISO 9735 data element 0085 code, or null when not a syntax error
 * @param line          line number for XML input (0 when not applicable)
 * @param xpath         XPath of the offending node for XML input, or null
 * @param advice        what the sender should change, in plain words (from the mappings' advice data), or null
 */
public record LocatedError(Scope scope, String interchangeRef, String messageRef, int segmentNumber,
                           String segmentTag, int element, int component, String value, String reason,
                           String syntaxCode, int line, String xpath, String advice) {

    /** An error without advice yet: the checks locate it, {@code rules/ClerkAdvice} adds what to do. */
    public LocatedError(Scope scope, String interchangeRef, String messageRef, int segmentNumber, String segmentTag,
                        int element, int component, String value, String reason, String syntaxCode, int line,
                        String xpath) {
        this(scope, interchangeRef, messageRef, segmentNumber, segmentTag, element, component, value, reason,
                syntaxCode, line, xpath, null);
    }

    /** The same error with {@code advice} (null or blank for none). */
    public LocatedError withAdvice(String advice) {
        return new LocatedError(scope, interchangeRef, messageRef, segmentNumber, segmentTag, element, component,
                value, reason, syntaxCode, line, xpath, advice == null || advice.isBlank() ? null : advice);
    }

    /** The unit an error rejects. */
    public enum Scope { INTERCHANGE, GROUP, MESSAGE }

    public static LocatedError interchange(String interchangeRef, int segmentNumber, String tag, int element,
                                           int component, String value, String reason, String code) {
        return new LocatedError(Scope.INTERCHANGE, interchangeRef, null, segmentNumber, tag, element, component,
                value, reason, code, 0, null);
    }

    public static LocatedError group(String interchangeRef, int segmentNumber, String tag, int element,
                                     int component, String value, String reason, String code) {
        return new LocatedError(Scope.GROUP, interchangeRef, null, segmentNumber, tag, element, component,
                value, reason, code, 0, null);
    }

    public static LocatedError message(String interchangeRef, String messageRef, int segmentNumber, String tag,
                                       int element, int component, String value, String reason, String code) {
        return new LocatedError(Scope.MESSAGE, interchangeRef, messageRef, segmentNumber, tag, element, component,
                value, reason, code, 0, null);
    }

    public static LocatedError xml(String documentRef, int line, String xpath, String value, String reason) {
        return new LocatedError(Scope.MESSAGE, null, documentRef, 0, null, 0, 0, value, reason, null, line, xpath);
    }

    /**
     * The one-line form used on stderr and in logs:
     * {@code message M: segment N (TAG) element E.C: reason [0085=code]} or {@code line L: /XPath: reason}, then
     * {@code . What to do: advice} when there is advice.
     */
    public String format() {
        String located = located();
        return advice == null ? located : located + ". What to do: " + advice;
    }

    /** {@link #format()} without the advice: where, and what is wrong. */
    public String located() {
        StringBuilder b = new StringBuilder();
        if (xpath != null || (line > 0 && segmentNumber == 0)) {
            b.append("line ").append(line).append(": ").append(xpath == null ? "/" : xpath).append(": ").append(reason);
            appendValue(b);
            return b.toString();
        }
        if (scope == Scope.MESSAGE && messageRef != null) {
            b.append("message ").append(messageRef).append(": ");
        } else {
            b.append("interchange ").append(interchangeRef == null ? "?" : interchangeRef).append(": ");
        }
        if (segmentNumber > 0) {
            b.append("segment ").append(segmentNumber);
            if (segmentTag != null) {
                b.append(" (").append(segmentTag).append(')');
            }
            if (element > 0) {
                b.append(" element ").append(element);
                if (component > 0) {
                    b.append('.').append(component);
                }
            }
            b.append(": ");
        }
        b.append(reason);
        appendValue(b);
        if (syntaxCode != null) {
            b.append(" [0085=").append(syntaxCode).append(']');
        }
        return b.toString();
    }

    private void appendValue(StringBuilder b) {
        if (value != null && !reason.contains(value)) {
            b.append(" (value '").append(value.length() > 70 ? value.substring(0, 70) + "..." : value).append("')");
        }
    }
}
