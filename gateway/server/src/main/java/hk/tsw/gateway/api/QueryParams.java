package hk.tsw.gateway.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * Reading an API request's query parameters, each checked: a value that is not what the parameter takes ends in
 * {@link Bad} (answered 400 with the parameter, the value and what was expected), never in a 500.
 */
final class QueryParams {

    /** A query parameter whose value the API cannot take. */
    static final class Bad extends IllegalArgumentException {
        final String parameter;
        final String value;
        final String expected;

        Bad(String parameter, String value, String expected) {
            super("query parameter '" + parameter + "' is '" + value + "': expected " + expected);
            this.parameter = parameter;
            this.value = value;
            this.expected = expected;
        }

        /** The 400 answer's body. */
        Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("error", getMessage());
            b.put("parameter", parameter);
            b.put("value", value);
            b.put("expected", expected);
            return b;
        }
    }

    private QueryParams() {
    }

    static String text(Exchange e, String name) {
        String v = e.getIn().getHeader(name, String.class);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** An ISO 8601 instant ({@code 2026-12-03T08:00:00Z}, or with an offset), or a date (its start, UTC). */
    static Instant instant(Exchange e, String name) {
        String v = text(e, name);
        if (v == null) {
            return null;
        }
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ex) {
            throw new Bad(name, v, "an ISO 8601 date-time such as 2026-12-03T08:00:00Z (or +08:00), or a date such as"
                    + " 2026-12-03 (its start, UTC)");
        }
    }

    /** A whole number from {@code min} to {@code max}; {@code absent} when the parameter is not given. */
    static int integer(Exchange e, String name, int min, int max, int absent) {
        String v = text(e, name);
        if (v == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ex) {
            // answered below
        }
        throw new Bad(name, v, "a whole number from " + min + " to " + max);
    }

    /** A page cursor as a previous answer's {@code nextCursor} gave it. */
    static Long cursor(Exchange e, String name) {
        String v = text(e, name);
        if (v == null) {
            return null;
        }
        try {
            long c = Long.parseLong(v);
            if (c > 0) {
                return c;
            }
        } catch (NumberFormatException ex) {
            // answered below
        }
        throw new Bad(name, v, "the nextCursor value of the previous page's answer");
    }
}
