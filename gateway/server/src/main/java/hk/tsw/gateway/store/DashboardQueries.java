package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The console dashboard's figures, narrowed like the message search: by partner (a partner user), by agency (an
 * agency user) or not at all (an operator). Received, delivered and rejected per hour for the last 24 hours (bucketed
 * here, so the SQL stays portable between H2 and PostgreSQL), and per agency the deliveries pending (failing: pending
 * after a failed attempt) and dead, with the age of the oldest pending one; per reply channel, the age of the oldest
 * answer not yet sent. Read-only, parameterised SQL only.
 */
public final class DashboardQueries {

    /** One hour: its start and the counts within it. */
    public record Hour(Instant start, int received, int delivered, int rejected) {
    }

    /** One agency's deliveries not yet done. */
    public record AgencyBacklog(String agency, int pending, int failing, int dead, Duration oldestPending) {
    }

    private final Jdbc jdbc;

    public DashboardQueries(MessageStore store) {
        this.jdbc = store.jdbc();
    }

    /** The 24 hours up to {@code now} (oldest first); either filter may be null. */
    public List<Hour> lastDay(Instant now, String partner, String agency) {
        Instant end = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant start = end.minus(24, ChronoUnit.HOURS);
        int[][] counts = new int[3][24];
        jdbc.tx(c -> {
            String scope = (partner != null ? " AND i.partner_id = ?" : "") + (agency != null
                    ? " AND i.id IN (SELECT doc.interchange_id FROM delivery dl JOIN document doc ON doc.id = dl.document_id"
                    + " WHERE dl.agency = ?)" : "");
            bucket(c, "SELECT i.received_at, i.state FROM interchange i WHERE i.received_at >= ?" + scope, start, partner,
                    agency, counts, true);
            bucket(c, "SELECT d.delivered_at, d.state FROM delivery d JOIN document doc ON doc.id = d.document_id JOIN"
                    + " interchange i ON i.id = doc.interchange_id WHERE d.delivered_at >= ?"
                    + (partner != null ? " AND i.partner_id = ?" : "") + (agency != null ? " AND d.agency = ?" : ""),
                    start, partner, agency, counts, false);
            return null;
        });
        List<Hour> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(new Hour(start.plus(h, ChronoUnit.HOURS), counts[0][h], counts[1][h], counts[2][h]));
        }
        return hours;
    }

    private static void bucket(Connection c, String sql, Instant start, String partner, String agency, int[][] counts,
                               boolean received) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(start));
        if (partner != null) {
            params.add(partner);
        }
        if (agency != null) {
            params.add(agency);
        }
        try (PreparedStatement ps = Jdbc.prepare(c, sql, params.toArray()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp at = rs.getTimestamp(1);
                int h = (int) Duration.between(start, at.toInstant()).toHours();
                if (h < 0 || h >= 24) {
                    continue;
                }
                String state = rs.getString(2);
                if (received) {
                    counts[0][h]++;
                    if (InterchangeState.REJECTED.name().equals(state) || InterchangeState.REFUSED.name().equals(state)) {
                        counts[2][h]++;
                    }
                } else if (DeliveryState.DELIVERED.is(state)) {
                    counts[1][h]++;
                }
            }
        }
    }

    /** Per agency (only {@code agency} when set; only {@code partner}'s messages when set): what is not delivered yet. */
    public List<AgencyBacklog> backlog(Instant now, String partner, String agency) {
        return jdbc.tx(c -> {
            List<Object> params = new ArrayList<>(List.of(DeliveryState.PENDING.name(), DeliveryState.DEAD.name()));
            StringBuilder sql = new StringBuilder("SELECT d.agency, d.state, d.attempts, doc.created_at FROM delivery d"
                    + " JOIN document doc ON doc.id = d.document_id JOIN interchange i ON i.id = doc.interchange_id"
                    + " WHERE d.state IN (?, ?)");
            if (partner != null) {
                sql.append(" AND i.partner_id = ?");
                params.add(partner);
            }
            if (agency != null) {
                sql.append(" AND d.agency = ?");
                params.add(agency);
            }
            sql.append(" ORDER BY d.agency");
            List<AgencyBacklog> list = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(c, sql.toString(), params.toArray()); ResultSet rs = ps.executeQuery()) {
                String current = null;
                int pending = 0;
                int failing = 0;
                int dead = 0;
                Instant oldest = null;
                while (rs.next()) {
                    if (!rs.getString(1).equals(current)) {
                        if (current != null) {
                            list.add(new AgencyBacklog(current, pending, failing, dead, age(now, oldest)));
                        }
                        current = rs.getString(1);
                        pending = failing = dead = 0;
                        oldest = null;
                    }
                    if (DeliveryState.DEAD.is(rs.getString(2))) {
                        dead++;
                        continue;
                    }
                    pending++;
                    failing += rs.getInt(3) > 0 ? 1 : 0;
                    Instant created = rs.getTimestamp(4).toInstant();
                    oldest = oldest == null || created.isBefore(oldest) ? created : oldest;
                }
                if (current != null) {
                    list.add(new AgencyBacklog(current, pending, failing, dead, age(now, oldest)));
                }
            }
            return list;
        });
    }

    /**
     * Per reply channel of {@code channels} (the partner file's: {@code SFTP}, {@code AS2}, {@code SOAP}), how long
     * the oldest answer still pending has waited (for SFTP: recorded, not yet written to the outbox; AS2: not yet
     * confirmed by an MDN; SOAP: not yet collected); a channel with none pending is absent. All partners: an
     * operator's figure.
     */
    public java.util.Map<String, Duration> oldestPendingAnswers(Instant now, java.util.Collection<String> channels) {
        return jdbc.tx(c -> {
            java.util.Map<String, Duration> oldest = new java.util.TreeMap<>();
            // a query a channel: each reads only that channel's pending rows (index ix_partner_reply_due), never the
            // answers sent, however many the table keeps
            for (String channel : channels) {
                try (PreparedStatement ps = Jdbc.prepare(c, "SELECT MIN(created_at) FROM partner_reply WHERE channel = ?"
                        + " AND state = ?", channel, ReplyState.PENDING.name()); ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getTimestamp(1) != null) {
                        oldest.put(channel, age(now, rs.getTimestamp(1).toInstant()));
                    }
                }
            }
            return oldest;
        });
    }

    private static Duration age(Instant now, Instant oldest) {
        return oldest == null ? null : Duration.between(oldest, now).isNegative() ? Duration.ZERO : Duration.between(oldest, now);
    }
}
