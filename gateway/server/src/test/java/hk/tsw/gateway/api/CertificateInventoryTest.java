package hk.tsw.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;

/** The expiry warnings: none beyond 30 days, 30 within 30, 14 within 14, expired after not-after; and their count. */
class CertificateInventoryTest {

    static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");

    @Test
    void warns_at_30_and_14_days_and_once_expired() throws Exception {
        TestCertificates.Identity far = cert("far", 31);
        TestCertificates.Identity month = cert("month", 30);
        TestCertificates.Identity fortnight = cert("fortnight", 14);
        TestCertificates.Identity gone = cert("gone", -1);
        assertNull(CertificateInventory.warning(far.certificate(), NOW));
        assertEquals("30", CertificateInventory.warning(month.certificate(), NOW));
        assertEquals("14", CertificateInventory.warning(fortnight.certificate(), NOW));
        assertEquals("expired", CertificateInventory.warning(gone.certificate(), NOW));
        CertificateInventory inventory = new CertificateInventory(List.of(
                new CertificateInventory.Held("P", "as2", far.certificate(), null),
                new CertificateInventory.Held("P", "soap", fortnight.certificate(), null),
                new CertificateInventory.Held("gateway", "as2", gone.certificate(), null),
                new CertificateInventory.Held("P", "ssh-key", null, "SHA256:abc")));
        assertEquals(2, inventory.expiringWithin30Days(NOW), "the 14-day and the expired one; not the key");
        List<Map<String, Object>> rows = inventory.rows(NOW);
        assertEquals(List.of("expired", "14", "none", "key"), rows.stream().map(r -> "key".equals(r.get("kind")) ? "key"
                : r.get("warning") == null ? "none" : (String) r.get("warning")).toList(), "soonest first, keys last");
    }

    private static TestCertificates.Identity cert(String cn, int days) throws Exception {
        return TestCertificates.create(cn, NOW.minus(400, ChronoUnit.DAYS), NOW.plus(days, ChronoUnit.DAYS));
    }
}
