package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;


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
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The deliver stage reads a batch's deliveries in one query (issue 16: it read each on a connection and in a commit
 * of its own), on a real store (H2 and PostgreSQL), the gateway's broker over TCP and a file endpoint as the agency,
 * the store's statements, connections and commits counted on its connections (the old code: 11 statements, 6
 * connections and 5 commits for this batch; then 7, 2 and 2; since the outcomes are recorded in JDBC batches,
 * {@link DeliveryBatchRecordsTest}, 3 statements). The batch's promises hold with the one read: a
 * delivery named twice goes once, one already DELIVERED is not sent again, an unknown id or a text naming no delivery
 * is dead-lettered, the others are delivered and recorded in the batch's one store commit.
 */
class DeliveryBatchReadsTest {

    @RegisterExtension
    static final TcpBroker broker = new TcpBroker();

    @RegisterExtension
    final TestPools pools = new TestPools();

    @TempDir
    Path tmp;

    /** Statements prepared that read delivery rows, all statements, connections taken and commits made. */
    private final List<String> reads = new ArrayList<>();
    private int statements;
    private int checkouts;
    private int commits;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_batch_reads_its_deliveries_in_one_query_and_commits_twice(String kind) throws Exception {
        DataSource pool = pools.of(kind, tmp);
        TestDatabases.store(pool, tmp); // migrated
        MessageStore store = new MessageStore(ConnectionCalls.observed(pool, (method, args) -> {
            if ("prepareStatement".equals(method)) {
                statements++;
                if (((String) args[0]).contains("FROM delivery d JOIN document doc")) {
                    reads.add((String) args[0]);
                }
            } else if ("setAutoCommit".equals(method) && Boolean.FALSE.equals(args[0])) {
                checkouts++; // the store's every transaction begins so on a connection from the pool
            } else if ("commit".equals(method)) {
                commits++;
            }
        }), new PayloadFiles(tmp.resolve("payloads")));
        DeliveryStore deliveries = new DeliveryStore(store);
        String code = "R" + kind.toUpperCase(java.util.Locale.ROOT);
        long interchange = store.receive("DEMOFWD", "SFTP", "reads.edi", "UNA".getBytes(StandardCharsets.US_ASCII),
                "READS", Duration.ofDays(1)).id();
        long a = delivery(store, interchange, "A", code);
        long b = delivery(store, interchange, "B", code);
        long c = delivery(store, interchange, "C", code);
        long done = delivery(store, interchange, "D", code);
        deliveries.delivered(deliveries.get(done), "handed over before a crash");
        broker.send(Queues.deliver(code), a, b, a, done, c, 999_999_999L, "not a delivery id");

        Path agency = tmp.resolve("agency");
        CamelContext camel = new DefaultCamelContext();
        camel.start();
        long deadBefore = broker.depth(Queues.DEAD);
        try (ActiveMQConnectionFactory factory = broker.factory(ApiTokens.BROKER_NODE_USER,
                ApiTokens.BROKER_NODE_PASSWORD)) {
            CachingConnectionFactory cached = new CachingConnectionFactory(factory);
            AgencyBatchConsumer consumer = new AgencyBatchConsumer(new Agency(code, "reads", "file:" + agency),
                    new DeliveryProcessor(deliveries, 5), deliveries, cached,
                    new DeliverSettings(5, 1, 10_000, 200, 2.0, 10_000, 1_000, 50, 2_000, 60_000), 0);
            reads.clear();
            statements = 0;
            checkouts = 0;
            commits = 0;
            consumer.process(new DefaultExchange(camel));
            consumer.stop();
            cached.destroy();
        } finally {
            camel.stop();
        }

        String counts = " (reads " + reads.size() + ", statements " + statements + ", connections " + checkouts
                + ", commits " + commits + ")";
        assertEquals(1, reads.size(), "reads of delivery rows for a batch of 7 messages" + counts);
        assertEquals(2, checkouts, "connections: the batch's read and its one record" + counts);
        assertEquals(2, commits, "the batch's read and its one record" + counts);
        assertEquals(3, statements, "the read, then the DELIVERED updates and the timeline rows as one JDBC batch each"
                + " (7 when each delivery made its update and its timeline row, DeliveryBatchRecordsTest)" + counts);
        assertEquals(List.of("DOC-A-" + a + ".xml", "DOC-B-" + b + ".xml", "DOC-C-" + c + ".xml"), files(agency),
                "each pending delivery handed over once; the one already made not again");
        for (long id : List.of(a, b, c, done)) {
            assertEquals("DELIVERED", deliveries.get(id).state());
            assertEquals(1, deliveries.get(id).attempts(), "delivery " + id + " recorded once");
        }
        assertEquals(0L, broker.depth(Queues.deliver(code)), "the batch was committed on the broker");
        assertEquals(2L, broker.depth(Queues.DEAD) - deadBefore, "the unknown id and the text naming no delivery");
    }

    private static long delivery(MessageStore store, long interchange, String ref, String agency) {
        long document = store.mapped(interchange, ref, "CUSDEC", "DOC-" + ref,
                ("<doc>" + ref + "</doc>").getBytes(StandardCharsets.UTF_8));
        return store.routed(interchange, document, agency);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
