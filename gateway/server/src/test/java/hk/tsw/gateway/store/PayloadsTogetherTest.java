package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import hk.tsw.gateway.testsupport.TestPools;

/**
 * Payloads written together ({@link PayloadFiles#together}, which {@link MessageStore#inOneTransaction} uses) get
 * their names only at the end, after their content is forced, and before the store's commit: a row never names a
 * payload that is not there, and a failed unit leaves neither rows nor named files.
 */
class PayloadsTogetherTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private long files(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }

    @Test
    void payloads_written_together_are_named_only_at_the_end_and_readable_meanwhile() throws IOException {
        PayloadFiles payloads = new PayloadFiles(tmp.resolve("payloads"));
        String[] shas = new String[2];
        payloads.together(() -> {
            shas[0] = payloads.write(bytes("<a/>"));
            shas[1] = payloads.write(bytes("<b/>"));
            assertEquals(shas[0], payloads.write(bytes("<a/>")), "the same content twice is one payload");
            assertFalse(Files.exists(payloads.path(shas[0])), "no name before the end");
            assertFalse(Files.exists(payloads.path(shas[1])), "no name before the end");
            assertArrayEquals(bytes("<a/>"), payloads.read(shas[0]), "readable on this thread meanwhile");
            return null;
        });
        assertArrayEquals(bytes("<a/>"), Files.readAllBytes(payloads.path(shas[0])));
        assertArrayEquals(bytes("<b/>"), Files.readAllBytes(payloads.path(shas[1])));
        assertEquals(0, files(tmp.resolve("payloads"), ".tmp"), "no temp file left");
    }

    @Test
    void when_the_work_fails_no_payload_gets_its_name_and_no_temp_file_stays() throws IOException {
        PayloadFiles payloads = new PayloadFiles(tmp.resolve("payloads"));
        String[] sha = new String[1];
        assertThrows(IllegalStateException.class, () -> payloads.together(() -> {
            sha[0] = payloads.write(bytes("<c/>"));
            throw new IllegalStateException("work failed");
        }));
        assertFalse(Files.exists(payloads.path(sha[0])));
        assertEquals(0, files(tmp.resolve("payloads"), ".tmp"));
        assertEquals(0, files(tmp.resolve("payloads"), ".bin"));
    }

    /** The temp files under {@code root} this process has open now (Linux: /proc/self/fd). */
    private static long openTempFiles(Path root) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd to see open files");
        Path under = root.toAbsolutePath();
        try (Stream<Path> all = Files.list(fds)) {
            return all.map(PayloadsTogetherTest::target)
                    .filter(t -> t != null && t.startsWith(under) && t.toString().endsWith(".tmp")).count();
        }
    }

    private static Path target(Path fd) {
        try {
            return Files.readSymbolicLink(fd);
        } catch (IOException | UnsupportedOperationException gone) {
            return null; // closed meanwhile (the listing's own descriptor)
        }
    }

    @Test
    void a_unit_of_more_payloads_than_the_bound_keeps_at_most_the_bound_open_and_names_them_all() throws IOException {
        Path root = tmp.resolve("payloads");
        PayloadFiles payloads = new PayloadFiles(root);
        PayloadsTogether unit = new PayloadsTogether(4);
        List<byte[]> contents = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            byte[] content = bytes("<TradeDocument n='" + i + "'/>");
            contents.add(content);
            String sha = PayloadFiles.sha256(content);
            unit.write(sha, payloads.path(sha), content);
            assertEquals(Math.min(i + 1, 4), openTempFiles(root), "temp files open after " + (i + 1) + " writes");
        }
        try {
            unit.force();
        } finally {
            unit.discard();
        }
        assertEquals(0, openTempFiles(root), "none left open");
        assertEquals(0, files(root, ".tmp"), "no temp file left");
        for (byte[] content : contents) {
            assertArrayEquals(content, Files.readAllBytes(payloads.path(PayloadFiles.sha256(content))),
                    "each payload whole under its name, the ones closed early too");
        }
    }

    @Test
    void a_unit_given_up_closes_and_removes_every_temp_file() throws IOException {
        Path root = tmp.resolve("payloads");
        PayloadFiles payloads = new PayloadFiles(root);
        PayloadsTogether unit = new PayloadsTogether(4);
        for (int i = 0; i < 6; i++) {
            byte[] content = bytes("<TradeDocument given-up='" + i + "'/>");
            String sha = PayloadFiles.sha256(content);
            unit.write(sha, payloads.path(sha), content);
        }
        assertEquals(4, openTempFiles(root));
        unit.discard();
        assertEquals(0, openTempFiles(root), "none left open");
        assertEquals(0, files(root, ".tmp"), "no temp file left");
        assertEquals(0, files(root, ".bin"), "no payload named");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_document_row_commits_only_after_its_payload_is_in_place(String kind) throws IOException {
        MessageStore store = pools.store(kind, tmp);
        long ic = store.receive("P1", "SFTP", "a.edi", bytes("UNB+together"), "RT-" + System.nanoTime(),
                Duration.ofDays(30)).id();
        byte[] canonical = bytes("<TradeDocument n='" + System.nanoTime() + "'/>");
        Path named = store.payloads().path(PayloadFiles.sha256(canonical));
        long doc = store.inOneTransaction(() -> {
            long id = store.mapped(ic, "M1", "CARGO_MANIFEST", "BL1", canonical);
            assertFalse(Files.exists(named), "named only at the end of the unit");
            return id;
        });
        assertTrue(Files.exists(named), "in place when the unit's commit is done");
        DeliveryStore deliveries = new DeliveryStore(store);
        long ced = store.routed(ic, doc, "CED");
        assertArrayEquals(canonical, deliveries.canonical(deliveries.get(ced)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void when_a_payload_cannot_be_put_in_place_the_unit_commits_nothing(String kind) throws IOException {
        MessageStore store = pools.store(kind, tmp);
        long ic = store.receive("P1", "SFTP", "a.edi", bytes("UNB+fails"), "RF-" + System.nanoTime(),
                Duration.ofDays(30)).id();
        byte[] canonical = bytes("<TradeDocument n='" + System.nanoTime() + "'/>");
        Path named = store.payloads().path(PayloadFiles.sha256(canonical));
        assertThrows(UncheckedIOException.class, () -> store.inOneTransaction(() -> {
            long id = store.mapped(ic, "M1", "CARGO_MANIFEST", "BL1", canonical);
            try {
                // something that is not the payload takes its name, so the rename at the end fails
                Files.createDirectories(named.resolve("squatter"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return id;
        }));
        assertEquals(List.of(ic), store.unfinished().stream().filter(i -> i == ic).toList());
        assertEquals(0L, (long) store.jdbc().tx(c -> Jdbc.queryLong(c, "SELECT COUNT(*) FROM document WHERE"
                + " interchange_id = ?", ic)), "the document row was rolled back with the unit");
        assertEquals(0, files(named.getParent(), ".tmp"), "no temp file left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void references_are_recorded_once_even_when_longer_than_the_column(String kind) {
        MessageStore store = pools.store(kind, tmp);
        long ic = store.receive("P1", "SFTP", "a.edi", bytes("UNB+refs"), "RR-" + System.nanoTime(),
                Duration.ofDays(30)).id();
        long doc = store.mapped(ic, "M1", "CARGO_MANIFEST", "BL1", bytes("<TradeDocument refs='1'/>"));
        String longRef = "L".repeat(90);
        List<String> values = List.of("BL1", "BL2", "BL1", " ", longRef);
        store.references(doc, "BILL_OF_LADING", values);
        store.references(doc, "BILL_OF_LADING", values); // a redelivery records them again: no change, no error
        store.references(doc, "CONTAINER", List.of("BL1"));
        assertEquals(3L, (long) store.jdbc().tx(c -> Jdbc.queryLong(c, "SELECT COUNT(*) FROM document_reference"
                + " WHERE document_id = ? AND kind = ?", doc, "BILL_OF_LADING")));
        assertEquals(1L, (long) store.jdbc().tx(c -> Jdbc.queryLong(c, "SELECT COUNT(*) FROM document_reference"
                + " WHERE document_id = ? AND ref_value = ?", doc, "L".repeat(70))));
        assertEquals(1L, (long) store.jdbc().tx(c -> Jdbc.queryLong(c, "SELECT COUNT(*) FROM document_reference"
                + " WHERE document_id = ? AND kind = ?", doc, "CONTAINER")));
    }
}
