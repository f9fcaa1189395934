package hk.tsw.gateway.store;

import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import hk.tsw.gateway.settings.RetentionSettings;
import hk.tsw.gateway.settings.RetentionSettings.Policy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention (issue 15 item 4): archives the payloads of finished messages past their family's online period, purges
 * archives past the legal retention period, and restores an archived message on an operator's request. A message is
 * changed only when it is finished ({@link RetentionRows#FINISHED}); its online files are removed only after its zip
 * is written, fsynced and read back with every SHA-256 checked, and after the database records the archive. Every step
 * is safe to repeat after a crash: an archive written but not recorded is written again (same name, same bytes); a
 * message recorded as archived whose files were not yet removed is finished first by the next run. A payload file
 * still referred to by a message that is online (content-addressed files can be shared) is kept.
 * Runs as the {@code retention} singleton ({@code leading} is asked before each message).
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy/MM").withZone(ZoneOffset.UTC);
    private static final String ONLINE = "i.archived_at IS NULL AND i.purged_at IS NULL"
            + " AND (i.restored_at IS NULL OR i.restored_at < ?)" + RetentionRows.FINISHED;

    /**
     * What one run did: messages archived, archived messages whose online files a crash had left and this run removed,
     * archives purged, and steps that failed (logged by message id, tried again by the next run).
     */
    public record Pass(int archived, int removed, int purged, int failed) {
    }

    /** What a restore found: the archive it read and how many payloads it put back. */
    public record Restored(long id, String archiveName, Instant archivedAt, int payloads, boolean wasOnline) {
    }

    private final Jdbc jdbc;
    private final PayloadFiles payloads;
    private final MessageArchive archive;
    private final RetentionRows rows;
    private final int batch;
    private final Clock clock;
    private final AtomicLong archivedCount = new AtomicLong();
    private final AtomicLong purgedCount = new AtomicLong();
    private volatile LongConsumer afterArchiveWritten = id -> { };

    /** @param familyOfType document type -> its family (config/documents), for the per-family periods */
    public Retention(MessageStore store, RetentionSettings settings, Map<String, String> familyOfType, Clock clock) {
        this.jdbc = store.jdbc();
        this.payloads = store.payloads();
        this.archive = new MessageArchive(settings.archiveDir());
        Map<String, Policy> byType = new java.util.HashMap<>();
        familyOfType.forEach((type, family) -> byType.put(type, settings.families().getOrDefault(family,
                settings.defaults())));
        this.rows = new RetentionRows(settings.defaults(), byType);
        this.batch = settings.batch();
        this.clock = clock;
        payloads.archived(new PayloadFiles.Archived() {
            @Override
            public InputStream open(String sha) throws java.io.IOException {
                String[] where = jdbc.tx(c -> RetentionRows.whereArchived(c, sha));
                return where == null ? null : archive.open(where[0], where[1]);
            }

            @Override
            public long size(String sha) {
                String[] where = jdbc.tx(c -> RetentionRows.whereArchived(c, sha));
                return where == null ? -1 : Long.parseLong(where[2]);
            }
        });
    }

    /** Test hook: runs after a message's archive is written and checked, before the database records it. */
    void afterArchiveWritten(LongConsumer hook) {
        this.afterArchiveWritten = hook;
    }

    public long archivedTotal() {
        return archivedCount.get();
    }

    public long purgedTotal() {
        return purgedCount.get();
    }

    /** One run: removes what a crash left online, archives up to a batch, purges up to a batch; logs what it did. */
    public Pass run(BooleanSupplier leading) {
        Instant now = clock.instant();
        int removed = 0;
        int archived = 0;
        int purged = 0;
        int failed = 0;
        for (long id : jdbc.tx(c -> RetentionRows.ids(c, "SELECT i.id FROM interchange i WHERE i.archived_at IS NOT NULL"
                + " AND i.online_deleted_at IS NULL ORDER BY i.id LIMIT " + batch))) {
            if (leading.getAsBoolean()) {
                try {
                    removeOnline(id);
                    removed++;
                } catch (RuntimeException e) {
                    failed++;
                    LOG.error("Retention: the online files of archived message {} were not removed: {}", id, e.toString());
                }
            }
        }
        List<Long> due = jdbc.tx(c -> rows.pastPeriod(c, now, ONLINE, online(now), Policy::online, batch));
        for (long id : due) {
            if (!leading.getAsBoolean()) {
                break;
            }
            try {
                archived += archiveOne(id, now) ? 1 : 0;
            } catch (RuntimeException e) {
                failed++;
                LOG.error("Retention: message {} not archived, its payloads stay online: {}", id, e.toString());
            }
        }
        List<Long> expired = jdbc.tx(c -> rows.pastPeriod(c, now, "i.archived_at IS NOT NULL AND i.purged_at IS NULL"
                + " AND i.online_deleted_at IS NOT NULL", new Object[0], Policy::legal, batch));
        for (long id : expired) {
            if (!leading.getAsBoolean()) {
                break;
            }
            try {
                purged += purgeOne(id, now) ? 1 : 0;
            } catch (RuntimeException e) {
                failed++;
                LOG.error("Retention: the archive of message {} was not purged: {}", id, e.toString());
            }
        }
        if (removed + archived + purged + failed > 0) {
            LOG.info("Retention: archived {} message(s), finished removing the online files of {}, purged {}, {} failed"
                    + " (batch {})", archived, removed, purged, failed, batch);
        }
        return new Pass(archived, removed, purged, failed);
    }

    private Object[] online(Instant now) {
        Object[] p = new Object[RetentionRows.FINISHED_PARAMS.length + 1];
        // a restored message stays online for at least the shortest online period after its restore
        p[0] = now.minus(rows.shortestOnline());
        System.arraycopy(RetentionRows.FINISHED_PARAMS, 0, p, 1, RetentionRows.FINISHED_PARAMS.length);
        return p;
    }

    private boolean archiveOne(long id, Instant now) {
        record Plan(List<MessageArchive.Entry> entries, Policy policy, Instant received, String partner) {
        }
        Plan plan = jdbc.tx(c -> {
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT received_at, partner_id FROM interchange WHERE id = ?", id);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Plan(RetentionRows.entries(c, id, payloads), rows.policy(c, id),
                        rs.getTimestamp(1).toInstant(), rs.getString(2));
            }
        });
        String name = MONTH.format(plan.received()) + "/message-" + id + ".zip";
        String policy = plan.policy().name() + " online " + plan.policy().online().toDays() + " days";
        archive.write(name, "message " + id + " of partner " + plan.partner() + ", received " + plan.received()
                + ", archived " + now + " (" + policy + ")\n", plan.entries(), payloads);
        archive.verify(name, plan.entries());
        afterArchiveWritten.accept(id);
        boolean recorded = jdbc.tx(c -> {
            Object[] p = new Object[RetentionRows.FINISHED_PARAMS.length + 4];
            p[0] = now;
            p[1] = name;
            p[2] = policy;
            p[3] = id;
            System.arraycopy(RetentionRows.FINISHED_PARAMS, 0, p, 4, RetentionRows.FINISHED_PARAMS.length);
            if (Jdbc.update(c, "UPDATE interchange i SET archived_at = ?, archive_name = ?, archive_policy = ?,"
                    + " online_deleted_at = NULL WHERE i.id = ? AND i.archived_at IS NULL" + RetentionRows.FINISHED, p) == 0) {
                return false; // no longer finished (an answer or decision came meanwhile): left online
            }
            Jdbc.update(c, "DELETE FROM archived_payload WHERE interchange_id = ?", id);
            for (MessageArchive.Entry e : plan.entries()) {
                Jdbc.update(c, "INSERT INTO archived_payload (interchange_id, entry, sha256, size_bytes, roles)"
                        + " VALUES (?, ?, ?, ?, ?)", id, e.name(), e.sha256(), e.size(), String.join("; ", e.roles()));
            }
            MessageStore.event(c, id, null, null, "ARCHIVED", plan.entries().size() + " payload(s) to archive " + name
                    + " (" + policy + ")");
            return true;
        });
        if (recorded) {
            archivedCount.incrementAndGet();
            removeOnline(id);
        }
        return recorded;
    }

    /** Removes the archived message's online files that no online message needs, then records that it did. */
    private void removeOnline(long id) {
        String name = jdbc.tx(c -> RetentionRows.text(c, "SELECT archive_name FROM interchange WHERE id = ?", id));
        for (MessageArchive.Entry e : jdbc.tx(c -> RetentionRows.archived(c, id))) {
            if (!jdbc.tx(c -> RetentionRows.referencedOnline(c, e.sha256()))) {
                payloads.delete(e.sha256());
                // the same content may have been received again between the question and the removal: put it back
                if (jdbc.tx(c -> RetentionRows.referencedOnline(c, e.sha256()))) {
                    archive.restore(name, e, payloads);
                }
            }
        }
        jdbc.tx(c -> Jdbc.update(c, "UPDATE interchange SET online_deleted_at = ? WHERE id = ? AND archived_at IS NOT NULL",
                clock.instant(), id));
    }

    private boolean purgeOne(long id, Instant now) {
        String name = jdbc.tx(c -> RetentionRows.text(c, "SELECT archive_name FROM interchange WHERE id = ?", id));
        String policy = jdbc.tx(c -> {
            Policy p = rows.policy(c, id);
            return p.name() + " legal retention " + p.legal().toDays() + " days";
        });
        boolean existed = archive.delete(name);
        boolean done = jdbc.tx(c -> {
            if (Jdbc.update(c, "UPDATE interchange SET purged_at = ?, purge_policy = ? WHERE id = ? AND purged_at IS NULL"
                    + " AND archived_at IS NOT NULL", now, policy, id) == 0) {
                return false;
            }
            MessageStore.event(c, id, null, null, "PURGED", "archive " + name + (existed ? " deleted" : " already gone")
                    + " (" + policy + ")");
            return true;
        });
        if (done) {
            purgedCount.incrementAndGet();
        }
        return done;
    }

    /**
     * Puts an archived message's payloads back (each checked against its SHA-256) and marks it online again; it is
     * archived again once an online period has passed since. Empty when there is no such message.
     *
     * @throws MessageArchivedException when the archive was purged (nothing to restore)
     */
    public Optional<Restored> restore(long id) {
        Object[] row = jdbc.tx(c -> {
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT archive_name, archived_at, purged_at, purge_policy"
                    + " FROM interchange WHERE id = ?", id); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Object[]{rs.getString(1), rs.getTimestamp(2), rs.getTimestamp(3), rs.getString(4)}
                        : null;
            }
        });
        if (row == null) {
            return Optional.empty();
        }
        if (row[2] != null) {
            throw new MessageArchivedException(id, ((java.sql.Timestamp) row[1]).toInstant(), (String) row[0],
                    ((java.sql.Timestamp) row[2]).toInstant(), (String) row[3]);
        }
        if (row[1] == null) {
            return Optional.of(new Restored(id, (String) row[0], null, 0, true));
        }
        String name = (String) row[0];
        List<MessageArchive.Entry> entries = jdbc.tx(c -> RetentionRows.archived(c, id));
        int n = putBack(name, entries);
        Instant now = clock.instant();
        jdbc.tx(c -> {
            Jdbc.update(c, "UPDATE interchange SET archived_at = NULL, online_deleted_at = NULL, restored_at = ?"
                    + " WHERE id = ?", now, id);
            MessageStore.event(c, id, null, null, "RESTORED", entries.size() + " payload(s) from archive " + name);
            return null;
        });
        n += putBack(name, entries); // a removal that raced the restore: the files are checked once more
        return Optional.of(new Restored(id, name, ((java.sql.Timestamp) row[1]).toInstant(), n, false));
    }

    private int putBack(String name, List<MessageArchive.Entry> entries) {
        int n = 0;
        for (MessageArchive.Entry e : entries) {
            if (!payloads.exists(e.sha256())) {
                archive.restore(name, e, payloads);
                n++;
            }
        }
        return n;
    }
}
