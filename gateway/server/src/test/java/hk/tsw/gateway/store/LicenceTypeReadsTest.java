package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import hk.tsw.gateway.testsupport.ConnectionCalls;
import hk.tsw.gateway.testsupport.TestDatabases;
import hk.tsw.gateway.testsupport.TestPools;

/**
 * The goods items of a declaration or a manifest consignment that cite the same document read its licence once per
 * check, not once per item (issue 16, tenth stop: on PostgreSQL each read is a round trip, ~19 per document).
 */
class LicenceTypeReadsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    /** Statements prepared that read a licence by its number. */
    private final AtomicInteger reads = new AtomicInteger();

    private LicenceLedger ledger(String kind) {
        DataSource pool = pools.of(kind, tmp);
        TestDatabases.store(pool, tmp); // migrated
        return new LicenceLedger(new MessageStore(ConnectionCalls.observed(pool, (method, args) -> {
            if ("prepareStatement".equals(method)
                    && ((String) args[0]).contains("FROM licence WHERE licence_number = ?")) {
                reads.incrementAndGet();
            }
        }), new PayloadFiles(tmp.resolve("payloads"))));
    }

    /** Three goods items citing {@code number}, and one citing {@code other}. */
    private static List<LicenceLedger.Citation> citations(String number, String other) {
        List<LicenceLedger.Citation> out = new ArrayList<>();
        for (int item = 1; item <= 3; item++) {
            out.add(new LicenceLedger.Citation(item, number, "85423100", List.of(
                    new LicenceLedger.Quantity(BigDecimal.ONE, "NAR")), false));
        }
        out.add(new LicenceLedger.Citation(4, other, "85423100", List.of(), false));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_declaration_reads_each_cited_document_once(String kind) {
        LicenceLedger ledger = ledger(kind);
        ledger.add("SCI-ONCE-1", "TID-SC-IMP", "TID", "HK-TRADER-1", DAY.minusDays(10), DAY.plusDays(170), "REGISTERED",
                null, List.of(new LicenceLedger.Line(0, "8542", new BigDecimal("100"), "NAR", BigDecimal.ZERO)));
        LicenceLedger.Declaration d = new LicenceLedger.Declaration("DEMOFWD", "DEC-1", 1, "1", DAY,
                Set.of("HK-TRADER-1"));
        reads.set(0);
        assertEquals(List.of(), ledger.writeOff(d, citations("INV-1", "SCI-ONCE-1"), t -> false, false));
        assertEquals(2, reads.get(), "licence reads of a pre-flight check citing two documents");
        reads.set(0);
        assertEquals(List.of(), ledger.writeOff(d, citations("INV-1", "SCI-ONCE-1"), t -> false));
        assertEquals(2, reads.get(), "licence reads of a recorded write-off citing two documents");
        reads.set(0);
        assertEquals(List.of(), ledger.checkManifest(d, citations("INV-1", "SCI-ONCE-1"), t -> false));
        assertEquals(2, reads.get(), "licence reads of a manifest consignment citing two documents");
    }
}
