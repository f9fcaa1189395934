package hk.tsw.gateway.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * One transacted JMS session with one consumer of one queue, kept open from batch to batch: how a stage takes its queue
 * in batches and acknowledges each batch, with everything it sent for it, in one broker commit (the route stage's
 * {@code ReceivedBatchConsumer}, the deliver stage's {@code AgencyBatchConsumer}). Used by one thread at a time, its
 * route's timer; {@link #drop} may also come from the route stopping.
 *
 * <p>Promises. It opens by itself, at the first {@link #receive} and at the first after a {@link #drop}. Nothing is
 * acknowledged or sent before {@link #commit}: a drop (or a crash) gives every message received since the last commit
 * back to the broker and discards every message sent since. A drop never throws: it rolls back and closes the
 * producers, the consumer, the session and the connection, each as far as a broken broker lets it. Producers are kept
 * per queue while the session lives, persistent, their delivery delay set at each send.
 *
 * <p>Two kinds, by who owns the connection. {@link #onOwnConnection}: a connection of its own, watched; after any
 * failure or failover it is {@link #stale} (Artemis reports a completed reconnection as an exception too), and its
 * user drops it rather than trust sessions the client re-created on the other broker. {@link #onSharedConnection}: a
 * session of a caching factory's shared connection, whose owner watches it and opens it afresh after a failover (the
 * gateway's {@code BrokerLink}); closing gives the session back to the cache, its producers' delays undone.
 */
public final class TransactedBatchSession {

    private final ConnectionFactory factory;
    private final String queue;
    private final boolean ownConnection;
    private final long recoveryMs;
    private final Map<String, MessageProducer> producers = new HashMap<>();
    private volatile boolean stale;
    private Connection connection;
    private Session session;
    private MessageConsumer consumer;

    private TransactedBatchSession(ConnectionFactory factory, String queue, boolean ownConnection, long recoveryMs) {
        this.factory = factory;
        this.queue = queue;
        this.ownConnection = ownConnection;
        this.recoveryMs = recoveryMs;
    }

    /**
     * @param factory the broker's own (not a caching one): each opening makes a connection, each drop closes it
     * @param recoveryMs how long {@link #dropAndPause} waits ({@code gateway.broker.recovery.ms})
     */
    public static TransactedBatchSession onOwnConnection(ConnectionFactory factory, String queue, long recoveryMs) {
        return new TransactedBatchSession(factory, queue, true, recoveryMs);
    }

    /**
     * @param cached a caching factory whose owner watches its shared connection; never {@link #stale}
     * @param recoveryMs how long {@link #dropAndPause} waits ({@code gateway.broker.recovery.ms})
     */
    public static TransactedBatchSession onSharedConnection(ConnectionFactory cached, String queue, long recoveryMs) {
        return new TransactedBatchSession(cached, queue, false, recoveryMs);
    }

    /**
     * Up to {@code batchMax} messages of the queue, opening the session first if it is not open: the first waits up to
     * {@code firstWaitMs}, each next one at most {@code windowMs} (none at all when 0). Empty when the queue stayed
     * empty; on an exception, what it received stays uncommitted until the caller drops.
     */
    public List<Message> receive(int batchMax, long firstWaitMs, long windowMs) throws JMSException {
        if (session == null) {
            open();
        }
        List<Message> batch = new ArrayList<>();
        Message m = consumer.receive(firstWaitMs);
        while (m != null) {
            batch.add(m);
            if (batch.size() >= batchMax) {
                break;
            }
            m = windowMs <= 0 ? consumer.receiveNoWait() : consumer.receive(windowMs);
        }
        return batch;
    }

    private void open() throws JMSException {
        stale = false;
        connection = factory.createConnection();
        if (ownConnection) {
            connection.setExceptionListener(e -> stale = true);
        }
        connection.start();
        session = connection.createSession(true, Session.SESSION_TRANSACTED);
        consumer = session.createConsumer(session.createQueue(queue));
    }

    /** The open session, to make the messages to {@link #send}; valid until the next drop. */
    public Session session() {
        return session;
    }

    /** Sends {@code m} to {@code queue} in the session's transaction, delivered {@code delayMs} after the commit. */
    public void send(String queue, Message m, long delayMs) throws JMSException {
        MessageProducer p = producers.get(queue);
        if (p == null) {
            p = session.createProducer(session.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            producers.put(queue, p);
        }
        p.setDeliveryDelay(delayMs);
        p.send(m);
    }

    /** Acknowledges what was received and delivers what was sent since the last commit, all or nothing. */
    public void commit() throws JMSException {
        session.commit();
    }

    /** Whether its own connection reported a failure or a failover since it opened: then drop before going on. */
    public boolean stale() {
        return stale;
    }

    /** Rolls back and closes everything, so the next receive opens afresh; never throws. */
    public void drop() {
        try {
            if (session != null) {
                session.rollback();
            }
        } catch (JMSException | RuntimeException ignored) {
            // the session is gone with its connection: the broker has already given its messages back
        }
        producers.values().forEach(TransactedBatchSession::close);
        close(consumer);
        close(session);
        close(connection);
        producers.clear();
        consumer = null;
        session = null;
        connection = null;
    }

    /** Drops, then waits {@code gateway.broker.recovery.ms}: no hot loop on a broker that is down or a batch given back. */
    public void dropAndPause() throws InterruptedException {
        drop();
        Thread.sleep(recoveryMs);
    }

    /** How long {@link #dropAndPause} waits, for its users' log lines. */
    public long recoveryMs() {
        return recoveryMs;
    }

    private static void close(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // closing a broken session or connection cannot do more
        }
    }
}
