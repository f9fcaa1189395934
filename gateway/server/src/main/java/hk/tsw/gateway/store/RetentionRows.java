package hk.tsw.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import hk.tsw.gateway.settings.RetentionSettings.Policy;

/**
 * The SQL of retention: which messages are finished and past a period, what payloads a message has, and whether a
 * payload file is still needed by a message that is online. A message's policy is that of the family of its documents
 * with the longest online period (the default when it has no typed document), so a period never cuts short another's.
 */
final class RetentionRows {

    /**
     * Finished: the interchange ended (not RECEIVED), every delivery DELIVERED (a dead letter waits for an operator's
     * redelivery), every answer SENT or COLLECTED, no AS2 MDN owed or awaited, and no document whose agency's latest
     * decision leaves it open (held for inspection, more information requested).
     */
    static final String FINISHED = " AND i.state <> ?"
            + " AND NOT EXISTS (SELECT 1 FROM delivery d JOIN document dd ON d.document_id = dd.id"
            + " WHERE dd.interchange_id = i.id AND d.state <> ?)"
            + " AND NOT EXISTS (SELECT 1 FROM partner_reply r WHERE r.interchange_id = i.id AND r.state NOT IN (?, ?))"
            + " AND NOT EXISTS (SELECT 1 FROM as2_exchange x WHERE x.interchange_id = i.id AND x.mdn_state IN (?, ?, ?))"
            + " AND NOT EXISTS (SELECT 1 FROM as2_exchange x JOIN partner_reply r ON x.reply_id = r.id"
            + " WHERE r.interchange_id = i.id AND x.mdn_state = ?)"
            + " AND NOT EXISTS (SELECT 1 FROM decision dc JOIN document dd ON dc.document_id = dd.id"
            + " WHERE dd.interchange_id = i.id AND dc.decision IN (?, ?) AND NOT EXISTS (SELECT 1 FROM decision later"
            + " WHERE later.document_id = dc.document_id AND later.agency = dc.agency AND later.id > dc.id))";

    static final Object[] FINISHED_PARAMS = {InterchangeState.RECEIVED.name(), DeliveryState.DELIVERED.name(),
            ReplyState.SENT.name(), ReplyState.COLLECTED.name(), MdnState.PENDING.name(), MdnState.FAILED.name(),
            MdnState.AWAITING.name(), MdnState.AWAITING.name(), DecisionStatus.HELD_FOR_INSPECTION.name(),
            DecisionStatus.MORE_INFORMATION_REQUESTED.name()};

    private final Policy defaults;
    /** document type -> its family's policy */
    private final Map<String, Policy> byType;

    RetentionRows(Policy defaults, Map<String, Policy> byType) {
        this.defaults = defaults;
        this.byType = byType;
    }

    /** The shortest online period of any policy. */
    Duration shortestOnline() {
        Duration d = defaults.online();
        for (Policy p : byType.values()) {
            d = p.online().compareTo(d) < 0 ? p.online() : d;
        }
        return d;
    }

