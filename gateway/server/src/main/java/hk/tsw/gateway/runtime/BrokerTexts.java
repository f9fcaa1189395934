package hk.tsw.gateway.runtime;

/** What the broker link writes into logs and start failures: URLs without their passwords, causes in full. */
final class BrokerTexts {

    private BrokerTexts() {
    }

    /** The exception and its causes, "; caused by "-joined (the JMS wrapper alone says only "Failed to create"). */
    static String withCauses(Throwable e) {
        StringBuilder b = new StringBuilder(e.toString());
        Throwable c = e.getCause();
        for (int depth = 0; c != null && depth < 8; depth++, c = c.getCause()) { // bounded: a cause may loop
            b.append("; caused by ").append(c);
        }
        return b.toString();
    }

    /** A broker URL fit for a log: the value of every parameter whose name holds "password" masked. */
    static String shown(String url) {
        return url.replaceAll("(?i)([?&][^=&]*password=)[^&]*", "$1***");
    }
}
