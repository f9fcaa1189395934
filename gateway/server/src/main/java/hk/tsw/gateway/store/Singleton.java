package hk.tsw.gateway.store;

import java.util.regex.Pattern;

/**
 * A piece of work that must run on exactly one node of a cluster at a time (issue 15), by name. The name is the
 * {@code singleton} column of {@code singleton_tenure}, the tag of the {@code tsw_singleton_held} gauge, and (with the
 * database schema) what the lock is keyed by, so nodes sharing a schema compete for it and nothing else does.
 */
public record Singleton(String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9@._:-]{1,100}");

    /** The webhook sender (answer/WebhookRoute). */
    public static final Singleton WEBHOOKS = new Singleton("partner-webhooks");
    /** The AS2 outbound sender: replies and asynchronous MDNs (intake/as2/As2Sender). */
    public static final Singleton AS2_OUTBOUND = new Singleton("as2-outbound");
    /** The sweep that re-queues what a dead node recorded but never handed to the broker (runtime/UnfinishedSweep). */
    public static final Singleton UNFINISHED_SWEEP = new Singleton("unfinished-sweep");

    /** Retention: archive and purge of finished messages' payloads (store/Retention, runtime/RetentionJob). */
    public static final Singleton RETENTION = new Singleton("retention");

    public Singleton {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad singleton name: " + name);
        }
    }

    /**
     * The SFTP receive poller of one mailbox store: nodes that share the mailbox folder (one store id) share the
     * singleton, so each uploaded file is taken by one node; nodes with folders of their own each poll their own.
     */
    public static Singleton sftpReceive(String mailboxStoreId) {
        return new Singleton("sftp-receive@" + mailboxStoreId);
    }

    @Override
    public String toString() {
        return name;
    }
}
