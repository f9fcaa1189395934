package hk.tsw.gateway.edifact;

/**
 * What the UNB (and UNA) of an interchange declare.
 *
 * @param una         the UNA's characters, or null when the interchange had no UNA
 * @param chars       the service characters in force
 * @param segment     the UNB segment as received
 */
public record InterchangeHeader(ServiceChars una, ServiceChars chars, Segment segment, String syntaxId,
                                String syntaxVersion, SyntaxCharset charset, String senderId,
                                String senderQualifier, String recipientId, String recipientQualifier,
                                String date, String time, String controlReference, String ackRequest,
                                String testIndicator) {

    static InterchangeHeader of(ServiceChars una, ServiceChars chars, Segment unb) {
        return new InterchangeHeader(una, chars, unb, unb.value(1, 1), unb.value(1, 2),
                SyntaxCharset.of(unb.value(1, 1)), unb.value(2, 1), unb.value(2, 2), unb.value(3, 1),
                unb.value(3, 2), unb.value(4, 1), unb.value(4, 2), unb.value(5, 1), unb.value(9, 1),
                unb.value(11, 1));
    }

    /** Sender as {@code id} or {@code id:qualifier}, the form partner files use. */
    public String sender() {
        return senderQualifier.isEmpty() ? senderId : senderId + ":" + senderQualifier;
    }
}
