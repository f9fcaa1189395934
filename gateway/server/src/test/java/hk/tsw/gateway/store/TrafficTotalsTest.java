package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import hk.tsw.gateway.testsupport.TestPools;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The traffic totals counted from the timeline's new events ({@link TrafficTotals}) against full counts of the same
 * store, on the real H2 and PostgreSQL, with traffic written through the store code: the same figures as the full
 * counts of before (except where those went down), never lower from one read to the next, the same for a reader that
 * followed the traffic and one started after it (another node, a restart), and an insert that commits an older event
 * id after a newer one was read counted exactly once.
 */
class TrafficTotalsTest {

    private static final Duration WINDOW = Duration.ofDays(1);

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private final AtomicLong nanos = new AtomicLong();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Series name and labels to total, zeros left out: one map to compare. */
    private static Map<String, Long> flat(Map<String, List<TrafficCounts.Count>> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((series, list) -> list.forEach(c -> {
            if (c.value() > 0) {
                out.merge(series + c.labels(), c.value(), Long::sum);
            }
        }));
        return out;
    }

    /** The full counts of the current state as the gateway read them before (TrafficCounts.read() until now). */
    private static Map<String, Long> before(MessageStore store) {
        Map<String, Long> out = new TreeMap<>();
        store.jdbc().tx(c -> {
            String u = "'UNKNOWN'";
            for (String[] q : new String[][] {
                    {"tsw.received", "SELECT i.channel || ',' || i.partner_id || ',' || COALESCE(d.document_type, " + u
                            + "), COUNT(DISTINCT i.id) FROM interchange i LEFT JOIN document d ON d.interchange_id"
                            + " = i.id GROUP BY i.channel, i.partner_id, COALESCE(d.document_type, " + u + ")"},
                    {"tsw.rejected", "SELECT LOWER(state), COUNT(*) FROM interchange WHERE state IN ('REJECTED',"
                            + " 'REFUSED', 'FAILED') GROUP BY state"},
                    {"tsw.rejected", "SELECT 'document', COUNT(*) FROM document WHERE state = 'REJECTED'"},
                    {"tsw.duplicates", "SELECT i.partner_id || ',' || COALESCE(d.document_type, " + u + "),"
                            + " COUNT(DISTINCT i.id) FROM interchange i LEFT JOIN document d ON d.interchange_id"
                            + " = i.duplicate_of WHERE i.state = 'DUPLICATE' GROUP BY i.partner_id,"
                            + " COALESCE(d.document_type, " + u + ")"},
                    {"tsw.delivered", "SELECT agency, COUNT(*) FROM delivery WHERE state = 'DELIVERED' GROUP BY agency"},
                    {"tsw.delivery.failed", "SELECT agency, COUNT(*) FROM delivery WHERE state = 'DEAD' GROUP BY agency"}}) {
                try (PreparedStatement ps = c.prepareStatement(q[1]); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getLong(2) > 0) {
                            out.put(q[0] + "[" + rs.getString(1).replace(",", ", ") + "]", rs.getLong(2));
                        }
                    }
                }
            }
            return null;
        });
        return out;
    }

    private TrafficTotals reader(MessageStore store) {
        return new TrafficTotals(store, nanos::get);
    }

    /** Reads, and checks that no figure went down since {@code last}; returns the new figures. */
    private static Map<String, Long> read(TrafficTotals t, Map<String, Long> last) {
        t.advance();
        Map<String, Long> now = flat(t.counts());
        last.forEach((k, v) -> assertTrue(now.getOrDefault(k, 0L) >= v, k + " went down from " + v + " to " + now));
        return now;
    }

    private static long received(MessageStore store, String partner, String channel, String content, boolean resend) {
        return store.receive(partner, channel, content + ".edi", bytes(content), null, WINDOW, resend).id();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void the_totals_followed_event_by_event_are_the_full_counts_never_lower_and_the_same_for_every_reader(String kind) {
        MessageStore store = pools.store(kind, tmp);
        DeliveryStore deliveries = new DeliveryStore(store);
        TrafficTotals follower = reader(store);
        Map<String, Long> seen = read(follower, Map.of());

        // accepted in part: two import declarations, a manifest, a rejected document; delivered, and one given up
        long x1 = received(store, "P1", "SFTP", "x1", false);
        seen = read(follower, seen); // in flight: not counted yet (before: received as UNKNOWN, then moved away)
        long d1 = store.mapped(x1, "1", "IMPORT_DECLARATION", "F1", bytes("<c1/>"));
        long d2 = store.mapped(x1, "2", "IMPORT_DECLARATION", "F2", bytes("<c2/>"));
        long d3 = store.mapped(x1, "3", "MANIFEST", "F3", bytes("<c3/>"));
        store.rejected(x1, "4", List.of("bad segment"));
        long v1 = store.routed(x1, d1, "CED");
        long v2 = store.routed(x1, d2, "CED");
        long v3 = store.routed(x1, d3, "DOH");
        seen = read(follower, seen);
        store.finished(x1, InterchangeState.PARTIAL, "partly");
        assertTrue(deliveries.delivered(deliveries.get(v1), "HTTP 200"));
        deliveries.dead(deliveries.get(v2), "HTTP 400");
        seen = read(follower, seen);
        assertTrue(deliveries.delivered(deliveries.get(v3), "HTTP 200"));

        // rejected whole on SOAP, a gateway failure, an AS2 refusal
        long x2 = received(store, "P1", "SOAP", "x2", false);
        store.rejected(x2, null, List.of("not EDIFACT"));
        store.finished(x2, InterchangeState.REJECTED, "rejected");
        long x3 = received(store, "P2", "SFTP", "x3", false);
        store.finished(x3, InterchangeState.FAILED, "failed");
        new As2Store(store).refused("P3", "x4.edi", bytes("x4"), "no agreement");
        seen = read(follower, seen);

        // a duplicate of the finished x1; and one of an original still in flight, counted once the original ends
        long dupOfX1 = received(store, "P1", "SFTP", "x1", false);
        long o = received(store, "P2", "SOAP", "o", false);
        long dupOfO = received(store, "P2", "SOAP", "o", true);
        assertTrue(dupOfX1 != x1 && dupOfO != o, "two duplicates recorded");
        seen = read(follower, seen);
        assertEquals(null, seen.get("tsw.duplicates[P2, UNKNOWN]"), "an original in flight: its duplicate waits");
        store.mapped(o, "1", "MANIFEST", "F9", bytes("<c9/>"));
        store.finished(o, InterchangeState.TRANSLATED, "ok");
        seen = read(follower, seen);

        // an operator re-drives the dead delivery, which is then delivered; and replays the rejected interchange
        assertTrue(deliveries.redriveOne(v2, "operator"));
        seen = read(follower, seen);
        assertTrue(deliveries.delivered(deliveries.get(v2), "HTTP 200"));
        long replay = new Replays(store).replay(x2, "operator", "fixed").orElseThrow().id();
        store.mapped(replay, "1", "IMPORT_DECLARATION", "F5", bytes("<c5/>"));
        store.finished(replay, InterchangeState.TRANSLATED, "ok");
        seen = read(follower, seen);

        Map<String, Long> before = before(store);
        Map<String, Long> expected = new TreeMap<>(before);
        // the one figure that went down before: a delivery given up stays given up when re-driven
        assertEquals(null, before.get("tsw.delivery.failed[CED]"), "before: the re-drive took the dead delivery away");
        expected.put("tsw.delivery.failed[CED]", 1L);
        assertEquals(expected, seen, "followed event by event");
        assertEquals(3L, seen.get("tsw.delivered[CED]") + seen.get("tsw.delivered[DOH]"));
        assertEquals(1L, seen.get("tsw.duplicates[P2, MANIFEST]"), "the in-flight original's duplicate, once");
        assertEquals(1L, seen.get("tsw.received[AS2, P3, UNKNOWN]"), "the AS2 refusal");

        TrafficTotals restarted = reader(store); // another node, or this one after a restart
        assertEquals(expected, read(restarted, Map.of()), "counted in full by a new reader");
        follower.recount();
        assertEquals(expected, flat(follower.counts()), "a recount of the follower changes nothing");
        assertEquals(expected, read(follower, seen));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_state_change_that_took_a_series_down_before_no_longer_does(String kind) {
        MessageStore store = pools.store(kind, tmp);
        DeliveryStore deliveries = new DeliveryStore(store);
        TrafficTotals totals = reader(store);
        Map<String, Long> seen = read(totals, Map.of());
        long x = received(store, "P1", "SFTP", "x", false);
        seen = read(totals, seen); // before: received as UNKNOWN while in flight ...
        long d = store.mapped(x, "1", "MANIFEST", "F1", bytes("<c/>"));
        long v = store.routed(x, d, "CED");
        store.finished(x, InterchangeState.TRANSLATED, "ok");
        seen = read(totals, seen); // ... and no longer once translated: down by one
        assertEquals(1L, seen.get("tsw.received[SFTP, P1, MANIFEST]"));
        deliveries.dead(deliveries.get(v), "HTTP 503");
        seen = read(totals, seen);
        assertEquals(1L, seen.get("tsw.delivery.failed[CED]"));
        assertTrue(deliveries.redriveOne(v, "operator"));
        seen = read(totals, seen); // before: the re-driven delivery was no longer dead, so given up went down
        assertTrue(deliveries.delivered(deliveries.get(v), "HTTP 200"));
        seen = read(totals, seen);
        assertEquals(Map.of("tsw.received[SFTP, P1, MANIFEST]", 1L, "tsw.delivery.failed[CED]", 1L,
                "tsw.delivered[CED]", 1L), seen, "given up once, then delivered");
        assertEquals(seen, read(reader(store), Map.of()), "a new reader");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_recount_that_finds_less_than_was_counted_lowers_nothing(String kind) {
        MessageStore store = pools.store(kind, tmp);
        DeliveryStore deliveries = new DeliveryStore(store);
        TrafficTotals totals = reader(store);
        Map<String, Long> seen = read(totals, Map.of());
        long x = received(store, "P1", "SFTP", "x", false);
        long v = store.routed(x, store.mapped(x, "1", "MANIFEST", "F1", bytes("<c/>")), "CED");
        store.finished(x, InterchangeState.TRANSLATED, "ok");
        // delivered, then given up by a second message for it that failed (a race), re-driven, delivered again
        DeliveryStore.Delivery first = deliveries.get(v);
        assertTrue(deliveries.delivered(first, "HTTP 200"));
        deliveries.dead(first, "HTTP 400");
        assertTrue(deliveries.redriveOne(v, "operator"));
        assertTrue(deliveries.delivered(deliveries.get(v), "HTTP 200"));
        seen = read(totals, seen);
        assertEquals(2L, seen.get("tsw.delivered[CED]"), "two hand-overs followed");
        assertEquals(1L, flat(counted(store).counts()).get("tsw.delivered[CED]"), "one delivery counted in full");
        totals.recount();
        assertEquals(seen, flat(totals.counts()), "the recount keeps the higher figure");
    }

    private TrafficTotals counted(MessageStore store) {
        TrafficTotals t = reader(store);
        t.recount();
        return t;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void an_older_event_id_committed_after_a_newer_one_was_read_is_counted_once(String kind) throws Exception {
        MessageStore store = pools.store(kind, tmp);
        TrafficTotals totals = reader(store);
        Map<String, Long> seen = read(totals, Map.of());
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Throwable> failed = new ArrayList<>();
        Thread slow = new Thread(() -> {
            try {
                store.inOneTransaction(() -> {
                    long id = received(store, "SLOW", "SFTP", "slow", false);
                    store.finished(id, InterchangeState.REJECTED, "rejected");
                    written.countDown();
                    try {
                        assertTrue(release.await(60, TimeUnit.SECONDS), "hang guard");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return null;
                });
            } catch (Throwable t) {
                failed.add(t);
            }
        });
        slow.start();
        assertTrue(written.await(60, TimeUnit.SECONDS), "hang guard");
        long quick = received(store, "QUICK", "SFTP", "quick", false);
        store.finished(quick, InterchangeState.REJECTED, "rejected");
        long held = totals.watermark();
        seen = read(totals, seen);
        assertEquals(Map.of(), seen, "the newer events wait behind the open transaction's older ids");
        assertEquals(held, totals.watermark());
        // a node starting now counts in full, in a snapshot that does not wait for the open transaction
        TrafficTotals starting = reader(store);
        Map<String, Long> startSeen = read(starting, Map.of());
        assertEquals(Map.of("tsw.received[SFTP, QUICK, UNKNOWN]", 1L, "tsw.rejected[rejected]", 1L), startSeen);

        release.countDown();
        slow.join(60_000);
        assertEquals(List.of(), failed);
        seen = read(totals, seen);
        assertEquals(2L, seen.get("tsw.rejected[rejected]"), "each once: " + seen);
        assertEquals(1L, seen.get("tsw.received[SFTP, SLOW, UNKNOWN]"));
        assertEquals(1L, seen.get("tsw.received[SFTP, QUICK, UNKNOWN]"));
        assertEquals(seen, read(totals, seen), "and not again");
        assertEquals(seen, read(starting, startSeen), "the node that counted in full meanwhile: the late one once");
        assertEquals(before(store), seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_gap_left_by_a_rolled_back_insert_holds_the_count_back_for_the_grace_only(String kind) {
        MessageStore store = pools.store(kind, tmp);
        TrafficTotals totals = reader(store);
        Map<String, Long> seen = read(totals, Map.of());
        try {
            store.inOneTransaction(() -> {
                long id = received(store, "GONE", "SFTP", "gone", false);
                store.finished(id, InterchangeState.REJECTED, "rejected");
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the event ids it took are never used
        }
        long kept = received(store, "KEPT", "SFTP", "kept", false);
        store.finished(kept, InterchangeState.REJECTED, "rejected");
        seen = read(totals, seen);
        assertEquals(Map.of(), seen, "a gap below: held back");
        nanos.addAndGet(TrafficTotals.GRACE.toNanos() - 1);
        seen = read(totals, seen);
        assertEquals(Map.of(), seen, "still within the grace");
        nanos.addAndGet(1);
        seen = read(totals, seen);
        assertEquals(before(store), seen, "the gap given up: counted");
        assertEquals(1L, seen.get("tsw.rejected[rejected]"));
    }
}