    /** The policy of one message: its documents' families, the longest online period. */
    Policy policy(Connection c, long id) throws SQLException {
        Policy p = null;
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT DISTINCT document_type FROM document WHERE interchange_id = ?"
                + " AND document_type IS NOT NULL", id); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Policy q = byType.getOrDefault(rs.getString(1), defaults);
                p = p == null || q.online().compareTo(p.online()) > 0 ? q : p;
            }
        }
        return p == null ? defaults : p;
    }

    /**
     * Up to {@code limit} ids of messages ({@code state} SQL over {@code i}, with its parameters) whose own period
     * ({@code period} of their policy) has passed at {@code now}: one query per distinct period, each excluding the
     * messages that have a document of a family with a longer one.
     */
    List<Long> pastPeriod(Connection c, Instant now, String state, Object[] stateParams, Function<Policy, Duration> period,
                          int limit) throws SQLException {
        TreeSet<Duration> levels = new TreeSet<>();
        levels.add(period.apply(defaults));
        byType.values().forEach(p -> levels.add(period.apply(p)));
        List<Long> ids = new ArrayList<>();
        for (Duration level : levels) {
            List<String> within = new ArrayList<>();
            List<String> longer = new ArrayList<>();
            byType.forEach((type, p) -> (period.apply(p).compareTo(level) <= 0 ? within : longer).add(type));
            List<Object> params = new ArrayList<>(List.of(stateParams));
            params.add(now.minus(level));
            StringBuilder sql = new StringBuilder("SELECT i.id FROM interchange i WHERE " + state
                    + " AND i.received_at < ?");
            if (period.apply(defaults).compareTo(level) <= 0) {
                if (!longer.isEmpty()) {
                    sql.append(" AND NOT EXISTS (SELECT 1 FROM document dd WHERE dd.interchange_id = i.id"
                            + " AND dd.document_type IN (").append(marks(longer.size())).append("))");
                    params.addAll(longer);
                }
            } else if (within.isEmpty()) {
                continue;
            } else {
                sql.append(" AND EXISTS (SELECT 1 FROM document dd WHERE dd.interchange_id = i.id"
                        + " AND dd.document_type IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM document dd"
                        + " WHERE dd.interchange_id = i.id AND dd.document_type IS NOT NULL AND dd.document_type NOT IN (")
                        .append(marks(within.size())).append("))");
                params.addAll(within);
            }
            sql.append(" ORDER BY i.id LIMIT ").append(limit - ids.size());
            try (PreparedStatement ps = Jdbc.prepare(c, sql.toString(), params.toArray()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            if (ids.size() >= limit) {
                break;
            }
        }
        return ids;
    }

    /** The payloads of one message, one entry per distinct file, with every row that refers to it. */
    static List<MessageArchive.Entry> entries(Connection c, long id, PayloadFiles payloads) throws SQLException {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        collect(c, roles, "SELECT 'raw', sha256 FROM interchange WHERE id = ?", id);
        collect(c, roles, "SELECT 'document ' || id || ' ' || COALESCE(document_type, ''), canonical_sha256 FROM document"
                + " WHERE interchange_id = ? ORDER BY id", id);
        collect(c, roles, "SELECT 'answer ' || id || ' ' || kind, content_sha256 FROM partner_reply"
                + " WHERE interchange_id = ? ORDER BY id", id);
        for (String col : new String[]{"raw_sha256", "payload_sha256", "mdn_sha256"}) {
            collect(c, roles, "SELECT 'as2 exchange ' || id || ' " + col + "', " + col + " FROM as2_exchange"
                    + " WHERE interchange_id = ? ORDER BY id", id);
            collect(c, roles, "SELECT 'as2 exchange ' || x.id || ' " + col + "', x." + col + " FROM as2_exchange x"
                    + " JOIN partner_reply r ON x.reply_id = r.id WHERE r.interchange_id = ? ORDER BY x.id", id);
        }
        List<MessageArchive.Entry> entries = new ArrayList<>();
        roles.forEach((sha, r) -> entries.add(new MessageArchive.Entry(MessageArchive.entryName(sha), sha,
                payloads.size(sha), List.copyOf(r))));
        return entries;
    }

    private static void collect(Connection c, Map<String, List<String>> roles, String sql, long id) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, sql, id); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String sha = rs.getString(2);
                if (sha != null) {
                    roles.computeIfAbsent(sha.trim(), k -> new ArrayList<>()).add(rs.getString(1).trim());
                }
            }
        }
    }

    /** The entries recorded when the message was archived. */
    static List<MessageArchive.Entry> archived(Connection c, long id) throws SQLException {
        List<MessageArchive.Entry> entries = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT entry, sha256, size_bytes, roles FROM archived_payload"
                + " WHERE interchange_id = ? ORDER BY entry", id); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                entries.add(new MessageArchive.Entry(rs.getString(1), rs.getString(2).trim(), rs.getLong(3),
                        List.of(rs.getString(4).split("; "))));
            }
        }
        return entries;
    }

    /** An archive holding the payload (not purged): {archive name, entry, size}, or null. */
    static String[] whereArchived(Connection c, String sha) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, "SELECT i.archive_name, p.entry, p.size_bytes FROM archived_payload p"
                + " JOIN interchange i ON i.id = p.interchange_id WHERE p.sha256 = ? AND i.purged_at IS NULL"
                + " AND i.archive_name IS NOT NULL ORDER BY i.id DESC LIMIT 1", sha); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new String[]{rs.getString(1), rs.getString(2), String.valueOf(rs.getLong(3))} : null;
        }
    }

    /** True when a message that is online (not archived), or a row of no message, still refers to the payload. */
    static boolean referencedOnline(Connection c, String sha) throws SQLException {
        String online = " AND NOT EXISTS (SELECT 1 FROM interchange a WHERE a.archived_at IS NOT NULL AND a.id = ";
        if (exists(c, "SELECT 1 FROM interchange i WHERE i.sha256 = ? AND i.archived_at IS NULL", sha)
                || exists(c, "SELECT 1 FROM document d WHERE d.canonical_sha256 = ?" + online + "d.interchange_id)", sha)
                || exists(c, "SELECT 1 FROM partner_reply r WHERE r.content_sha256 = ?" + online + "r.interchange_id)", sha)) {
            return true;
        }
        for (String col : new String[]{"raw_sha256", "payload_sha256", "mdn_sha256"}) {
            if (exists(c, "SELECT 1 FROM as2_exchange x WHERE x." + col + " = ?" + online + "COALESCE(x.interchange_id,"
                    + " (SELECT r.interchange_id FROM partner_reply r WHERE r.id = x.reply_id)))", sha)) {
                return true;
            }
        }
        return false;
    }

    private static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    static List<Long> ids(java.sql.Connection c, String sql) throws java.sql.SQLException {
        List<Long> ids = new java.util.ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    static String text(java.sql.Connection c, String sql, Object... params) throws java.sql.SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
