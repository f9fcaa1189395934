package hk.tsw.gateway.partner;

/**
 * A partner file is invalid, or contradicts another one. The message is {@code <file name>: line L: <reason>} so an
 * operator can go straight to the spot; the gateway refuses to start with it.
 */
public final class PartnerConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;

    public PartnerConfigException(String fileName, int line, String reason) {
        super(fileName + ": line " + line + ": " + reason);
        this.fileName = fileName;
        this.line = line;
    }

    public String fileName() {
        return fileName;
    }

    public int line() {
        return line;
    }
}
