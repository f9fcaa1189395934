package hk.tsw.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import hk.tsw.gateway.route.DeliveryRelease;
import hk.tsw.gateway.testsupport.InterchangeGenerator;
import hk.tsw.gateway.testsupport.RunningGateway;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The route stage on its streaming path with small numbers, so that every boundary is crossed: ten declarations
 * recorded four to a store transaction, their twenty deliveries (CED and CSD each) put on the agency queues three to
 * a broker transaction. Each document reaches each agency once and the partner gets its receipt; an interchange
 * whose UNZ count is wrong is rejected whole and nothing of it reaches any agency.
 */
class ChunkedReleasePipelineTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private RunningGateway gw;
    private final ListAppender<ILoggingEvent> releases = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        releases.start();
        ((Logger) LoggerFactory.getLogger(DeliveryRelease.class)).addAppender(releases);
        gw = new RunningGateway(dir, Map.of(), Map.of("gateway.route.release.chunk", "3",
                "gateway.route.record.batch", "4"));
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(DeliveryRelease.class)).detachAppender(releases);
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void every_document_of_a_chunked_interchange_reaches_each_of_its_agencies_once() throws Exception {
        InterchangeGenerator.Interchange ic = new InterchangeGenerator(16).declarations(10);
        gw.upload("demofwd", ic.fileName(), ic.content());
        String reference = ic.fileName().replace(".edi", "").toUpperCase();

        Awaitility.await().atMost(PATIENCE).until(() -> delivered("CED").size() == 10 && delivered("CSD").size() == 10);
        for (String agency : List.of("CED", "CSD")) {
            Map<String, Long> byDocument = delivered(agency);
            assertEquals(new java.util.TreeSet<>(ic.documentRefs()), byDocument.keySet(), agency);
            byDocument.forEach((doc, n) -> assertEquals(1L, n, agency + " received " + doc + " " + n + " times"));
        }
        String receipt = Files.readString(gw.outbox("DEMOFWD", reference + ".receipt", ".txt"), StandardCharsets.UTF_8);
        assertTrue(receipt.contains(": TRANSLATED\n"), receipt);
        assertEquals(10, receipt.lines().filter(l -> l.startsWith("TRANSLATED message ")).count(), receipt);
        // the twenty deliveries went out in chunks of their own, not in the received message's transaction
        assertTrue(releases.list.stream().anyMatch(e -> e.getFormattedMessage().contains("20 deliveries put on the"
                + " agency queues in chunks of 3")), releases.list.toString());
        Awaitility.await().atMost(PATIENCE).until(() -> gw.get("/api/queues").body().matches(
                "(?s)(?!.*\"tsw\\.deliver\\.[A-Z]+\" : [1-9]).*"));
    }

    @Test
    void an_interchange_whose_unz_count_is_wrong_is_rejected_whole_and_nothing_is_delivered() throws Exception {
        InterchangeGenerator.Interchange ic = new InterchangeGenerator(17).declarations(10);
        String reference = ic.fileName().replace(".edi", "").toUpperCase();
        byte[] wrongCount = new String(ic.content(), StandardCharsets.UTF_8).replace("UNZ+10+", "UNZ+9+")
                .getBytes(StandardCharsets.UTF_8);
        gw.upload("demofwd", ic.fileName(), wrongCount);

        String rejection = Files.readString(gw.outbox("DEMOFWD", reference + ".rejection", ".txt"), StandardCharsets.UTF_8);
        assertTrue(rejection.contains(": REJECTED\n"), rejection);
        assertEquals(10, rejection.lines().filter(l -> l.endsWith("rejected with its interchange")).count(), rejection);
        Path contrl = gw.outbox("DEMOFWD", reference + ".contrl", ".edi");
        assertTrue(Files.readString(contrl, StandardCharsets.UTF_8).contains("+4+"), "CONTRL UCI action 4 (rejected)");
        // the answer is written after every message was recorded: nothing can be on its way to an agency now
        assertEquals(Map.of(), delivered("CED"));
        assertEquals(Map.of(), delivered("CSD"));
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("gateway id (\\d+)").matcher(rejection);
        assertTrue(id.find(), rejection);
        String message = gw.get("/api/messages/" + id.group(1)).body();
        assertTrue(message.contains("REJECTED"), message);
        assertTrue(!message.contains("\"agency\""), "no delivery was ever recorded: " + message);
    }

    /** The documents in an agency's folder by document number (files {@code <DOC>-<documentId>.xml}). */
    private Map<String, Long> delivered(String agency) throws Exception {
        Path folder = gw.data.resolve("agencies/" + agency);
        if (!Files.isDirectory(folder)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.replaceFirst("-\\d+\\.xml$", ""))
                    .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
        }
    }
}
