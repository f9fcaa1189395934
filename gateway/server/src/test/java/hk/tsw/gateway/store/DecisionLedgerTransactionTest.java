package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import hk.tsw.gateway.testsupport.TestPools;

/**
 * An agency's decision that issues a licence and the licence's ledger entry commit in one transaction
 * ({@link DecisionStore#record(long, DecisionStore.Decision, java.util.function.Consumer)}, as DecisionRoutes calls it):
 * a failure after the ledger entry (a crash, a lost connection) leaves neither, so the agency's resend records both.
 */
class DecisionLedgerTransactionTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private MessageStore store(String kind) {
        return pools.store(kind, tmp);
    }

    private static long application(MessageStore store, String reference) {
        MessageStore.Receipt r = store.receive("DEMOFWD", "SFTP", reference + ".edi",
                reference.getBytes(StandardCharsets.UTF_8), reference, Duration.ofDays(1));
        return store.mapped(r.id(), "1", "LPCO_APPLICATION", reference, "<TradeDocument/>".getBytes(StandardCharsets.UTF_8));
    }

    private static DecisionStore.Decision issued(String licence, String agencyReference) {
        return new DecisionStore.Decision("TID", "LICENCE_ISSUED", List.of(), licence, "2026-12-01", "2027-05-31",
                agencyReference);
    }

    private static void enter(LicenceLedger ledger, String licence) {
        ledger.add(licence, "TID-SC-IMP", "TID", "HK-TRADER-1", DAY, DAY.plusDays(180), "ISSUED", null,
                List.of(new LicenceLedger.Line(0, "8542", new BigDecimal("100"), "NAR", BigDecimal.ZERO)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_failure_after_the_ledger_entry_leaves_neither_decision_nor_licence(String kind) {
        MessageStore store = store(kind);
        DecisionStore decisions = new DecisionStore(store);
        LicenceLedger ledger = new LicenceLedger(store);
        long doc = application(store, "APP-TX-1");

        assertThrows(IllegalStateException.class, () -> decisions.record(doc, issued("SCI-TX-1", "TID-TX-1"), r -> {
            enter(ledger, "SCI-TX-1");
            throw new IllegalStateException("the gateway stops after the ledger entry");
        }));
        assertTrue(ledger.find("SCI-TX-1").isEmpty(), "the licence entry was rolled back with the decision");

        // the agency resends: the decision is new (nothing of the first attempt was kept) and both are recorded
        AtomicInteger entered = new AtomicInteger();
        DecisionStore.Recorded again = decisions.record(doc, issued("SCI-TX-1", "TID-TX-1"), r -> {
            enter(ledger, "SCI-TX-1");
            entered.incrementAndGet();
        });
        assertFalse(again.repeat());
        assertEquals(1, entered.get());
        assertEquals("100", ledger.find("SCI-TX-1").orElseThrow().lines().get(0).remaining().stripTrailingZeros().toPlainString());

        // a third send of the same decision is a repeat: nothing is entered again
        assertTrue(decisions.record(doc, issued("SCI-TX-1", "TID-TX-1"), r -> entered.incrementAndGet()).repeat());
        assertEquals(1, entered.get());
    }

    /** The control: recorded in two transactions (as before), the same failure keeps a decision without its licence. */
    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void in_two_transactions_the_same_failure_would_lose_the_licence(String kind) {
        MessageStore store = store(kind);
        DecisionStore decisions = new DecisionStore(store);
        LicenceLedger ledger = new LicenceLedger(store);
        long doc = application(store, "APP-TX-2");
        decisions.record(doc, issued("SCI-TX-2", "TID-TX-2"));
        // ... the gateway stops here, before the ledger entry
        assertTrue(ledger.find("SCI-TX-2").isEmpty());
        assertTrue(decisions.record(doc, issued("SCI-TX-2", "TID-TX-2")).repeat(),
                "the resent decision is a repeat, so its licence would never be entered");
    }
}
