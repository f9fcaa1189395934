package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import hk.tsw.gateway.testsupport.TestPools;

/** The licence ledger's promises, on H2 and on the local PostgreSQL (as the other store tests). */
class LicenceLedgerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private MessageStore store(String kind) {
        return pools.store(kind, tmp);
    }

    private static void issue(LicenceLedger ledger, String number, String quantity) {
        assertTrue(ledger.add(number, "TID-SC-IMP", "TID", "HK-TRADER-1", DAY.minusDays(10), DAY.plusDays(170),
                "REGISTERED", null, List.of(new LicenceLedger.Line(0, "8542", new BigDecimal(quantity), "NAR", BigDecimal.ZERO))));
    }

    private static LicenceLedger.Declaration declaration(long interchange, String reference) {
        return new LicenceLedger.Declaration("DEMOFWD", reference, interchange, "1", DAY, Set.of("HK-TRADER-1"));
    }

    private static List<LicenceLedger.Citation> citing(String number, String quantity) {
        return List.of(new LicenceLedger.Citation(1, number, "85423100", List.of(
                new LicenceLedger.Quantity(new BigDecimal(quantity), "NAR")), false));
    }

    private static String remaining(LicenceLedger ledger, String number) {
        return ledger.find(number).orElseThrow().lines().get(0).remaining().stripTrailingZeros().toPlainString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void two_declarations_racing_for_the_last_quantity_one_is_accepted_and_one_refused(String kind) throws Exception {
        MessageStore store = store(kind);
        // both threads wait at the barrier just before the lock: both have read the licence and are inside the check
        CyclicBarrier bothInside = new CyclicBarrier(2);
        LicenceLedger ledger = new LicenceLedger(store, () -> {
            try {
                bothInside.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        issue(ledger, "SCI-RACE-1", "100");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<LicenceLedger.Refusal>>> results = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                long interchange = i;
                results.add(pool.submit(() -> ledger.writeOff(declaration(interchange, "DEC-" + interchange),
                        citing("SCI-RACE-1", "60"), t -> true)));
            }
            List<List<LicenceLedger.Refusal>> outcomes = new ArrayList<>();
            for (Future<List<LicenceLedger.Refusal>> f : results) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, outcomes.stream().filter(List::isEmpty).count(), "exactly one accepted: " + outcomes);
            LicenceLedger.Refusal refused = outcomes.stream().filter(o -> !o.isEmpty()).findFirst().orElseThrow().get(0);
            assertEquals("LIC-007", refused.code());
            assertTrue(refused.reason().contains("Licence SCI-RACE-1 (TID-SC-IMP) line 1, which has only 40 NAR left of 100"),
                    refused.reason());
            assertEquals("40", remaining(ledger, "SCI-RACE-1"));
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_cancelled_declaration_gives_its_quantity_back_once(String kind) {
        LicenceLedger ledger = new LicenceLedger(store(kind));
        issue(ledger, "SCI-CANCEL-1", "100");
        assertTrue(ledger.writeOff(declaration(1, "DEC-A"), citing("SCI-CANCEL-1", "70"), t -> true).isEmpty());
        assertTrue(ledger.writeOff(declaration(1, "DEC-A"), citing("SCI-CANCEL-1", "70"), t -> true).isEmpty(),
                "the same message again (a redelivery) records nothing twice");
        assertEquals("30", remaining(ledger, "SCI-CANCEL-1"));
        assertEquals("LIC-007", ledger.writeOff(declaration(2, "DEC-B"), citing("SCI-CANCEL-1", "50"), t -> true)
                .get(0).code());
        assertEquals(1, ledger.giveBack("DEMOFWD", "DEC-A"));
        assertEquals(0, ledger.giveBack("DEMOFWD", "DEC-A"), "a second cancellation gives nothing back");
        assertEquals("100", remaining(ledger, "SCI-CANCEL-1"));
        assertTrue(ledger.writeOff(declaration(3, "DEC-B"), citing("SCI-CANCEL-1", "50"), t -> true).isEmpty());
        assertEquals("50", remaining(ledger, "SCI-CANCEL-1"));
    }

    private static LicenceLedger.Declaration amendment(long interchange, String reference) {
        return new LicenceLedger.Declaration("DEMOFWD", reference, interchange, "1", DAY, Set.of("HK-TRADER-1"), true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void an_amendment_replaces_the_declarations_write_off_instead_of_adding_to_it(String kind) {
        LicenceLedger ledger = new LicenceLedger(store(kind));
        issue(ledger, "SCI-AMEND-1", "100");
        assertTrue(ledger.writeOff(declaration(1, "DEC-M"), citing("SCI-AMEND-1", "60"), t -> true).isEmpty());
        assertEquals("40", remaining(ledger, "SCI-AMEND-1"));
        // the amended declaration writes off 70 in place of 60: 30 left, not 100 - 60 - 70 (refused before the fix)
        assertTrue(ledger.writeOff(amendment(2, "DEC-M"), citing("SCI-AMEND-1", "70"), t -> true).isEmpty());
        assertEquals("30", remaining(ledger, "SCI-AMEND-1"));
        assertTrue(ledger.writeOff(amendment(2, "DEC-M"), citing("SCI-AMEND-1", "70"), t -> true).isEmpty(),
                "the same amendment again (a redelivery) changes nothing");
        assertEquals("30", remaining(ledger, "SCI-AMEND-1"));
        // an amendment over the licence is refused against what is left with its own write-off given back (100)
        LicenceLedger.Refusal over = ledger.writeOff(amendment(3, "DEC-M"), citing("SCI-AMEND-1", "101"), t -> true).get(0);
        assertEquals("LIC-007", over.code());
        assertTrue(over.reason().contains("which has only 100 NAR left of 100"), over.reason());
        assertEquals("30", remaining(ledger, "SCI-AMEND-1"), "a refused amendment leaves the earlier write-off in place");
        // another declaration is not credited with DEC-M's write-off
        assertEquals("LIC-007", ledger.writeOff(amendment(4, "DEC-N"), citing("SCI-AMEND-1", "31"), t -> true).get(0).code());
        // cancelling gives back the amended quantity once, not the replaced one too
        assertEquals(1, ledger.giveBack("DEMOFWD", "DEC-M"));
        assertEquals("100", remaining(ledger, "SCI-AMEND-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_manifest_line_is_checked_but_writes_nothing_off(String kind) {
        LicenceLedger ledger = new LicenceLedger(store(kind));
        issue(ledger, "SCI-MAN-1", "100");
        LicenceLedger.Declaration manifest = new LicenceLedger.Declaration("DEMOLINE", "MAN-1", 1, "1", DAY,
                Set.of("HK-TRADER-1"));
        // a manifest line often gives no HS code and no quantity in the licence's unit: then those are not checked
        List<LicenceLedger.Citation> bare = List.of(new LicenceLedger.Citation(1, "SCI-MAN-1", null, List.of(), false));
        assertTrue(ledger.checkManifest(manifest, bare, t -> true).isEmpty());
        assertEquals("LIC-007", ledger.checkManifest(manifest, citing("SCI-MAN-1", "150"), t -> true).get(0).code());
        assertTrue(ledger.checkManifest(manifest, citing("SCI-MAN-1", "60"), t -> true).isEmpty());
        assertEquals("100", remaining(ledger, "SCI-MAN-1"), "a manifest writes nothing off");
        LicenceLedger.Refusal holder = ledger.checkManifest(new LicenceLedger.Declaration("DEMOLINE", "MAN-2", 2, "1", DAY,
                Set.of("HK-OTHER-9")), bare, t -> true).get(0);
        assertEquals("LIC-004", holder.code());
        assertTrue(holder.reason().contains("not to the consignee or consignor of this consignment"), holder.reason());
        assertTrue(ledger.checkManifest(manifest, bare, t -> false).isEmpty(), "a type the catalogue does not check");
        assertTrue(ledger.setStatus("SCI-MAN-1", "TID", LicenceLedger.SUSPENDED, "under review").isPresent());
        assertEquals("LIC-002", ledger.checkManifest(manifest, bare, t -> true).get(0).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void each_check_refuses_with_its_own_code_naming_the_licence(String kind) {
        LicenceLedger ledger = new LicenceLedger(store(kind));
        issue(ledger, "SCI-1", "100");
        LicenceLedger.Declaration otherTrader = new LicenceLedger.Declaration("DEMOFWD", "X1", 10, "1", DAY,
                Set.of("HK-FORWARDER-9"));
        assertEquals("LIC-004", ledger.writeOff(otherTrader, citing("SCI-1", "1"), t -> true).get(0).code());
        LicenceLedger.Declaration late = new LicenceLedger.Declaration("DEMOFWD", "X2", 11, "1", DAY.plusYears(1),
                Set.of("HK-TRADER-1"));
        assertEquals("LIC-003", ledger.writeOff(late, citing("SCI-1", "1"), t -> true).get(0).code());
        List<LicenceLedger.Citation> otherGoods = List.of(new LicenceLedger.Citation(2, "SCI-1", "61091000",
                List.of(new LicenceLedger.Quantity(BigDecimal.ONE, "NAR")), false));
        LicenceLedger.Refusal hs = ledger.writeOff(declaration(12, "X3"), otherGoods, t -> true).get(0);
        assertEquals("LIC-005", hs.code());
        assertTrue(hs.reason().contains("Licence SCI-1 (TID-SC-IMP) does not cover HS code 61091000"), hs.reason());
        List<LicenceLedger.Citation> kilos = List.of(new LicenceLedger.Citation(1, "SCI-1", "85423100",
                List.of(new LicenceLedger.Quantity(BigDecimal.ONE, "KGM")), false));
        assertEquals("LIC-006", ledger.writeOff(declaration(13, "X4"), kilos, t -> true).get(0).code());
        List<LicenceLedger.Citation> unknown = List.of(new LicenceLedger.Citation(1, "NOT-IN-LEDGER", "85423100",
                List.of(new LicenceLedger.Quantity(BigDecimal.ONE, "NAR")), true));
        assertEquals("LIC-001", ledger.writeOff(declaration(14, "X5"), unknown, t -> true).get(0).code());
        assertTrue(ledger.writeOff(declaration(15, "X6"), List.of(new LicenceLedger.Citation(1, "NOT-IN-LEDGER",
                "85423100", List.of(), false)), t -> true).isEmpty(), "a licence issued outside the gateway is not checked");
        assertTrue(ledger.writeOff(declaration(16, "X7"), citing("SCI-1", "1000"), t -> false).isEmpty(),
                "a type the catalogue does not check is not checked");
        assertTrue(ledger.setStatus("SCI-1", "TID", LicenceLedger.SUSPENDED, "under investigation").isPresent());
        assertFalse(ledger.setStatus("SCI-1", "OFCA", LicenceLedger.REVOKED, null).isPresent(), "only its agency");
        LicenceLedger.Refusal suspended = ledger.writeOff(declaration(17, "X8"), citing("SCI-1", "1"), t -> true).get(0);
        assertEquals("LIC-002", suspended.code());
        assertTrue(suspended.reason().contains("is suspended (under investigation)"), suspended.reason());
        assertEquals("100", remaining(ledger, "SCI-1"), "nothing refused was written off");
        // two items of one declaration share the line: together they may not exceed it
        List<LicenceLedger.Citation> two = new ArrayList<>(citing("SCI-2", "60"));
        two.add(new LicenceLedger.Citation(2, "SCI-2", "85423900", List.of(new LicenceLedger.Quantity(
                new BigDecimal("60"), "NAR")), false));
        issue(ledger, "SCI-2", "100");
        List<LicenceLedger.Refusal> r = ledger.writeOff(declaration(18, "X9"), Collections.unmodifiableList(two), t -> true);
        assertEquals(1, r.size());
        assertEquals(1, r.get(0).citation());
        assertEquals("100", remaining(ledger, "SCI-2"), "all or nothing per declaration");
    }
}
