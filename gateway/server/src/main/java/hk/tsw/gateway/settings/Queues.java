package hk.tsw.gateway.settings;

/**
 * The gateway's broker queue names, in one place. These are wire names: messages already waiting under them (on a
 * broker that outlives an upgrade) must still be found, so they never change. Queues carry only ids.
 */
public final class Queues {

    /** Every gateway queue starts with this (the API's queue listing and the broker's address filter use it). */
    public static final String PREFIX = "tsw.";
    /** Recorded interchanges waiting for the route stage (body: the interchange id). */
    public static final String RECEIVED = "tsw.received";
    /** Parked poison interchanges and dead deliveries, for an operator's re-drive. */
    public static final String DEAD = "tsw.dead";
    /** Where the broker moves expired messages. */
    public static final String EXPIRED = "tsw.expired";
    private static final String DELIVER = "tsw.deliver.";
    private static final String DECISIONS = "tsw.decisions.";

    private Queues() {
    }

    /** The queue of one agency's deliveries (body: the delivery id, as text). */
    public static String deliver(String agency) {
        return DELIVER + agency;
    }

    /** The queue an agency posts its decisions to. */
    public static String decisions(String agency) {
        return DECISIONS + agency;
    }

    /** {@code jms:queue:<name>} for a Camel endpoint. */
    public static String jms(String queue) {
        return "jms:queue:" + queue;
    }
}
