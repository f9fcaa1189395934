package hk.tsw.gateway.translate.edifact;

/**
 * What the UNB (and UNA) of an interchange declare.
 *
 * @param una         the UNA's characters, or null when the interchange had no UNA
 * @param chars       the service characters in force
 * @param segment     the UNB segment as received
 * @param encoding    the bytes' encoding: the syntax id's own charset, or the partner's agreed one (Big5-HKSCS under
 *                    UNOA/UNOB/UNOC); null when the syntax id is not supported
 */
public record InterchangeHeader(ServiceChars una, ServiceChars chars, Segment segment, String syntaxId,
                                String syntaxVersion, SyntaxCharset charset, String senderId,
                                String senderQualifier, String recipientId, String recipientQualifier,
                                String date, String time, String controlReference, String ackRequest,
                                String testIndicator, java.nio.charset.Charset encoding) {

    static InterchangeHeader of(ServiceChars una, ServiceChars chars, Segment unb) {
        return of(una, chars, unb, null);
    }

    /** @param agreed the partner's agreed encoding for UNOA/UNOB/UNOC, or null */
    static InterchangeHeader of(ServiceChars una, ServiceChars chars, Segment unb, java.nio.charset.Charset agreed) {
        SyntaxCharset cs = SyntaxCharset.of(unb.value(1, 1));
        return new InterchangeHeader(una, chars, unb, unb.value(1, 1), unb.value(1, 2),
                cs, unb.value(2, 1), unb.value(2, 2), unb.value(3, 1),
                unb.value(3, 2), unb.value(4, 1), unb.value(4, 2), unb.value(5, 1), unb.value(9, 1),
                unb.value(11, 1), encodingOf(cs, agreed));
    }

    /** The encoding of an interchange with syntax id {@code cs} from a partner with {@code agreed} (may be null). */
    public static java.nio.charset.Charset encodingOf(SyntaxCharset cs, java.nio.charset.Charset agreed) {
        if (cs == null) {
            return null;
        }
        return agreed != null && agreedApplies(cs) ? agreed : cs.charset();
    }

    /** An agreed encoding covers the ISO 646 / ISO 8859-1 syntax ids only. */
    public static boolean agreedApplies(SyntaxCharset cs) {
        return cs == SyntaxCharset.UNOA || cs == SyntaxCharset.UNOB || cs == SyntaxCharset.UNOC;
    }

    /** True when the bytes are in an agreed encoding rather than the syntax id's own. */
    public boolean agreed() {
        return encoding != null && charset != null && !encoding.equals(charset.charset());
    }

    /** Sender as {@code id} or {@code id:qualifier}, the form partner files use. */
    public String sender() {
        return senderQualifier.isEmpty() ? senderId : senderId + ":" + senderQualifier;
    }
}
