package hk.tsw.gateway.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which node runs each {@link Singleton}, by the database engine's own lock, never a home-made lease. On
 * PostgreSQL a node holds a singleton while its dedicated connection (opened here, outside the pool, which would
 * recycle it) holds the session-level advisory lock {@code pg_try_advisory_lock(key)}, the key a hash of the schema and
 * the singleton's name. Every {@code retryMs} the holder asks the database for the time on that connection (a network
 * timeout bounds the wait): when that fails the connection, and with it every lock, is lost, and {@link #holds} says
 * no at once, before anything else is done; then the node tries to take again what it wants, on a new connection. On
 * H2 (embedded, one node) the node always holds every singleton.
 *
 * <p>Each tenure is a {@code singleton_tenure} row ({@link SingletonTenure}) from the database's time just after the
 * lock was won to the time the holder last confirmed it; the lock is only released once the holder's session ends,
 * after that confirmation, so one singleton's rows never overlap. Work a holder does between its last confirmation and
 * noticing the loss (at most {@code retryMs}) may overlap its successor's: each singleton's work is safe to repeat.
 *
 * <p>On the same connection the node also holds a lock keyed by its own name, for as long as its session lives: the
 * database's word that the node is alive ({@link #alive}), used by the unfinished-work sweep. It is no lease: nothing
 * is renewed, and the server frees it when the session ends.
 */
public final class SingletonElector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SingletonElector.class);

    /** Opens the dedicated connection the locks are held on. */
    public interface LockConnections {
        Connection open() throws SQLException;
    }

    private record Held(long tenureId, Instant since) {
    }

    private final SingletonTenure tenure;
    private final LockConnections connections;
    private final String node;
    private final long retryMs;
    private final List<Singleton> wanted = new CopyOnWriteArrayList<>();
    private final Map<Singleton, Held> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tsw-singletons");
        t.setDaemon(true);
        return t;
    });
    private Connection lock; // guarded by this (rounds run on the timer thread, close on the caller's)
    private boolean postgres;
    private Instant confirmed;
    private boolean failing;
    private boolean nodeLock;
    private boolean nodeLockWarned;

    public SingletonElector(MessageStore store, LockConnections connections, String node, long retryMs) {
        this.tenure = new SingletonTenure(store);
        this.connections = connections;
        this.node = node;
        this.retryMs = retryMs;
    }

    /** This node wants to run {@code s}; returns what the work asks before each step: whether it holds it now. */
    public BooleanSupplier want(Singleton s) {
        if (!wanted.contains(s)) {
            wanted.add(s);
        }
        return () -> holds(s);
    }

    public boolean holds(Singleton s) {
        return held.containsKey(s);
    }

    /** The singletons this node wants, as names. */
    public List<Singleton> wanted() {
        return List.copyOf(wanted);
    }

    public String node() {
        return node;
    }

    /** Tries once now (so a single node holds everything before its routes start), then every {@code retryMs}. */
    public void start() {
        try {
            timer.submit(this::round).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("Singletons: first round failed: {}", e.getCause().toString());
        }
        timer.scheduleWithFixedDelay(this::round, retryMs, retryMs, TimeUnit.MILLISECONDS);
    }

    /** One check of what is held and one try for what is not; never throws (the next round tries again). */
    synchronized void round() {
        try {
            if (lock == null) {
                open();
            }
            // the database's time, asked on the lock connection: proof that the session, and its locks, still live
            Instant now = postgres ? databaseTime() : Instant.now();
            if (postgres && !nodeLock) {
                takeNodeLock();
            }
            for (Singleton s : wanted) {
                if (!held.containsKey(s) && take(s)) {
                    Instant at = postgres ? databaseTime() : Instant.now();
                    held.put(s, new Held(tenure.start(s, node, at), at));
                    LOG.info("Singleton {} is held by this node ({}): it runs here", s, node);
                }
            }
            confirmed = now;
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.warn("Singletons: the database lock connection failed, trying again every {} ms: {}", retryMs,
                        e.toString());
            }
            failing = true;
            loseAll("lock connection lost: " + e.getMessage());
        }
    }

    private void open() throws SQLException {
        Connection c = connections.open();
        try {
            c.setAutoCommit(true);
            postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            if (postgres) {
                // a socket timeout: a round on a connection whose network went silent fails instead of hanging
                c.setNetworkTimeout(Runnable::run, (int) Math.max(5_000, 2 * retryMs));
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        lock = c;
    }

    private Instant databaseTime() throws SQLException {
        try (PreparedStatement ps = lock.prepareStatement("SELECT clock_timestamp()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    private void takeNodeLock() throws SQLException {
        nodeLock = tryLock(nodeKey(lock.getSchema(), node));
        if (nodeLock) {
            LOG.info("This node ({}) holds its own node lock: other nodes see it alive", node);
        } else if (!nodeLockWarned) {
            nodeLockWarned = true;
            LOG.warn("The node lock of {} is held by another session: two nodes share this gateway.node.name, or this"
                    + " node's previous session has not ended yet; trying again every {} ms", node, retryMs);
        }
    }

    /**
     * Whether the node named {@code other} is alive: its session holds its node lock. {@code null} (a node unknown,
     * recorded before names were) counts as dead; this node is alive; on H2 (one node) every node is. Throws
     * {@link SQLException} when the lock connection cannot answer (the caller must not take that for dead).
     */
    public synchronized boolean alive(String other) throws SQLException {
        if (other == null) {
            return false;
        }
        if (other.equals(node) || !postgres) {
            return true;
        }
        if (lock == null) {
            throw new SQLException("no lock connection now");
        }
        long key = nodeKey(lock.getSchema(), other);
        if (!tryLock(key)) {
            return true;
        }
        // free: the node's session is gone; let go at once so that it can take its lock again when it comes back
        try (PreparedStatement ps = lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.executeQuery().close();
        }
        return false;
    }

    private boolean tryLock(long key) throws SQLException {
        try (PreparedStatement ps = lock.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The key of a node's own lock: as a singleton's, under another prefix. */
    static long nodeKey(String schema, String node) {
        return key("tsw-node:" + schema + ":" + node);
    }

    private boolean take(Singleton s) throws SQLException {
        if (!postgres) {
            return true;
        }
        return tryLock(key(lock.getSchema(), s));
    }

    /** The advisory lock's key: the schema and the name, hashed, so only nodes sharing the schema compete. */
    static long key(String schema, Singleton s) {
        return key("tsw-singleton:" + schema + ":" + s.name());
    }

    private static long key(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops every singleton's work first (holds says no), then records the tenures' end and drops the connection. */
    private void loseAll(String reason) {
        Map<Singleton, Held> lost = Map.copyOf(held);
        held.clear();
        Instant end = confirmed;
        for (Map.Entry<Singleton, Held> e : lost.entrySet()) {
            LOG.warn("Singleton {} is no longer held by this node ({}): {}", e.getKey(), node, reason);
            stopRow(e.getValue(), end == null ? e.getValue().since() : end, reason);
        }
        closeLock();
    }

    private void stopRow(Held h, Instant at, String reason) {
        try {
            tenure.stop(h.tenureId(), at.isBefore(h.since()) ? h.since() : at, reason);
        } catch (RuntimeException e) {
            LOG.warn("Singleton tenure {} not closed: {}", h.tenureId(), e.toString());
        }
    }

    private void closeLock() {
        nodeLock = false;
        if (lock != null) {
            try {
                lock.close();
            } catch (SQLException ignored) {
                // the session is gone or going; its locks go with it
            }
            lock = null;
        }
    }

    /** Lets go of everything: the work stops, the tenures end now, the session (and its locks) closes. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            letGo();
        }
    }

    private void letGo() {
        Map<Singleton, Held> had = Map.copyOf(held);
        held.clear();
        Instant end;
        try {
            end = postgres && lock != null ? databaseTime() : Instant.now();
        } catch (SQLException e) {
            end = confirmed == null ? Instant.now() : confirmed;
        }
        for (Held h : had.values()) {
            stopRow(h, end, "node stopping");
        }
        closeLock();
    }
}
