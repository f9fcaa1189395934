package hk.tsw.gateway.intake.as2;

/**
 * Why an AS2 message was refused, as the disposition modifier its MDN carries ({@code processed/error: <modifier>})
 * and a sentence for the MDN's human-readable part and the message's timeline.
 */
public final class As2Failure extends Exception {

    public static final String AUTHENTICATION_FAILED = "authentication-failed";
    public static final String INTEGRITY_CHECK_FAILED = "integrity-check-failed";
    public static final String DECRYPTION_FAILED = "decryption-failed";
    public static final String DECOMPRESSION_FAILED = "decompression-failed";
    public static final String INSUFFICIENT_SECURITY = "insufficient-message-security";
    public static final String UNEXPECTED = "unexpected-processing-error";

    private final String modifier;

    public As2Failure(String modifier, String reason) {
        super(reason);
        this.modifier = modifier;
    }

    public As2Failure(String modifier, String reason, Throwable cause) {
        super(reason, cause);
        this.modifier = modifier;
    }

    public String modifier() {
        return modifier;
    }
}
