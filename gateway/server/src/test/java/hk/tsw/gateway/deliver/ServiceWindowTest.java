package hk.tsw.gateway.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agency service windows: periods by day and time in the agency's zone, crossing midnight, closed dates, refusals. */
class ServiceWindowTest {

    private static final ZoneId HK = ZoneId.of("Asia/Hong_Kong");

    @TempDir
    Path dir;

    private static ServiceWindow window(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return ServiceWindow.parse("CED.properties", p);
    }

    /** 2026-12-07 is a Monday. */
    private static boolean closed(ServiceWindow w, String localHk) {
        return w.closedAt(LocalDateTime.parse(localHk).atZone(HK).toInstant());
    }

    @Test
    void a_nightly_window_crosses_midnight_in_hong_kong_time() {
        ServiceWindow w = window("serviceWindow.closed", "MON-SUN 23:00-07:00");
        assertFalse(closed(w, "2026-12-07T22:59"));
        assertTrue(closed(w, "2026-12-07T23:00"));
        assertTrue(closed(w, "2026-12-08T03:00"));
        assertTrue(closed(w, "2026-12-08T06:59"));
        assertFalse(closed(w, "2026-12-08T07:00"));
        assertFalse(closed(w, "2026-12-08T12:00"));
        // 23:00 HK is 15:00 UTC: the zone is Hong Kong's, not the machine's or UTC
        assertTrue(w.closedAt(java.time.Instant.parse("2026-12-07T15:30:00Z")));
        assertFalse(w.closedAt(java.time.Instant.parse("2026-12-07T14:30:00Z")));
    }

    @Test
    void the_next_change_is_the_end_or_start_of_the_window() {
        ServiceWindow w = window("serviceWindow.closed", "MON-SUN 23:00-07:00");
        assertEquals(LocalDateTime.parse("2026-12-08T07:00").atZone(HK).toInstant(),
                w.nextChange(LocalDateTime.parse("2026-12-08T01:30:15").atZone(HK).toInstant()));
        assertEquals(LocalDateTime.parse("2026-12-08T23:00").atZone(HK).toInstant(),
                w.nextChange(LocalDateTime.parse("2026-12-08T07:00").atZone(HK).toInstant()));
        assertNull(window("serviceWindow.closedDates", "2026-12-25").nextChange(
                LocalDateTime.parse("2027-01-01T00:00").atZone(HK).toInstant()), "never closes again");
    }

    @Test
    void a_period_belongs_to_the_day_it_starts_on() {
        ServiceWindow w = window("serviceWindow.closed", "FRI 23:00-07:00, SAT-SUN 12:00-14:00");
        assertTrue(closed(w, "2026-12-11T23:30"), "Friday night");
        assertTrue(closed(w, "2026-12-12T06:00"), "Saturday morning, from Friday's period");
        assertFalse(closed(w, "2026-12-13T06:00"), "Sunday morning: no Saturday night period");
        assertTrue(closed(w, "2026-12-13T13:00"));
        assertFalse(closed(w, "2026-12-14T13:00"), "Monday");
        assertFalse(closed(w, "2026-12-08T06:00"), "Tuesday morning");
    }

    @Test
    void a_day_range_may_wrap_the_week_and_24_00_ends_the_day() {
        ServiceWindow w = window("serviceWindow.closed", "SAT-MON 00:00-24:00");
        assertTrue(closed(w, "2026-12-12T00:00"));
        assertTrue(closed(w, "2026-12-13T23:59"));
        assertTrue(closed(w, "2026-12-14T10:00"));
        assertFalse(closed(w, "2026-12-15T00:00"));
        assertFalse(closed(w, "2026-12-11T23:59"));
    }

    @Test
    void closed_dates_close_the_whole_local_day_and_another_zone_may_be_named() {
        ServiceWindow w = window("serviceWindow.closedDates", "2026-12-25, 2027-01-01");
        assertTrue(closed(w, "2026-12-25T00:00"));
        assertTrue(closed(w, "2026-12-25T23:59"));
        assertFalse(closed(w, "2026-12-26T00:00"));
        assertTrue(closed(w, "2027-01-01T09:00"));
        ServiceWindow utc = window("serviceWindow.closedDates", "2026-12-25", "serviceWindow.zone", "UTC");
        assertFalse(closed(utc, "2026-12-25T07:00"), "23:00 UTC on the 24th");
        assertTrue(closed(utc, "2026-12-25T08:00"));
    }

    @Test
    void no_window_declared_means_always_open() {
        assertNull(window("code", "CED"));
    }

    @Test
    void a_bad_value_is_refused_with_the_file_key_and_value() {
        String[][] bad = {
                {"serviceWindow.closed", "MON-SUN 23:00-7:00"},
                {"serviceWindow.closed", "MON-XYZ 23:00-07:00"},
                {"serviceWindow.closed", "MON 25:00-07:00"},
                {"serviceWindow.closed", "MON 07:00-07:00"},
                {"serviceWindow.closed", "MON 23:00-07:00,"},
                {"serviceWindow.closedDates", "2026-12-32"},
                {"serviceWindow.zone", "Asia/Atlantis", "serviceWindow.closed", "MON 01:00-02:00"},
        };
        for (String[] b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> window(b));
            assertTrue(e.getMessage().startsWith("CED.properties: " + b[0] + "=" + b[1] + " refused: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void the_registry_refuses_to_load_an_agency_file_with_a_bad_window() throws IOException {
        Files.writeString(dir.resolve("CED.properties"), "code=CED\nendpoint=file:x\nserviceWindow.closed=EVERY NIGHT\n");
        IOException e = assertThrows(IOException.class, () -> AgencyRegistry.load(dir));
        assertEquals("CED.properties: serviceWindow.closed=EVERY NIGHT refused: 'EVERY NIGHT' is not DAYS HH:MM-HH:MM"
                + " (e.g. MON-FRI 23:00-07:00)", e.getMessage());
        Files.writeString(dir.resolve("CED.properties"), "code=CED\nendpoint=file:x\nserviceWindow.closed=MON 01:00-02:00\n");
        assertTrue(AgencyRegistry.load(dir).window("CED").isPresent());
    }
}
