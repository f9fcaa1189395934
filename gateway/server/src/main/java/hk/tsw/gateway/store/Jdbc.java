package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store's few JDBC idioms: one transaction per unit of work, generated keys, parameters. */
final class Jdbc {

    private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource ds;
    private final CommitSync sync;

    /** @param sync makes each commit durable before it is reported done (see {@link CommitSync}) */
    Jdbc(DataSource ds, CommitSync sync) {
        this.ds = ds;
        this.sync = sync;
    }

    /** The connection of the unit of work in progress on this thread, if any (see {@link #unit}). */
    private final ThreadLocal<Connection> unit = new ThreadLocal<>();

    <T> T tx(Work<T> work) {
        Connection current = unit.get();
        if (current != null) {
            try {
                return work.run(current); // committed with the whole unit
            } catch (SQLException e) {
                throw new StoreException("message store: " + e.getMessage(), e);
            }
        }
        Done<T> done;
        try (Connection c = ds.getConnection()) {
            done = committed(c, work);
        } catch (SQLException e) {
            throw new StoreException("message store: " + e.getMessage(), e);
        }
        if (done.wrote()) {
            sync.committed(); // on disk before the caller acknowledges anything on it
        }
        return done.result();
    }

    /** What a transaction returned, and whether it wrote anything (so its commit must be forced). */
    private record Done<T>(T result, boolean wrote) {
    }

    /** Runs {@code work} on {@code c} as one transaction: committed if it returns, rolled back if it throws. */
    private <T> Done<T> committed(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            boolean wrote = sync.mustForce(c);
            c.commit();
            return new Done<>(result, wrote);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** H2's own JDBC isolation level SNAPSHOT (org.h2.engine.Constants.TRANSACTION_SNAPSHOT). */
    private static final int H2_SNAPSHOT = 6;

    /**
     * Runs read-only {@code work} on its own connection in one consistent snapshot of the database (PostgreSQL
     * REPEATABLE READ, H2 SNAPSHOT: every statement sees the same committed rows, and neither takes locks that would
     * hold writers back), then restores the connection's isolation. Not joined to a unit of work in progress.
     */
    <T> T snapshot(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            int was = c.getTransactionIsolation();
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
            c.setTransactionIsolation(postgres ? Connection.TRANSACTION_REPEATABLE_READ : H2_SNAPSHOT);
            try {
                return committed(c, work).result(); // read only: nothing to force
            } finally {
                c.setTransactionIsolation(was);
            }
        } catch (SQLException e) {
            throw new StoreException("message store: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} with every {@link #tx} it makes on this thread in one transaction, committed once at the
     * end (one commit, and one journal write, instead of one per statement group); all or nothing. Nested units join
     * the outer one.
     */
    <T> T unit(java.util.function.Supplier<T> work) {
        if (unit.get() != null) {
            return work.get();
        }
        List<Runnable> after = new ArrayList<>();
        T result;
        boolean force;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            unit.set(c);
            afterCommit.set(after);
            try {
                result = work.get();
                force = sync.mustForce(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                unit.remove();
                afterCommit.remove();
            }
        } catch (SQLException e) {
            throw new StoreException("message store: " + e.getMessage(), e);
        }
        if (force) {
            sync.committed(); // durable before anything that waited for the commit runs
        }
        if (!after.isEmpty()) {
            runCommitted(after);
        }
        return result;
    }

    /** What waits for the unit in progress on this thread to commit (see {@link #afterCommit}). */
    private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();

    /**
     * Runs {@code action} once the unit of work in progress on this thread has committed, and never if it rolls back
     * (an answer written to a partner only when what it says is durable); at once when no unit is in progress. The
     * actions of a unit run in the order given, together in a unit of their own (their writes commit once); an action
     * that fails is logged, not thrown: what the unit did is committed whatever follows.
     */
    void afterCommit(Runnable action) {
        List<Runnable> after = unit.get() == null ? null : afterCommit.get();
        if (after == null) {
            action.run();
        } else {
            after.add(action);
        }
    }

    private void runCommitted(List<Runnable> after) {
        try {
            unit(() -> {
                after.forEach(Runnable::run);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("After a committed unit of work: {}", e.toString(), e);
        }
    }

    /** An insert's generated key on PostgreSQL: every table the store inserts into by {@link #insert} has it. */
    private static final String[] ID = {"id"};

    /**
     * A statement with its parameters set. On PostgreSQL it asks for no generated keys: the driver answers
     * {@code RETURN_GENERATED_KEYS} by appending {@code RETURNING *} to an INSERT, UPDATE or DELETE, so every column of
     * every row written (an interchange's whole answer text, an event's detail) would come back over the wire to be
     * decoded and dropped. On H2 the call is as it always was.
     */
    static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        return bind(postgres(c) ? c.prepareStatement(sql) : c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS),
                params);
    }

    /** An INSERT whose generated key {@link #insert} reads: on PostgreSQL {@code RETURNING "id"} only. */
    static PreparedStatement prepareInsert(Connection c, String sql, Object... params) throws SQLException {
        return bind(postgres(c) ? c.prepareStatement(sql, ID) : c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS),
                params);
    }

    private static PreparedStatement bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            ps.setObject(i + 1, p instanceof Instant t ? Timestamp.from(t) : p);
        }
        return ps;
    }

    /** Whether {@code c} (through the pool's proxy) is PostgreSQL's driver. */
    private static boolean postgres(Connection c) throws SQLException {
        return c.isWrapperFor(org.postgresql.core.BaseConnection.class);
    }

    static long insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepareInsert(c, sql, params)) {
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0L;
            }
        }
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /**
     * One statement run once for each row of parameters, as one JDBC batch (one round trip on PostgreSQL, where each
     * run would be one); no generated keys asked for. Returns the driver's per-row counts: H2 and PostgreSQL count
     * each UPDATE's rows, but PostgreSQL's {@code reWriteBatchedInserts} answers an INSERT's with
     * {@link Statement#SUCCESS_NO_INFO}.
     */
    static int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /** First column of the first row as a long, or null. */
    static Long queryLong(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }
}
