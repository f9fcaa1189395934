package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import hk.tsw.gateway.testsupport.TestPools;

/**
 * On PostgreSQL the store asks for an insert's id only and for nothing back from an update: the driver turns
 * {@code RETURN_GENERATED_KEYS} into {@code RETURNING *}, which sent every column of every row written back to the
 * gateway (an interchange's answer text with each of its state changes).
 */
class JdbcGeneratedKeysTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private long interchange(MessageStore store) {
        String tag = String.valueOf(System.nanoTime());
        return store.receive("P1", "SFTP", tag + ".edi", ("UNB+" + tag).getBytes(StandardCharsets.UTF_8), "R" + tag,
                Duration.ofDays(30)).id();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void insert_returns_the_id_of_the_row_it_wrote(String kind) {
        MessageStore store = pools.store(kind, tmp);
        long ic = interchange(store);
        long[] ids = store.jdbc().tx(c -> new long[] {
                Jdbc.insert(c, "INSERT INTO event (interchange_id, at, type, detail) VALUES (?,?,?,?)", ic, Instant.now(),
                        "TEST", "first"),
                Jdbc.insert(c, "INSERT INTO event (interchange_id, at, type, detail) VALUES (?,?,?,?)", ic, Instant.now(),
                        "TEST", "second")});
        assertTrue(ids[0] > 0 && ids[1] > ids[0], ids[0] + ", " + ids[1]);
        assertEquals("second", store.jdbc().tx(c -> {
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT detail FROM event WHERE id = ?", ids[1]);
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }));
    }

    @Test
    void postgres_sends_back_an_inserts_id_only() {
        MessageStore store = pools.store("postgres", tmp);
        long ic = interchange(store);
        int columns = store.jdbc().tx(c -> {
            try (PreparedStatement ps = Jdbc.prepareInsert(c, "INSERT INTO event (interchange_id, at, type, detail)"
                    + " VALUES (?,?,?,?)", ic, Instant.now(), "TEST", "x".repeat(10_000))) {
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    return keys.getMetaData().getColumnCount();
                }
            }
        });
        assertEquals(1, columns, "columns sent back by the insert (RETURNING * sent all 7, the detail too)");
    }

    @Test
    void postgres_sends_nothing_back_from_an_update() {
        MessageStore store = pools.store("postgres", tmp);
        long ic = interchange(store);
        boolean rowBack = store.jdbc().tx(c -> {
            try (PreparedStatement ps = Jdbc.prepare(c, "UPDATE interchange SET answer = ? WHERE id = ?",
                    "a".repeat(10_000), ic)) {
                assertEquals(1, ps.executeUpdate());
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    return keys.next();
                }
            }
        });
        assertFalse(rowBack, "the updated row came back (RETURNING *)");
    }
}
