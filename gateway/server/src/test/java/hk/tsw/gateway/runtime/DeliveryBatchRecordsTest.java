package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;


import com.zaxxer.hikari.HikariDataSource;
import hk.tsw.gateway.deliver.Agency;
import hk.tsw.gateway.deliver.AgencyBatchConsumer;
import hk.tsw.gateway.deliver.DeliveryProcessor;
import hk.tsw.gateway.settings.DeliverSettings;
import hk.tsw.gateway.settings.Queues;
import hk.tsw.gateway.store.DeliveryStore;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.PayloadFiles;
import hk.tsw.gateway.testsupport.ApiTokens;
import hk.tsw.gateway.testsupport.ConnectionCalls;
import hk.tsw.gateway.testsupport.TestDatabases;
import hk.tsw.gateway.testsupport.TestPools;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The deliver stage records a batch's outcomes in JDBC batches (issue 16: each delivery's outcome was an UPDATE and a
 * timeline INSERT of its own, two round trips each on PostgreSQL), on a real store (H2, PostgreSQL, and PostgreSQL
 * with the driver's {@code reWriteBatchedInserts}, which reports no per-row counts for inserts), the gateway's broker
 * over TCP and a Camel bean as the agency. A batch of seven: three handed over, one recorded DELIVERED by another
 * writer while this batch handed it over (a repeat: no second timeline row, attempts counted once), one failed
 * attempt (retried), one refused (dead-lettered), one already DELIVERED before the batch (not sent). The old code ran
 * 12 statements for it (the read, then 2 per outcome, 1 for the repeat); now 5 (the read, the DELIVERED updates, the
 * failed attempts, the deads, the timeline rows), in the same 2 commits; the rows written are the same.
 */
class DeliveryBatchRecordsTest {

    @RegisterExtension
    static final TcpBroker broker = new TcpBroker();

    @RegisterExtension
    final TestPools pools = new TestPools();

    @TempDir
    Path tmp;

    private HikariDataSource rewriting;

    /** Statements run (one round trip each, a JDBC batch once), and commits made, by the store under test. */
    private final List<String> executed = new ArrayList<>();
    private int commits;

    @AfterEach
    void close() {
        if (rewriting != null) {
            rewriting.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres", "postgres-rewrite"})
    void a_batch_records_its_outcomes_in_one_statement_per_kind_and_one_for_the_timeline(String kind)
            throws Exception {
        DataSource pool = pool(kind);
        MessageStore plain = TestDatabases.store(pool, tmp); // migrated; the other writer's store, not counted
        MessageStore store = new MessageStore(ConnectionCalls.observed(pool, (method, args) -> {
            if (method.startsWith("execute")) {
                executed.add((String) args[0]);
            } else if ("commit".equals(method)) {
                commits++;
            }
        }), new PayloadFiles(tmp.resolve("payloads")));
        DeliveryStore deliveries = new DeliveryStore(store);
        DeliveryStore other = new DeliveryStore(plain);
        String code = "W" + Integer.toHexString(kind.hashCode()).toUpperCase(java.util.Locale.ROOT);
        long interchange = store.receive("DEMOFWD", "SFTP", "records.edi", "UNA".getBytes(StandardCharsets.US_ASCII),
                "RECORDS-" + kind, Duration.ofDays(1)).id();
        long a = delivery(store, interchange, "A", code);
        long f = delivery(store, interchange, "F", code);
        long b = delivery(store, interchange, "B", code);
        long r = delivery(store, interchange, "R", code);
        long x = delivery(store, interchange, "X", code);
        long done = delivery(store, interchange, "D", code);
        long c = delivery(store, interchange, "C", code);
        other.delivered(other.get(done), "handed over before a crash");
        broker.send(Queues.deliver(code), a, f, b, r, x, done, c);

        List<String> handed = new ArrayList<>();
        CamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind("agency", (org.apache.camel.Processor) e -> agency(e, handed, other, r));
        camel.start();
        long deadBefore = broker.depth(Queues.DEAD);
        try (ActiveMQConnectionFactory factory = broker.factory(ApiTokens.BROKER_NODE_USER,
                ApiTokens.BROKER_NODE_PASSWORD)) {
            CachingConnectionFactory cached = new CachingConnectionFactory(factory);
            AgencyBatchConsumer consumer = new AgencyBatchConsumer(new Agency(code, "records", "bean:agency"),
                    new DeliveryProcessor(deliveries, 5), deliveries, cached,
                    new DeliverSettings(5, 1, 10_000, 60_000, 2.0, 60_000, 1_000, 50, 2_000, 60_000), 0);
            executed.clear();
            commits = 0;
            consumer.process(new DefaultExchange(camel));
            consumer.stop();
            cached.destroy();
        } finally {
            camel.stop();
        }

        assertEquals(List.of("DOC-A-", "DOC-F-", "DOC-B-", "DOC-R-", "DOC-X-", "DOC-C-"), handed,
                "each pending delivery handed over once, in order; the one already made not again");
        assertEquals(1L, broker.depth(Queues.DEAD) - deadBefore, "the refused delivery");

        String agency = code + ": ";
        assertEquals(List.of(
                row(a, "DELIVERED", 1, null, 0, true), row(f, "PENDING", 1, "IOException: agency down", 0, false),
                row(b, "DELIVERED", 1, null, 0, true), row(r, "DELIVERED", 1, null, 0, true),
                row(x, "DEAD", 1, "HTTP 400 from http://agency.test/refuse", 1, false),
                row(done, "DELIVERED", 1, null, 0, true), row(c, "DELIVERED", 1, null, 0, true)),
                rows(pool, List.of(a, f, b, r, x, done, c)), "each delivery's row as the old code wrote it");
        assertEquals(List.of(
                event(done, "DELIVERED", agency + "handed over before a crash"),
                event(r, "DELIVERED", agency + "by another node"),
                event(a, "DELIVERED", agency + "handed over"),
                event(f, "DELIVERY_FAILED", agency + "IOException: agency down (will retry)"),
                event(b, "DELIVERED", agency + "handed over"),
                event(x, "DEAD_LETTER", agency + "HTTP 400 from http://agency.test/refuse"),
                event(c, "DELIVERED", agency + "handed over")),
                events(pool, interchange), "the timeline in the old code's order: no second row for the repeat");
        String counts = " (" + executed.size() + " statements run, " + commits + " commits: " + executed + ")";
        assertEquals(5, executed.size(), "the read, the DELIVERED updates, the failed attempts, the deads and the"
                + " timeline rows, one round trip each" + counts);
        assertEquals(2, commits, "the batch's read and its one record" + counts);
    }

    /**
     * The agency: refuses X, is down for F, and for R finds it recorded DELIVERED meanwhile by another writer (a
     * batch given back by a crash overlapping its redelivery); takes the others.
     */
    private static void agency(Exchange e, List<String> handed, DeliveryStore other, long r) throws Exception {
        String name = e.getIn().getHeader(Exchange.FILE_NAME, String.class);
        String doc = name.substring(0, 6);
        handed.add(doc);
        switch (doc) {
            case "DOC-X-" -> throw new HttpOperationFailedException("http://agency.test/refuse", 400, "Bad Request",
                    null, null, "bad document");
            case "DOC-F-" -> throw new IOException("agency down");
            case "DOC-R-" -> other.delivered(other.get(r), "by another node");
            default -> { }
        }
    }

    private DataSource pool(String kind) {
        if (!"postgres-rewrite".equals(kind)) {
            return pools.of(kind, tmp);
        }
        com.zaxxer.hikari.HikariConfig c = new com.zaxxer.hikari.HikariConfig();
        c.setJdbcUrl(TestDatabases.postgresUrl() + "&reWriteBatchedInserts=true");
        c.setMaximumPoolSize(4);
        rewriting = new HikariDataSource(c);
        return rewriting;
    }

    private static String row(long id, String state, int attempts, String lastError, int deadLetters,
                              boolean deliveredAt) {
        return id + " " + state + " attempts=" + attempts + " last_error=" + lastError + " dead_letters=" + deadLetters
                + " delivered_at=" + (deliveredAt ? "set" : "null");
    }

    private static List<String> rows(DataSource pool, List<Long> ids) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT state, attempts,"
                + " last_error, dead_letters, delivered_at FROM delivery WHERE id = ?")) {
            for (long id : ids) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.add(row(id, rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4),
                            rs.getTimestamp(5) != null));
                }
            }
        }
        return out;
    }

    private static String event(long delivery, String type, String detail) {
        return delivery + " " + type + " " + detail;
    }

    /** The interchange's timeline rows that name a delivery, in the order written; each must carry its time. */
    private static List<String> events(DataSource pool, long interchange) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT delivery_id, type,"
                + " detail, document_id, at FROM event WHERE interchange_id = ? AND delivery_id IS NOT NULL"
                + " AND type <> 'ROUTED' ORDER BY id")) {
            ps.setLong(1, interchange);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean complete = rs.getLong(4) > 0 && rs.getTimestamp(5) != null;
                    out.add(event(rs.getLong(1), rs.getString(2), rs.getString(3)) + (complete ? "" : " (incomplete)"));
                }
            }
        }
        return out;
    }

    private static long delivery(MessageStore store, long interchange, String ref, String agency) {
        long document = store.mapped(interchange, ref, "CUSDEC", "DOC-" + ref,
                ("<doc>" + ref + "</doc>").getBytes(StandardCharsets.UTF_8));
        return store.routed(interchange, document, agency);
    }

}
