package hk.tsw.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * An operator's replay of a message: a new interchange made from the stored raw payload of the first (the same bytes,
 * partner, channel, file name and reference), in state RECEIVED and linked to it ({@code replay_of}), recorded without
 * duplicate detection (the operator decided), with a {@code REPLAY} event on the new one ("replay of interchange N")
 * and a {@code REPLAYED} event on the first. Its documents and deliveries are new rows, so the deliveries get new
 * idempotency keys.
 */
public final class Replays {

    /** The new interchange, and what the partner's note needs of the first. */
    public record Replay(long id, long replayOf, String partner, String reference, String fileName) {
    }

    private final Jdbc jdbc;
    private final String node;

    public Replays(MessageStore store) {
        this.jdbc = store.jdbc();
        this.node = store.node();
    }

    /** Records the replay of {@code original} by {@code by} with the operator's comment; empty when there is none. */
    public Optional<Replay> replay(long original, String by, String comment) {
        return jdbc.tx(c -> {
            String partner;
            String channel;
            String fileName;
            String sha;
            long size;
            String reference;
            try (PreparedStatement ps = Jdbc.prepare(c, "SELECT partner_id, channel, file_name, sha256, size_bytes,"
                    + " reference FROM interchange WHERE id = ?", original); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                partner = rs.getString(1);
                channel = rs.getString(2);
                fileName = rs.getString(3);
                sha = rs.getString(4);
                size = rs.getLong(5);
                reference = rs.getString(6);
            }
            long id = Jdbc.insert(c, "INSERT INTO interchange (partner_id, channel, file_name, sha256, size_bytes,"
                    + " reference, received_at, state, replay_of, received_by) VALUES (?,?,?,?,?,?,?,?,?,?)", partner, channel,
                    fileName, sha, size, reference, Instant.now(), InterchangeState.RECEIVED.name(), original, node);
            MessageStore.event(c, id, null, null, "REPLAY", "replay of interchange " + original + " by " + by
                    + " (duplicate detection bypassed by the operator): " + comment);
            MessageStore.event(c, original, null, null, "REPLAYED", "replayed as interchange " + id + " by " + by
                    + ": " + comment);
            return Optional.of(new Replay(id, original, partner, reference, fileName));
        });
    }
}
