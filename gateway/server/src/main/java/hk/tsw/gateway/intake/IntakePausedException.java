package hk.tsw.gateway.intake;

/**
 * Intake is paused (the data disk is above its limit): nothing of the submission was stored and nothing may be
 * acknowledged. Each channel answers in its own words: the SFTP file stays in the inbox, AS2 gets 503 with
 * Retry-After, SOAP a fault {@code INTAKE_PAUSED}.
 */
public final class IntakePausedException extends RuntimeException {

    public IntakePausedException(String reason) {
        super(reason, null, false, false);
    }
}
