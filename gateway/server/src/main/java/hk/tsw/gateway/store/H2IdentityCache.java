package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * Migration 17.7 (issue 16): on H2, the identity columns of the tables that grow with traffic hand out ids from a
 * cache of {@value #CACHE} instead of H2's default 32; on PostgreSQL it does nothing.
 *
 * <p>Why: H2 persists an identity sequence's high-water mark whenever its cache runs out, and it does so by committing
 * the whole MVStore from inside the INSERT (a second store commit that re-serialises every page the running
 * transaction touched). With 32, the timeline's {@code event} table alone did that about once per SFTP interchange:
 * ~5 % of the gateway's CPU in the e2e bench. Nothing about durability changes: an id is still handed out only below
 * the persisted mark, so a crash can leave a gap (at most the cache) but never reuse an id, and a clean close persists
 * the exact next value. H2's cache is one per sequence, not per session, so ids keep their allocation order.
 *
 * <p>Not on PostgreSQL: there a sequence cache is per session, so ids from different connections would interleave out
 * of insertion order (the timeline and the reply queue read in id order), and PostgreSQL's nextval needs no commit.
 */
final class H2IdentityCache extends H2OnlyMigration {

    static final int CACHE = 1000;

    /** The tables whose rows arrive with every message (intake, route, delivery, answers, decisions, audit). */
    static final List<String> TABLES = List.of("interchange", "document", "delivery", "event", "decision",
            "partner_reply", "as2_exchange", "licence_write_off", "audit_event");

    H2IdentityCache() {
        super("17.7", "h2 identity cache");
    }

    @Override
    void migrateH2(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            for (String table : TABLES) {
                st.execute("ALTER TABLE " + table + " ALTER COLUMN id SET CACHE " + CACHE);
            }
        }
    }
}
