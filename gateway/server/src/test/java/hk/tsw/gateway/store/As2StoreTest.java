package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import hk.tsw.gateway.testsupport.TestPools;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The AS2 exchange record and its timeline event are written together, once per Message-ID. */
class As2StoreTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void an_exchange_is_recorded_with_its_event_and_a_second_record_of_the_message_id_adds_neither(String kind) {
        MessageStore store = pools.store(kind, tmp);
        As2Store as2 = new As2Store(store);
        MessageStore.Receipt r = store.receive("P1", "AS2", "m.edi", "UNB...as2".getBytes(StandardCharsets.UTF_8),
                "REF-AS2-1", Duration.ofDays(30));

        long id = as2.record(exchange(r.id(), "<m1@partner>"), Duration.ofDays(30), "AS2_MDN", x -> "synchronous MDN (AS2 exchange " + x + ")");
        long again = as2.record(exchange(r.id(), "<m1@partner>"), Duration.ofDays(30), "AS2_MDN", x -> "second (AS2 exchange " + x + ")");

        assertTrue(id > 0, "recorded: " + id);
        assertEquals(-id, again, "the second record answers with the first row");
        assertEquals(1L, count(store, "SELECT COUNT(*) FROM as2_exchange WHERE message_id = '<m1@partner>'"));
        assertEquals(1L, count(store, "SELECT COUNT(*) FROM event WHERE interchange_id = " + r.id() + " AND type = 'AS2_MDN'"));
        assertEquals(1L, count(store, "SELECT COUNT(*) FROM event WHERE interchange_id = " + r.id()
                + " AND detail = 'synchronous MDN (AS2 exchange " + id + ")'"));
    }

    private static long count(MessageStore store, String sql) {
        return store.jdbc().tx(c -> Jdbc.queryLong(c, sql));
    }

    private static As2Store.Exchange exchange(long interchangeId, String messageId) {
        return new As2Store.Exchange(0, As2Store.IN, "P1", "P1AS2", "TSWGATEWAY", messageId, interchangeId, null, null,
                null, true, true, false, "mic", "sha-256", null, "processed", "SYNC", null, MdnState.SENT.name(), null,
                "multipart/signed", null, null, "detail", Instant.now(), Instant.now());
    }
}
