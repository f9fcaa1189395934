package hk.tsw.gateway.deliver;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an agency is closed for maintenance, from its agency file: {@code serviceWindow.closed} (comma-separated
 * periods {@code DAYS HH:MM-HH:MM}, DAYS one day {@code MON} or a range {@code MON-FRI} or {@code SAT-MON}; a period
 * whose end is not after its start crosses midnight and ends on the next day; {@code 24:00} is the end of the day),
 * {@code serviceWindow.closedDates} (whole local dates, {@code 2026-12-25,2027-01-01}) and {@code serviceWindow.zone}
 * (default {@code Asia/Hong_Kong}). A period belongs to the day it starts on: {@code FRI 23:00-07:00} closes Friday
 * 23:00 to Saturday 07:00.
 */
public record ServiceWindow(ZoneId zone, List<Period> periods, Set<LocalDate> closedDates, String text) {

    public static final String CLOSED = "serviceWindow.closed";
    public static final String DATES = "serviceWindow.closedDates";
    public static final String ZONE = "serviceWindow.zone";
    static final String DEFAULT_ZONE = "Asia/Hong_Kong";

    private static final Pattern PERIOD = Pattern.compile(
            "([A-Za-z]{3})(?:-([A-Za-z]{3}))?\\s+(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    /** One closed period: the days it starts on, its start and end in minutes of the day (end 1440 = midnight). */
    public record Period(Set<DayOfWeek> days, int startMinute, int endMinute) {

        boolean covers(LocalDateTime t) {
            int m = t.getHour() * 60 + t.getMinute();
            boolean today = days.contains(t.getDayOfWeek());
            if (startMinute < endMinute) {
                return today && m >= startMinute && m < endMinute;
            }
            boolean yesterday = days.contains(t.getDayOfWeek().minus(1));
            return (today && m >= startMinute) || (yesterday && m < endMinute);
        }
    }

    /** True when the agency is closed at {@code t}. */
    public boolean closedAt(Instant t) {
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        if (closedDates.contains(local.toLocalDate())) {
            return true;
        }
        for (Period p : periods) {
            if (p.covers(local)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The next instant after {@code t} at which the agency opens (when closed at {@code t}) or closes (when open), to
     * the minute, looking at most 31 days ahead; null when it does not change within them.
     */
    public Instant nextChange(Instant t) {
        boolean closed = closedAt(t);
        Instant m = t.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        for (int i = 1; i <= 31 * 24 * 60; i++) {
            Instant next = m.plusSeconds(60L * i);
            if (closedAt(next) != closed) {
                return next;
            }
        }
        return null;
    }

    /**
     * The window an agency file declares, or null when it declares none.
     *
     * @throws IllegalArgumentException one line naming the file, the key and the value refused
     */
    public static ServiceWindow parse(String file, Properties p) {
        String closed = p.getProperty(CLOSED, "").trim();
        String dates = p.getProperty(DATES, "").trim();
        String zoneText = p.getProperty(ZONE, DEFAULT_ZONE).trim();
        if (closed.isEmpty() && dates.isEmpty()) {
            return null;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw refused(file, ZONE, zoneText, "not a time zone (e.g. Asia/Hong_Kong)");
        }
        List<Period> periods = new ArrayList<>();
        if (!closed.isEmpty()) {
            for (String part : closed.split(",", -1)) {
                periods.add(period(file, closed, part.trim()));
            }
        }
        Set<LocalDate> days = new TreeSet<>();
        if (!dates.isEmpty()) {
            for (String part : dates.split(",", -1)) {
                try {
                    days.add(LocalDate.parse(part.trim()));
                } catch (DateTimeException e) {
                    throw refused(file, DATES, dates, "'" + part.trim() + "' is not a date YYYY-MM-DD");
                }
            }
        }
        String text = (closed.isEmpty() ? "" : closed) + (dates.isEmpty() ? "" : (closed.isEmpty() ? "" : "; ") + dates)
                + " (" + zone + ")";
        return new ServiceWindow(zone, List.copyOf(periods), Set.copyOf(days), text);
    }

    private static Period period(String file, String value, String part) {
        Matcher m = PERIOD.matcher(part);
        if (!m.matches()) {
            throw refused(file, CLOSED, value, "'" + part + "' is not DAYS HH:MM-HH:MM (e.g. MON-FRI 23:00-07:00)");
        }
        int from = day(file, value, m.group(1));
        int to = m.group(2) == null ? from : day(file, value, m.group(2));
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int d = from; ; d = (d + 1) % 7) {
            days.add(DayOfWeek.of(d + 1));
            if (d == to) {
                break;
            }
        }
        int start = minute(file, value, part, m.group(3), m.group(4), false);
        int end = minute(file, value, part, m.group(5), m.group(6), true);
        if (start == end || start == 1440) {
            throw refused(file, CLOSED, value, "'" + part + "' closes for no time");
        }
        return new Period(days, start, end);
    }

    private static int day(String file, String value, String name) {
        int i = DAYS.indexOf(name.toUpperCase(Locale.ROOT));
        if (i < 0) {
            throw refused(file, CLOSED, value, "'" + name + "' is not a day (MON TUE WED THU FRI SAT SUN)");
        }
        return i;
    }

    private static int minute(String file, String value, String part, String h, String m, boolean end) {
        int hour = Integer.parseInt(h);
        int min = Integer.parseInt(m);
        if (end && hour == 24 && min == 0) {
            return 1440;
        }
        if (hour > 23 || min > 59) {
            throw refused(file, CLOSED, value, "'" + part + "' has a time that is not HH:MM 00:00-23:59");
        }
        return hour * 60 + min;
    }

    private static IllegalArgumentException refused(String file, String key, String value, String why) {
        return new IllegalArgumentException(file + ": " + key + "=" + value + " refused: " + why);
    }
}
