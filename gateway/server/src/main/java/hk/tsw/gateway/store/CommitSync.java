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
 *
 * <p>Grouped writes ({@code gateway.db.h2.group.commit.writes}, on by default): H2 then no longer writes a chunk of its
 * own at each commit; the force writes one chunk holding every commit made since the last one ({@code MVStore.commit})
 * and forces it, so commits of several threads share the page serialisation as well as the fsync (a page near a
 * B-tree's root changed by five commits is written once, not five times). The promise is unchanged: a commit is
 * written and forced before {@link Jdbc} returns from it. Writes that do not go through {@link Jdbc} (the schema
 * migration, {@link #storeNow}; the SOAP replay cache's autocommit inserts) reach the file with the next forced
 * commit or at close.
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
    private final Force store;
    private final Writes writes;
    private final AtomicLong tickets = new AtomicLong();
    private final ReentrantLock forcing = new ReentrantLock();
    /** The highest ticket a finished force covers (guarded by {@link #forcing}). */
    private long durable;
    private final AtomicLong forces = new AtomicLong();
    private volatile Exception poisoned;

    CommitSync(String kind, Force force, Writes writes) {
        this(kind, force, writes, force);
    }

    private CommitSync(String kind, Force force, Writes writes, Force store) {
        this.kind = kind;
        this.force = force;
        this.writes = writes;
        this.store = store;
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
        return of(ds, allowUnsynced, true);
    }

    /**
     * As {@link #of(DataSource, boolean)}; {@code groupWrites}: H2 writes no chunk of its own per commit, the force
     * writes one for all the commits it covers (see the class comment).
     */
    public static CommitSync of(DataSource ds, boolean allowUnsynced, boolean groupWrites) {
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
            if (!groupWrites) {
                return new CommitSync("h2-file", mv::sync, CommitSync::h2Wrote);
            }
            // -1: no chunk written at each commit (0 writes one per commit, as WRITE_DELAY=0 asks) and no background
            // writer either; the forces below write and force, and H2's close writes what is left
            mv.setAutoCommitDelay(-1);
            Force writeAndForce = () -> {
                mv.commit();
                mv.sync();
            };
            return new CommitSync("h2-file-grouped", writeAndForce, CommitSync::h2Wrote, writeAndForce);
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

    /**
     * Writes and forces whatever is committed now, whether or not a commit through {@link Jdbc} asked for it (after
     * the schema migration, which writes outside it).
     */
    public void storeNow() {
        if (this == NONE) {
            return;
        }
        forcing.lock();
        try {
            requireSound();
            try {
                store.force();
            } catch (Exception e) {
                poison(e);
            }
        } finally {
            forcing.unlock();
        }
    }

    /** {@code h2-file} (or {@code h2-file-grouped}) when commits are forced, {@code none} otherwise. */
    public String kind() {
        return kind;
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
                poison(e);
            }
            forces.incrementAndGet();
            durable = upTo;
        } finally {
            forcing.unlock();
        }
    }

    private void poison(Exception e) {
        poisoned = e;
        LOG.error("The message store's file could not be forced to disk: {}. Nothing more is committed or"
                + " acknowledged by this node; check the disk, then restart the node", e.toString());
        throw new StoreException("message store: a commit could not be forced to disk: " + e, e);
    }

    private void requireSound() {
        if (poisoned != null) {
            throw new StoreException("message store: an earlier force to disk failed (" + poisoned
                    + "); nothing is acknowledged until the node is restarted", poisoned);
        }
    }
}
