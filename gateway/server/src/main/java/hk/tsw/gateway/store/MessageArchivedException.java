package hk.tsw.gateway.store;

import java.time.Instant;

/**
 * A message's payloads are not online: archived on {@link #archivedAt} (restore it: {@code POST
 * /api/messages/{id}/restore}), or, when {@link #purgedAt} is set, purged after the legal retention period (gone).
 */
public final class MessageArchivedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long id;
    private final Instant archivedAt;
    private final String archiveName;
    private final Instant purgedAt;
    private final String purgePolicy;

    public MessageArchivedException(long id, Instant archivedAt, String archiveName, Instant purgedAt, String purgePolicy) {
        super(purgedAt == null
                ? "message " + id + " was archived on " + archivedAt + " (" + archiveName + "): restore it with POST"
                        + " /api/messages/" + id + "/restore"
                : "message " + id + " was archived on " + archivedAt + " and its archive purged on " + purgedAt + " ("
                        + purgePolicy + "): its payloads no longer exist");
        this.id = id;
        this.archivedAt = archivedAt;
        this.archiveName = archiveName;
        this.purgedAt = purgedAt;
        this.purgePolicy = purgePolicy;
    }

    public long id() {
        return id;
    }

    public Instant archivedAt() {
        return archivedAt;
    }

    public String archiveName() {
        return archiveName;
    }

    public Instant purgedAt() {
        return purgedAt;
    }

    public boolean purged() {
        return purgedAt != null;
    }

    public String purgePolicy() {
        return purgePolicy;
    }
}
