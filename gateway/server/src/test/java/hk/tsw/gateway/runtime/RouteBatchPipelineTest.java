package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import hk.tsw.gateway.route.ReceivedBatchConsumer;
import hk.tsw.gateway.testsupport.AgencyStub;
import hk.tsw.gateway.testsupport.Invariants;
import hk.tsw.gateway.testsupport.ProcessHarness;
import hk.tsw.gateway.testsupport.RunningGateway;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The route stage in batches ({@link ReceivedBatchConsumer}): one consumer, batches closing after a long window so
 * that the uploads of the test share one, and a poison interchange among them (the test-only switch
 * {@code gateway.faults.poison.marker} makes the translate stage throw on it). The poison neither rolls back nor holds
 * up its batch: the batch commits with the others routed and the poison sent again; after its last attempt it is
 * FAILED and parked in {@code tsw.dead} with its reason and origin, and every other document reached every agency once.
 * The batch's interchanges commit to the store together ({@code GroupCommit}): the poison rolls its group back, the
 * batch is processed one interchange per store unit, and the group's failure counts as no attempt of the others.
 */
class RouteBatchPipelineTest {

    @TempDir
    Path dir;

    private AgencyStub ced;
    private RunningGateway gw;
    private final ListAppender<ILoggingEvent> batches = new ListAppender<>();
    private final Logger log = (Logger) LoggerFactory.getLogger(ReceivedBatchConsumer.class);
    private final Logger groupLog = (Logger) LoggerFactory.getLogger("hk.tsw.gateway.route.GroupCommit");
    private Level level;
    private Level groupLevel;

    @BeforeEach
    void start() throws Exception {
        batches.start();
        level = log.getLevel();
        log.setLevel(Level.DEBUG);
        log.addAppender(batches);
        groupLevel = groupLog.getLevel();
        groupLog.setLevel(Level.DEBUG);
        groupLog.addAppender(batches);
        ced = new AgencyStub(dir.resolve("ced-ledger.txt"));
        gw = new RunningGateway(dir, Map.of("CED", ced.url()), Map.of("gateway.faults.poison.marker", "POISONPILL",
                "gateway.route.consumers", "1", "gateway.route.batch.max", "50", "gateway.route.batch.window.ms", "3000",
                "gateway.delivery.max.attempts", "3", "gateway.delivery.redelivery.delay.ms", "200",
                "gateway.route.group.commit", "true"));
    }

    @AfterEach
    void stop() {
        log.detachAppender(batches);
        log.setLevel(level);
        groupLog.detachAppender(batches);
        groupLog.setLevel(groupLevel);
        if (gw != null) {
            gw.close();
        }
        if (ced != null) {
            ced.close();
        }
    }

    @Test
    void a_poison_interchange_is_retried_then_parked_while_the_others_of_its_batch_are_routed_once() throws Exception {
        Set<String> good = new TreeSet<>();
        for (int i = 0; i < 6; i++) {
            if (i == 3) {
                gw.upload("demofwd", "poison.edi", ProcessHarness.declaration("POISONPILL"));
            }
            gw.upload("demofwd", "batch" + i + ".edi", ProcessHarness.declaration("BATCH" + i));
            good.add("DOC-BATCH" + i);
        }
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> gw.get("/api/messages?reference=POISONPILL")
                .body().contains("\"state\" : \"FAILED\""));
        new Invariants(gw.httpPort).check(ced, gw.data, good, Set.of("DOC-POISONPILL"), 1);

        String letters = gw.get("/api/dead-letters").body();
        assertTrue(letters.contains("tsw.received") && letters.contains("injected poison message"), letters);
        // the poison's first attempt was sent again from a batch that routed others and committed
        assertTrue(batches.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.matches(
                "A batch of ([2-9]|\\d\\d+) received interchanges committed: [1-9]\\d* deliveries sent, 1 interchanges"
                        + " sent again, 0 parked")), batches.list.toString());
        assertTrue(batches.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.endsWith(
                "0 interchanges sent again, 1 parked")), batches.list.toString());
        // the batches holding the poison were tried as a group first, rolled back whole, then went one by one
        assertTrue(batches.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.matches(
                "A group of ([2-9]|\\d\\d+) interchanges rolled back and processed one by one, .*injected poison.*")),
                batches.list.toString());
    }

    @Test
    void a_batch_without_poison_commits_to_the_store_once() throws Exception {
        Set<String> good = new TreeSet<>();
        for (int i = 0; i < 4; i++) {
            gw.upload("demofwd", "group" + i + ".edi", ProcessHarness.declaration("GROUP" + i));
            good.add("DOC-GROUP" + i);
        }
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> batches.list.stream()
                .map(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.startsWith("A batch of")));
        new Invariants(gw.httpPort).check(ced, gw.data, good, Set.of(), 0);
        assertTrue(batches.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.matches(
                "A group of ([2-9]|\\d\\d+) interchanges committed in one store unit")), batches.list.toString());
    }
}
