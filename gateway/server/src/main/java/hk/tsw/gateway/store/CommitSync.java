package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a committed transaction durable against an OS crash or a power loss before {@link Jdbc} returns from it.
 *
 * <p>Why: H2 (the embedded default) writes a commit's chunk to its file before the commit returns
 * ({@code WRITE_DELAY=0}), so a killed JVM loses nothing, but it never forces the file to disk on a commit: only a
 * clean close, a compaction or {@code CHECKPOINT SYNC} do. Until the kernel wrote its pages back (up to ~30 s), a
 * committed receipt (and the acknowledgement that followed it) could be lost with the machine. PostgreSQL forces its
 * WAL at each commit itself ({@code synchronous_commit=on}), so there this does nothing.
 *
 * <p>How: after each commit the thread takes a ticket and forces the H2 file ({@code MVStore.sync}, an {@code fsync} of
 * H2's own file channel) unless a force that began after its ticket has already finished: concurrent commits share one
 * force (group commit), and a commit is never reported durable by a force that started before it was written.
 *
 * <p>A failed force poisons this store for good: that commit and every later one throw {@link StoreException}, so
 * nothing more is acknowledged (after a failed fsync Linux may have dropped the pages it could not write, and a later
 * fsync would "succeed" without them). Restart the node once the disk is sound: H2 reopens at its last complete chunk.
 * {@code gateway.db.h2.allow.unsynced.commits=true} turns the forcing off (faster, loses the last commits with the OS).
 */
public final class CommitSync {

    private static final Logger LOG = LoggerFactory.getLogger(CommitSync.class);
    private static final CommitSync NONE = new CommitSync("none", () -> { }, c -> false);

    /** What forces the database's file: H2's {@code MVStore.sync}, or a test's own. */
    interface Force {
        void force() throws Exception;
    }

    /** Whether the transaction on a connection wrote anything (checked just before its commit). */
    interface Writes {
        boolean test(Connection c) throws SQLException;
    }

    private final String kind;
    private final Force force;
    private final Writes writes;
    private final AtomicLong tickets = new AtomicLong();
    private final ReentrantLock forcing = new ReentrantLock();
    /** The highest ticket a finished force covers (guarded by {@link #forcing}). */
    private long durable;
    private final AtomicLong forces = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile Exception poisoned;

    CommitSync(String kind, Force force, Writes writes) {
        this.kind = kind;
        this.force = force;
        this.writes = writes;
    }

    /** A test's: every commit counts as a write. */
    CommitSync(String kind, Force force) {
        this(kind, force, c -> true);
    }

    /** Nothing to do after a commit (PostgreSQL, an in-memory H2, or the switch). */
    public static CommitSync none() {
        return NONE;
    }

    /**
     * For {@code ds}'s database: H2 with a file forces that file after each commit, unless {@code allowUnsynced};
     * anything else needs nothing.
     */
    public static CommitSync of(DataSource ds, boolean allowUnsynced) {
        try (Connection c = ds.getConnection()) {
            if (!"H2".equals(c.getMetaData().getDatabaseProductName())) {
                return NONE;
            }
            if (!c.isWrapperFor(JdbcConnection.class)
                    || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                LOG.warn("The message store is an H2 server: its commits are forced to disk only as that server does");
                return NONE;
            }
            MVStore mv = session.getDatabase().getStore().getMvStore();
            if (mv.getFileStore() == null) {
                return NONE; // in memory: nothing to force
            }
            if (allowUnsynced) {
                LOG.warn("gateway.db.h2.allow.unsynced.commits=true: the message store's commits are not forced to"
                        + " disk; an OS crash or a power loss can lose the last ones (and what was acknowledged)");
                return NONE;
            }
            return new CommitSync("h2-file", mv::sync, CommitSync::h2Wrote);
        } catch (SQLException e) {
            throw new StoreException("message store: " + e.getMessage(), e);
        }
    }

    /** H2: the session's transaction has changes (a read-only one needs no force). */
    private static boolean h2Wrote(Connection c) throws SQLException {
        return c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal s && s.hasPendingTransaction();
    }

    /**
     * Called just before {@code c}'s transaction commits: whether {@link #committed} must force after it (false for a
     * transaction that only read, and always false when nothing is ever forced).
     */
    boolean mustForce(Connection c) throws SQLException {
        return this != NONE && writes.test(c);
    }

    /** {@code h2-file} when commits are forced, {@code none} otherwise. */
    public String kind() {
        return kind;
    }

    /** At a node's stop: how many commits the forces made durable, and how many forces (fsyncs) that took. */
    public void logTotals() {
        if (this != NONE) {
            LOG.info("Message store ({}): {} commits made durable by {} forces", kind, commits.get(), forces.get());
        }
    }

    /** How many commits were made durable (each once). */
    long commits() {
        return commits.get();
    }

    /** How many forces ran (each covering one or more commits). */
    long forces() {
        return forces.get();
    }

    /** Called after a commit returned: returns once that commit is on disk, or throws. */
    void committed() {
        if (this == NONE) {
            return;
        }
        commits.incrementAndGet();
        long ticket = tickets.incrementAndGet();
        forcing.lock();
        try {
            requireSound();
            if (durable >= ticket) {
                return; // a force that began after this commit was written covered it
            }
            long upTo = tickets.get(); // every ticket up to here was taken after its commit was written
            try {
                force.force();
            } catch (Exception e) {
                poisoned = e;
                LOG.error("The message store's file could not be forced to disk: {}. Nothing more is committed or"
                        + " acknowledged by this node; check the disk, then restart the node", e.toString());
                throw new StoreException("message store: a commit could not be forced to disk: " + e, e);
            }
            forces.incrementAndGet();
            durable = upTo;
        } finally {
            forcing.unlock();
        }
    }

    private void requireSound() {
        if (poisoned != null) {
            throw new StoreException("message store: an earlier force to disk failed (" + poisoned
                    + "); nothing is acknowledged until the node is restarted", poisoned);
        }
    }
}
