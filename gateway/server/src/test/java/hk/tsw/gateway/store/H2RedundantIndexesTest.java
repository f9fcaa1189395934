package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import hk.tsw.gateway.testsupport.TestPools;

/**
 * On H2 no index of the schema's own repeats the index H2 made for a foreign key (each would be written twice per
 * insert), and the queries by those columns still find an index; PostgreSQL, which makes none for a foreign key, keeps
 * the named ones.
 */
class H2RedundantIndexesTest {

    /** The three the portable migrations name and H2 already had, each with a query by its column. */
    private static final List<String> QUERIES = List.of(
            "SELECT id FROM interchange WHERE duplicate_of = 1",
            "SELECT id FROM partner_reply WHERE interchange_id = 1",
            "SELECT id FROM decision WHERE document_id = 1");

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    @Test
    void h2_has_no_index_of_its_own_that_repeats_a_foreign_keys_index() {
        MessageStore store = pools.store("h2", tmp);
        assertEquals(List.of(), store.jdbc().tx(H2RedundantIndexes::redundant));
        List<String> names = names(store, "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
                + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA");
        for (String gone : List.of("IX_INTERCHANGE_DUPLICATE_OF", "IX_PARTNER_REPLY_INTERCHANGE", "IX_DECISION_DOCUMENT")) {
            assertFalse(names.contains(gone), gone + " is still there: " + names);
        }
        assertTrue(names.contains("IX_INTERCHANGE_PARTNER_SHA256"), "an index that repeats nothing stays: " + names);
    }

    @Test
    void h2_queries_by_those_columns_still_use_an_index() {
        MessageStore store = pools.store("h2", tmp);
        for (String query : QUERIES) {
            String plan = String.join("\n", names(store, "EXPLAIN " + query));
            assertFalse(plan.contains("tableScan"), query + ": " + plan);
            assertTrue(plan.contains("_INDEX_"), query + ": " + plan);
        }
    }

    @Test
    void postgres_keeps_the_named_indexes_it_needs() {
        MessageStore store = pools.store("postgres", tmp);
        List<String> names = names(store, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()");
        for (String kept : List.of("ix_interchange_duplicate_of", "ix_partner_reply_interchange", "ix_decision_document")) {
            assertTrue(names.contains(kept), kept + " missing: " + names);
        }
    }

    private static List<String> names(MessageStore store, String sql) {
        return store.jdbc().tx(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
