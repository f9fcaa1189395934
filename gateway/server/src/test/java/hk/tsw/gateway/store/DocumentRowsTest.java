package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import hk.tsw.gateway.testsupport.TestPools;

/** A document recorded in one go has the rows of the step-by-step path, once, however often it is recorded. */
class DocumentRowsTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> rows(MessageStore store, long ic) {
        return store.jdbc().tx(c -> {
            List<String> out = new ArrayList<>();
            try (var ps = Jdbc.prepare(c, "SELECT 'doc ' || d.message_ref || ' ' || d.document_type || ' '"
                    + " || d.functional_ref || ' ' || d.state FROM document d WHERE d.interchange_id = ? UNION ALL"
                    + " SELECT 'ref ' || d.message_ref || ' ' || r.kind || ' ' || r.ref_value FROM document_reference r"
                    + " JOIN document d ON d.id = r.document_id WHERE d.interchange_id = ? UNION ALL"
                    + " SELECT 'delivery ' || d.message_ref || ' ' || v.agency || ' ' || v.state || ' '"
                    + " || CASE WHEN v.idempotency_key = 'tsw-doc-' || d.id || '-' || v.agency THEN 'key' ELSE"
                    + " 'other key' END FROM delivery v JOIN document d ON d.id = v.document_id"
                    + " WHERE d.interchange_id = ? UNION ALL"
                    + " SELECT 'event ' || e.type || ' ' || COALESCE(e.detail, '') FROM event e WHERE"
                    + " e.interchange_id = ? AND e.document_id IS NOT NULL", ic, ic, ic, ic);
                 var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            out.sort(null);
            return out;
        });
    }

    private static Map<String, Set<String>> refs() {
        Map<String, Set<String>> refs = new LinkedHashMap<>();
        refs.put("BILL_OF_LADING", Set.of("BL1", "L".repeat(80)));
        refs.put("CONTAINER", Set.of("MSCU1234565"));
        return refs;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void one_go_records_the_rows_of_the_step_by_step_path_once(String kind) {
        MessageStore store = pools.store(kind, tmp);
        DocumentRows rows = new DocumentRows(store);
        String tag = String.valueOf(System.nanoTime());
        long stepwise = store.receive("P1", "SFTP", "a.edi", bytes("UNB+a" + tag), "RA" + tag, Duration.ofDays(30)).id();
        long doc = store.mapped(stepwise, "M1", "CARGO_MANIFEST", "BL1", bytes("<a/>"));
        refs().forEach((k, v) -> store.references(doc, k, v));
        store.routed(stepwise, doc, "CED");
        store.routed(stepwise, doc, "CSD");
        long oneGo = store.receive("P1", "SFTP", "b.edi", bytes("UNB+b" + tag), "RB" + tag, Duration.ofDays(30)).id();
        long id = store.inOneTransaction(() -> rows.record(oneGo, "M1", "CARGO_MANIFEST", "BL1", bytes("<a/>"), refs(),
                List.of("CED", "CSD")));
        assertEquals(rows(store, stepwise), rows(store, oneGo));
        assertEquals(id, (long) rows.record(oneGo, "M1", "CARGO_MANIFEST", "BL1", bytes("<a/>"), refs(),
                List.of("CED", "CSD")), "recorded again: the same document");
        assertEquals(rows(store, stepwise), rows(store, oneGo), "recorded again: nothing added");
        assertArrayEquals(bytes("<a/>"), new DeliveryStore(store).canonical(new DeliveryStore(store)
                .get(store.routed(oneGo, id, "CED"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_document_an_interrupted_run_left_without_deliveries_gets_them(String kind) {
        MessageStore store = pools.store(kind, tmp);
        String tag = String.valueOf(System.nanoTime());
        long ic = store.receive("P1", "SFTP", "c.edi", bytes("UNB+c" + tag), "RC" + tag, Duration.ofDays(30)).id();
        long doc = store.mapped(ic, "M1", "CARGO_MANIFEST", "BL1", bytes("<c/>"));
        store.routed(ic, doc, "CED");
        assertEquals(doc, new DocumentRows(store).record(ic, "M1", "CARGO_MANIFEST", "BL1", bytes("<c/>"), refs(),
                List.of("CED", "CSD")));
        List<String> all = rows(store, ic);
        assertEquals(2, all.stream().filter(r -> r.startsWith("delivery M1 ")).count(), all.toString());
        assertEquals(3, all.stream().filter(r -> r.startsWith("ref M1 ")).count(), all.toString());
        assertEquals(2, all.stream().filter(r -> r.startsWith("event ROUTED")).count(), all.toString());
    }
}
