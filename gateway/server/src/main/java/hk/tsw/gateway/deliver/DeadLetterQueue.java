package hk.tsw.gateway.deliver;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import hk.tsw.gateway.settings.Queues;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * The dead-letter queue ({@code tsw.dead}) letter by letter, for the operator's list and re-drive. A letter's origin
 * is the queue it failed on: {@code tswOrigin} (set by the gateway when it parks a delivery or an interchange),
 * else Artemis' own {@code _AMQ_ORIG_ADDRESS} (a message the broker moved after its maximum delivery attempts). A
 * re-drive moves the letter back to its origin in one JMS transaction: the letter is consumed from {@code tsw.dead}
 * and a copy of its body and gateway properties is sent to the origin, and both commit together (or neither, on a
 * crash or a failed {@code beforeCommit}), so a letter is re-driven at most once and never lost.
 */
public final class DeadLetterQueue {

    /** The broker's property naming the address a message was dead-lettered from. */
    public static final String BROKER_ORIGIN = "_AMQ_ORIG_ADDRESS";
    /** The gateway's property naming the queue it parked a letter from. */
    public static final String ORIGIN = "tswOrigin";
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{36}");
    private static final int BODY_SHOWN = 200;

    /** One letter as listed: id (the JMS message id without {@code ID:}), origin queue (null when unknown). */
    public record Letter(String id, Instant deadSince, String origin, String reason, Long deliveryId, String body) {
    }

    /** Run inside the move's transaction, after the send and before the commit; throwing rolls the move back. */
    public interface BeforeCommit {
        void run(Letter letter) throws Exception;
    }

    private final ConnectionFactory connections;
    private final long receiveTimeoutMs;

    /** @param receiveTimeoutMs how long to wait for the broker to hand over the letter being moved */
    public DeadLetterQueue(ConnectionFactory connections, long receiveTimeoutMs) {
        this.connections = connections;
        this.receiveTimeoutMs = receiveTimeoutMs;
    }

    /** Whether {@code id} has the form of a letter's id (a UUID); anything else is never sent to the broker. */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Up to {@code max} letters, oldest first, as a browser sees them (nothing is consumed). */
    public List<Letter> list(int max) throws JMSException {
        List<Letter> letters = new ArrayList<>();
        try (Connection c = connections.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = s.createBrowser(s.createQueue(Queues.DEAD))) {
                for (Object o : Collections.list((Enumeration<?>) browser.getEnumeration())) {
                    if (letters.size() >= max) {
                        break;
                    }
                    letters.add(letter((Message) o));
                }
            }
        }
        return letters;
    }

    /**
     * Moves letter {@code id} back to its origin queue (given by {@code origin} when the letter names none), running
     * {@code beforeCommit} in the transaction. Empty when no such letter is in the queue (already moved or never there).
     *
     * @throws IllegalStateException when the letter's origin is unknown and none is given (nothing is moved)
     */
    public Optional<Letter> move(String id, java.util.function.Function<Letter, String> originOf,
                                 BeforeCommit beforeCommit) throws Exception {
        if (!validId(id)) {
            return Optional.empty();
        }
        try (Connection c = connections.createConnection()) {
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            try (MessageConsumer dead = s.createConsumer(s.createQueue(Queues.DEAD), "JMSMessageID = 'ID:" + id + "'")) {
                Message m = dead.receive(receiveTimeoutMs);
                if (m == null) {
                    s.rollback();
                    return Optional.empty();
                }
                Letter letter = letter(m);
                String origin = letter.origin() != null ? letter.origin() : originOf.apply(letter);
                if (origin == null || !origin.startsWith(Queues.PREFIX) || origin.equals(Queues.DEAD)) {
                    s.rollback();
                    throw new IllegalStateException("dead letter " + id + " names no queue of the gateway to go back to");
                }
                try (MessageProducer p = s.createProducer(s.createQueue(origin))) {
                    p.setDeliveryMode(DeliveryMode.PERSISTENT);
                    p.send(copy(s, m));
                }
                Letter moved = new Letter(letter.id(), letter.deadSince(), origin, letter.reason(), letter.deliveryId(),
                        letter.body());
                try {
                    beforeCommit.run(moved);
                } catch (Exception e) {
                    s.rollback();
                    throw e;
                }
                s.commit();
                return Optional.of(moved);
            }
        }
    }

    /** The body and the gateway's own properties (not the reason, the origin or the broker's): as first sent. */
    private static Message copy(Session s, Message m) throws JMSException {
        Message out;
        if (m instanceof TextMessage t) {
            out = s.createTextMessage(t.getText());
        } else if (m instanceof ObjectMessage o) {
            out = s.createObjectMessage((Serializable) o.getObject());
        } else if (m instanceof BytesMessage b) {
            byte[] bytes = new byte[(int) b.getBodyLength()];
            b.readBytes(bytes);
            BytesMessage copy = s.createBytesMessage();
            copy.writeBytes(bytes);
            out = copy;
        } else {
            out = s.createMessage();
        }
        for (Object n : Collections.list((Enumeration<?>) m.getPropertyNames())) {
            String name = (String) n;
            if (!name.startsWith("_") && !name.startsWith("JMS") && !name.equals("tswReason") && !name.equals(ORIGIN)) {
                out.setObjectProperty(name, m.getObjectProperty(name));
            }
        }
        return out;
    }

    private static Letter letter(Message m) throws JMSException {
        String origin = m.getStringProperty(ORIGIN);
        if (origin == null && m.propertyExists(BROKER_ORIGIN)) {
            origin = String.valueOf(m.getObjectProperty(BROKER_ORIGIN));
        }
        String body;
        if (m instanceof TextMessage t) {
            body = t.getText();
        } else if (m instanceof ObjectMessage o) {
            body = String.valueOf(o.getObject());
        } else {
            body = "(" + m.getClass().getSimpleName() + ")";
        }
        if (body != null && body.length() > BODY_SHOWN) {
            body = body.substring(0, BODY_SHOWN) + "...";
        }
        Long delivery = m.propertyExists("tswDeliveryId") ? m.getLongProperty("tswDeliveryId") : null;
        if (delivery == null && origin != null && origin.startsWith(Queues.deliver("")) && body != null
                && body.matches("[0-9]{1,18}")) {
            delivery = Long.parseLong(body);
        }
        String id = m.getJMSMessageID();
        return new Letter(id != null && id.startsWith("ID:") ? id.substring(3) : id,
                m.getJMSTimestamp() > 0 ? Instant.ofEpochMilli(m.getJMSTimestamp()) : null, origin,
                m.getStringProperty("tswReason"), delivery, body);
    }
}
