package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import hk.tsw.gateway.store.LicenceLedger.Declaration;
import hk.tsw.gateway.store.LicenceLedger.Licence;
import hk.tsw.gateway.store.LicenceLedger.Line;

/**
 * The licence ledger's row work on a connection the caller holds in its transaction: reading a licence (optionally
 * locking its lines), a declaration's outstanding write-offs, giving write-offs back. Split from {@link LicenceLedger},
 * which decides; nothing here commits.
 */
final class LicenceRows {

    private LicenceRows() {
    }

    /**
     * The write-offs of the sender's declaration {@code d.reference()} not given back yet, other than the message
     * {@code d} itself: {write-off id, line id, licence number, line no, quantity}, in line order (the lock order).
     */
    static List<Object[]> outstanding(Connection c, Declaration d) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT w.id, w.line_id, li.licence_number, ll.line_no, w.quantity,"
                + " w.interchange_id, w.message_ref FROM licence_write_off w JOIN licence_line ll ON ll.id = w.line_id"
                + " JOIN licence li ON li.id = ll.licence_id WHERE w.partner_id = ? AND w.declaration_ref = ?"
                + " AND w.returned_at IS NULL ORDER BY w.line_id, w.id", d.partner(), d.reference());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getLong(6) != d.interchangeId() || !rs.getString(7).equals(d.messageRef())) {
                    rows.add(new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getBigDecimal(5)});
                }
            }
        }
        return rows;
    }

    /** Returns each write-off's quantity to its line (locked first) and marks it given back. */
    static void giveBack(Connection c, List<Object[]> rows) throws SQLException {
        Instant now = Instant.now();
        for (Object[] r : rows) {
            Jdbc.queryLong(c, "SELECT id FROM licence_line WHERE id = ? FOR UPDATE", r[1]);
            Jdbc.update(c, "UPDATE licence_line SET written_off = written_off - ? WHERE id = ?", r[4], r[1]);
            Jdbc.update(c, "UPDATE licence_write_off SET returned_at = ? WHERE id = ?", now, r[0]);
        }
    }

    /**
     * As {@link #typeOf(Connection, String)}, read once per {@code seen} (one per transaction): the goods items of a
     * declaration or a consignment often cite the same document (issue 16, tenth stop: ~19 reads per document on
     * PostgreSQL, one round trip each, where the bench's documents cite one number each).
     */
    static String typeOf(Connection c, Map<String, String> seen, String number) throws SQLException {
        if (!seen.containsKey(number)) {
            seen.put(number, typeOf(c, number));
        }
        return seen.get(number);
    }

    /** The LPCO type of licence {@code number}, or null when the ledger does not hold it. */
    static String typeOf(Connection c, String number) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT lpco_type FROM licence WHERE licence_number = ?", number);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static Licence load(Connection c, String number, boolean lock) throws SQLException {
        long id;
        Licence header;
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT id, lpco_type, agency, holder_id, valid_from, valid_to,"
                + " status, origin, status_reason FROM licence WHERE licence_number = ?", number);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            id = rs.getLong(1);
            header = new Licence(number, rs.getString(2), rs.getString(3), rs.getString(4), local(rs.getDate(5)),
                    local(rs.getDate(6)), rs.getString(7), rs.getString(8), rs.getString(9), List.of());
        }
        List<Line> lines = new ArrayList<>();
        // the lock that serialises write-offs of one licence: held until the caller's transaction ends
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT line_no, hs_code, quantity, unit, written_off FROM"
                + " licence_line WHERE licence_id = ? ORDER BY line_no" + (lock ? " FOR UPDATE" : ""), id);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                lines.add(new Line(rs.getInt(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4), rs.getBigDecimal(5)));
            }
        }
        if (lock) {
            // the status as it is now, read after the lock (a suspension committed meanwhile counts)
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT status, status_reason FROM licence WHERE id = ?", id);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                header = new Licence(number, header.lpcoType(), header.agency(), header.holderId(), header.validFrom(),
                        header.validTo(), rs.getString(1), header.origin(), rs.getString(2), List.of());
            }
        }
        return new Licence(number, header.lpcoType(), header.agency(), header.holderId(), header.validFrom(),
                header.validTo(), header.status(), header.origin(), header.statusReason(), lines);
    }


    private static LocalDate local(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
