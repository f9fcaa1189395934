package hk.tsw.gateway.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceivedQueueTest {

    private final AtomicBoolean brokerUp = new AtomicBoolean(true);
    /** What reached the "queue": a bean endpoint standing in for the JMS one. */
    private final List<Long> received = new CopyOnWriteArrayList<>();

    public static final class Collector {
        private final List<Long> ids;

        Collector(List<Long> ids) {
            this.ids = ids;
        }

        public void add(Long id) {
            ids.add(id);
        }
    }
    private CamelContext camel;
    private ReceivedQueue queue;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("queue", new Collector(received));
        camel.start();
        queue = new ReceivedQueue(() -> camel, "bean:queue?method=add", brokerUp::get, 50);
    }

    @AfterEach
    void stop() {
        queue.close();
        camel.stop();
    }

    @Test
    void refuses_at_once_while_the_broker_is_down_and_hands_off_what_was_recorded_once_it_is_back() throws Exception {
        queue.accept(1);
        brokerUp.set(false);
        assertThrows(ReceivedQueue.BrokerUnavailableException.class, queue::checkOpen);
        assertThrows(ReceivedQueue.BrokerUnavailableException.class, () -> queue.accept(2));
        assertEquals(Set.of(2L), queue.pending());
        Thread.sleep(200); // several retry periods: nothing may be sent while the broker is down
        assertEquals(List.of(1L), received);

        brokerUp.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.pending().isEmpty());
        assertEquals(List.of(1L, 2L), received);
        assertTrue(queue.open());
    }
}
