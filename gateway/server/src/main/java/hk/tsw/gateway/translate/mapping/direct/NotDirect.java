package hk.tsw.gateway.translate.mapping.direct;

/**
 * A message holds a construct for which the direct reader is not proven to build exactly Daffodil's tree (for
 * example a value Daffodil would split on the repetition separator, or a number written in an unusual form). The
 * caller then reads that message with Daffodil; the reason goes to the log.
 */
public final class NotDirect extends Exception {

    public NotDirect(String reason) {
        super(reason, null, false, false);
    }
}
