package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import hk.tsw.gateway.testsupport.TestPools;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's quiet partners, on H2 and PostgreSQL, from submissions at set times. */
class QuietPartnersTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private MessageStore store;
    private int seq;
    private final Instant now = Instant.parse("2026-11-30T12:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRegularPartnerGoneQuietIsListedAndOthersAreNot(String kind) {
        DataSource ds = pools.of(kind, tmp);
        MessageStore.migrate(ds);
        store = new MessageStore(ds, new PayloadFiles(tmp.resolve("payloads")));
        // every 2 hours for 10 days, silent for the last 7 hours: 7 h > 3 x 2 h
        for (int i = 0; i < 120; i++) {
            submit("GONEQUIET", now.minus(7, ChronoUnit.HOURS).minus(2L * i, ChronoUnit.HOURS));
        }
        // every 2 hours, last one 5 hours ago: within 3 x its gap
        for (int i = 0; i < 50; i++) {
            submit("REGULAR", now.minus(5, ChronoUnit.HOURS).minus(2L * i, ChronoUnit.HOURS));
        }
        // two submissions only, long ago: not judged
        submit("RARE", now.minus(20, ChronoUnit.DAYS));
        submit("RARE", now.minus(19, ChronoUnit.DAYS));
        // every 2 seconds, silent for 10 minutes: over 3 x 2 s but under the hour's floor
        for (int i = 0; i < 30; i++) {
            submit("BUSY", now.minus(10, ChronoUnit.MINUTES).minusSeconds(2L * i));
        }
        // older than the 30 days' window: not judged
        for (int i = 0; i < 5; i++) {
            submit("OLD", now.minus(40 + i, ChronoUnit.DAYS));
        }

        QuietPartners quiet = new QuietPartners(store, 3, Duration.ofHours(1));
        List<QuietPartners.Quiet> listed = quiet.quiet(now);
        assertEquals(1, listed.size(), listed.toString());
        QuietPartners.Quiet q = listed.get(0);
        assertEquals("GONEQUIET", q.partner());
        assertEquals(now.minus(7, ChronoUnit.HOURS), q.lastSubmission());
        assertEquals(Duration.ofHours(2), q.usualGap());
        assertEquals(Duration.ofHours(7), q.silentFor());

        Set<String> judged = quiet.judged(now).stream().map(QuietPartners.Judged::partner).collect(Collectors.toSet());
        assertEquals(Set.of("GONEQUIET", "REGULAR", "BUSY"), judged);

        // the floor is what keeps BUSY off the list: with none, 10 minutes of silence after 2-second gaps is quiet
        Set<String> noFloor = new QuietPartners(store, 3, Duration.ZERO).quiet(now).stream()
                .map(QuietPartners.Quiet::partner).collect(Collectors.toSet());
        assertEquals(Set.of("GONEQUIET", "BUSY"), noFloor);
        // and a larger factor keeps GONEQUIET off it (7 h < 4 x 2 h)
        assertTrue(new QuietPartners(store, 4, Duration.ofHours(1)).quiet(now).isEmpty());
    }

    private void submit(String partner, Instant at) {
        MessageStore.Receipt r = store.receive(partner, "SFTP", "f" + (++seq) + ".edi",
                ("payload " + seq).getBytes(StandardCharsets.UTF_8), "REF" + seq, Duration.ofDays(1));
        store.jdbc().tx(c -> Jdbc.update(c, "UPDATE interchange SET received_at = ? WHERE id = ?", Timestamp.from(at),
                r.id()));
    }
}
