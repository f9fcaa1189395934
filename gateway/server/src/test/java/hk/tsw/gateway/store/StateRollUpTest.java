package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class StateRollUpTest {

    @Test
    void a_message_is_as_delivered_as_its_deliveries() {
        assertEquals("DELIVERED", StateRollUp.of("TRANSLATED", List.of("DELIVERED", "DELIVERED")));
        assertEquals("ROUTED", StateRollUp.of("TRANSLATED", List.of("DELIVERED", "PENDING")));
        assertEquals("PARTLY_DELIVERED", StateRollUp.of("TRANSLATED", List.of("DELIVERED", "DEAD")));
        assertEquals("PARTLY_DELIVERED", StateRollUp.of("PARTIAL", List.of("DELIVERED")), "some documents rejected");
        assertEquals("DELIVERY_FAILED", StateRollUp.of("TRANSLATED", List.of("DEAD", "DEAD")));
    }

    @Test
    void a_message_with_nothing_to_deliver_keeps_its_stage() {
        for (String stage : List.of("RECEIVED", "REJECTED", "DUPLICATE", "FAILED", "TRANSLATED")) {
            assertEquals(stage, StateRollUp.of(stage, List.of()));
        }
        assertEquals("DUPLICATE", StateRollUp.of("DUPLICATE", List.of("DELIVERED")), "a duplicate is never delivered");
    }
}
