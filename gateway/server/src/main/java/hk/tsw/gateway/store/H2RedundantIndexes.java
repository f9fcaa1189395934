package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Migration 17.9 (issue 16): on H2, drops each of the schema's own indexes ({@code ix_*}) that has exactly the columns,
 * in the same order, of an index H2 made itself for a foreign key on the same table; on PostgreSQL it does nothing.
 *
 * <p>Why: H2 2.3 makes an index for every foreign key (PostgreSQL does not, which is why the portable migrations name
 * their own), so on H2 three of them were written twice on every insert and re-serialised at every commit that touched
 * them: {@code ix_interchange_duplicate_of} (every interchange), {@code ix_partner_reply_interchange} (every answer) and
 * {@code ix_decision_document} (every agency decision). The foreign key's own index serves the same queries (H2 picks
 * any index whose leading columns match), so no plan loses an index. Only exact duplicates go: an index with more
 * columns, or other columns, stays.
 */
final class H2RedundantIndexes extends H2OnlyMigration {

    H2RedundantIndexes() {
        super("17.9", "h2 redundant indexes");
    }

    @Override
    void migrateH2(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            for (String index : redundant(c)) {
                st.execute("DROP INDEX " + index);
            }
        }
    }

    /** The schema's own indexes that repeat, column for column, an index H2 made for a foreign key. */
    static List<String> redundant(Connection c) throws java.sql.SQLException {
        Set<String> foreignKeys = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT INDEX_NAME"
                + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = CURRENT_SCHEMA"
                + " AND CONSTRAINT_TYPE = 'FOREIGN KEY'")) {
            while (rs.next()) {
                foreignKeys.add(rs.getString(1));
            }
        }
        Map<String, String> foreignKeyColumns = new HashMap<>(); // "TABLE:COL,COL" of a foreign key's index
        Map<String, String> own = new TreeMap<>(); // an ix_* index -> "TABLE:COL,COL"
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT TABLE_NAME, INDEX_NAME,"
                + " LISTAGG(COLUMN_NAME, ',') WITHIN GROUP (ORDER BY ORDINAL_POSITION)"
                + " FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_SCHEMA = CURRENT_SCHEMA"
                + " GROUP BY TABLE_NAME, INDEX_NAME")) {
            while (rs.next()) {
                String columns = rs.getString(1) + ":" + rs.getString(3);
                String name = rs.getString(2);
                if (foreignKeys.contains(name)) {
                    foreignKeyColumns.put(columns, name);
                } else if (name.startsWith("IX_")) {
                    own.put(name, columns);
                }
            }
        }
        List<String> drop = new ArrayList<>();
        own.forEach((name, columns) -> {
            if (foreignKeyColumns.containsKey(columns)) {
                drop.add(name);
            }
        });
        return drop;
    }
}
