package hk.tsw.gateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import hk.tsw.gateway.answer.Acknowledgements;
import hk.tsw.gateway.answer.PartnerReplies;
import hk.tsw.gateway.answer.SftpOutbox;
import hk.tsw.gateway.deliver.AgencyRegistry;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.InterchangeState;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.PayloadFiles;
import hk.tsw.gateway.store.ReleaseStore;
import hk.tsw.gateway.store.ReplyStore;
import hk.tsw.gateway.testsupport.ConnectionCalls;
import hk.tsw.gateway.testsupport.ProcessHarness;
import hk.tsw.gateway.testsupport.TestDatabases;
import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.testsupport.TestPools;
import hk.tsw.gateway.translate.SubmissionChecker;
import hk.tsw.gateway.translate.rules.BusinessRules;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The route stage's group commit ({@link GroupCommit}) on a real store (H2 and PostgreSQL), the real translation
 * engine and real SFTP outbox files, the store's commits counted on its connections: a batch of interchanges commits
 * once (plus the one unit of the answers' "written" marks after it), where one unit per interchange commits twice
 * per interchange; no answer is in the outbox before that commit; a poison interchange or one of more than one chunk
 * rolls the whole group back, nothing of it committed or answered, and each interchange then goes alone as before.
 */
class GroupCommitTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    /** The commits made on the store's connections, and the answers in the outbox at each. */
    private final List<Integer> commits = new ArrayList<>();
    private MessageStore store;
    private Path outbox;

    private InterchangeProcessor open(String kind, int recordBatch) throws Exception {
        DataSource pool = pools.of(kind, tmp);
        TestDatabases.store(pool, tmp); // migrated
        // the pool's connections count their commits (and the answers in the outbox at each)
        store = new MessageStore(ConnectionCalls.observed(pool, (method, args) -> {
            if ("commit".equals(method)) {
                commits.add(answers());
            }
        }), new PayloadFiles(tmp.resolve("payloads")));
        Path repo = TestEngine.REPO;
        PartnerRegistry partners = PartnerRegistry.load(repo.resolve("config/partners"),
                repo.resolve("xsd/config/partner.xsd"));
        RoutingTable routing = RoutingTable.load(repo.resolve("config/routing.xml"),
                repo.resolve("xsd/config/routing.xsd"), AgencyRegistry.load(repo.resolve("config/agencies")));
        SubmissionChecker checker = new SubmissionChecker(TestEngine.get(),
                BusinessRules.load(TestEngine.MAPPINGS.resolve("rules"), TestEngine.get().saxon()), routing);
        Acknowledgements acks = new Acknowledgements("HKTSWGW", "ZZZ", Clock.systemUTC());
        PartnerReplies replies = new PartnerReplies(new ReplyStore(store), partners,
                new SftpOutbox(tmp.resolve("sftp")), acks);
        outbox = tmp.resolve("sftp/DEMOFWD/outbox");
        return new InterchangeProcessor(checker, acks, store, partners, routing, replies, null, recordBatch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_batch_of_interchanges_commits_once_and_its_answers_are_written_only_after_that_commit(String kind)
            throws Exception {
        InterchangeProcessor processor = open(kind, 200);
        List<Long> ids = received("GROUPA", "GROUPB", "GROUPC", "GROUPD");
        commits.clear();
        List<InterchangeProcessor.Processed> done = new GroupCommit(processor, store).process(ids);

        assertNotNull(done, "the group rolled back");
        assertEquals(List.of(0, 8), commits, "the group's one commit, with no answer in the outbox yet, then the one"
                + " unit marking its 8 answers (a CONTRL and a receipt each) written");
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(InterchangeState.TRANSLATED, processor.committed(done.get(i)));
            assertEquals("TRANSLATED", store.interchange(ids.get(i)).state());
            assertFalse(new ReleaseStore(store).unreleased(ids.get(i), 10).isEmpty(), "no pending delivery");
        }
        assertEquals(8, answers());

        // one unit per interchange (the setting off, and the route stage before the group): three commits each (the
        // interchange's read, its unit, its answers' marks)
        List<Long> alone = received("ALONEA", "ALONEB", "ALONEC", "ALONED");
        commits.clear();
        alone.forEach(processor::process);
        assertEquals(12, commits.size(), commits.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_poison_interchange_rolls_the_group_back_whole_and_the_others_then_go_alone(String kind) throws Exception {
        InterchangeProcessor processor = open(kind, 200);
        List<Long> ids = received("GOODA", "GOODB");
        // names a partner the gateway does not know: processing it throws, every time
        long poison = store.receive("NOSUCHPARTNER", "SFTP", "poison.edi", ProcessHarness.declaration("POISONED"),
                "POISONED", Duration.ofDays(1)).id();
        List<Long> group = List.of(ids.get(0), poison, ids.get(1));
        commits.clear();

        assertNull(new GroupCommit(processor, store).process(group));
        assertEquals(List.of(), commits, "something of a group that threw was committed");
        for (long id : ids) {
            assertEquals("RECEIVED", store.interchange(id).state());
            assertTrue(new ReleaseStore(store).unreleased(id, 10).isEmpty());
        }
        assertEquals(0, answers(), "an answer about a group rolled back was written");

        // the consumer's fallback: each alone, the good ones translated once, the poison failing on its own
        for (long id : ids) {
            assertEquals(InterchangeState.TRANSLATED, processor.process(id));
            assertFalse(new ReleaseStore(store).unreleased(id, 10).isEmpty());
        }
        assertEquals(4, answers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void an_interchange_of_more_than_one_chunk_is_never_committed_in_a_group(String kind) throws Exception {
        InterchangeProcessor processor = open(kind, 1);
        long small = received("SMALL").get(0);
        long large = store.receive("DEMOFWD", "SFTP", "large.edi", twoMessages("LARGE"), "LARGE",
                Duration.ofDays(1)).id();
        commits.clear();

        assertNull(new GroupCommit(processor, store).process(List.of(small, large)));
        assertEquals(List.of(), commits, "a chunk of the large interchange committed inside the group");
        assertEquals("RECEIVED", store.interchange(small).state());

        // alone, as before the group: a chunk a commit, the last with the answers
        assertEquals(InterchangeState.TRANSLATED, processor.process(large));
        assertTrue(commits.size() >= 4 && commits.get(commits.size() - 1) == 2, "its reads, first chunk, last chunk"
                + " with the answers, the answers' marks: " + commits);
        assertEquals(InterchangeState.TRANSLATED, processor.process(small));
        assertEquals(2 * new ReleaseStore(store).unreleased(small, 10).size(),
                new ReleaseStore(store).unreleased(large, 10).size(), "both documents of the large one routed");
    }

    private List<Long> received(String... references) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String ref : references) {
            ids.add(store.receive("DEMOFWD", "SFTP", ref + ".edi", ProcessHarness.declaration(ref), ref,
                    Duration.ofDays(1)).id());
        }
        return ids;
    }

    /** The demo declaration twice in one interchange (two messages, two documents). */
    private static byte[] twoMessages(String ref) throws Exception {
        String edi = new String(ProcessHarness.declaration(ref), StandardCharsets.ISO_8859_1);
        int unh = edi.indexOf("UNH+1+");
        int unz = edi.indexOf("UNZ+1+");
        String message = edi.substring(unh, unz);
        String second = message.replace("UNH+1+", "UNH+2+").replace("UNT+40+1'", "UNT+40+2'")
                .replace("DOC-" + ref, "DOC-" + ref + "B");
        return (edi.substring(0, unz) + second + edi.substring(unz).replace("UNZ+1+", "UNZ+2+"))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The answer files in the partner's outbox. */
    private int answers() {
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return (int) files.filter(f -> !f.getFileName().toString().endsWith(".tmp")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
