package hk.tsw.gateway.settings;

import java.util.Map;

/**
 * The route stage's settings and the answers it writes (consumers on the received queue, the gateway's EDIFACT
 * identity in CONTRL/APERAK/CUSRES, the webhook poll and the partners' webhook secrets, partner id to secret, from
 * the secrets file, the messages recorded per transaction, the deliveries put on the agency queues per transaction
 * for large interchanges, the received interchanges taken per broker transaction, and how often and after how long
 * the SFTP answers left unwritten are written by the outbox sweep, whether a batch's interchanges commit to the store
 * together), read once at start.
 */
public record RouteSettings(int consumers, String edifactId, String edifactQualifier, long webhookPollMs,
        Map<String, String> webhookSecrets, int recordBatch, int releaseChunk, int batchMax, long batchWindowMs,
        long outboxSweepMs, long outboxSweepGraceMs, boolean groupCommit) {

    public static RouteSettings from(GatewaySettings s) {
        return new RouteSettings(s.getInt("gateway.route.consumers"), s.get("gateway.edifact.id"),
                s.get("gateway.edifact.qualifier"), s.getLong("gateway.webhook.poll.ms"),
                s.family("gateway.webhook.", ".secret"), s.getInt("gateway.route.record.batch"),
                s.getInt("gateway.route.release.chunk"), Math.max(1, s.getInt("gateway.route.batch.max")),
                s.getLong("gateway.route.batch.window.ms"), Math.max(1000, s.getLong("gateway.outbox.sweep.ms")),
                Math.max(1000, s.getLong("gateway.outbox.sweep.grace.ms")), s.getBoolean("gateway.route.group.commit"));
    }

    /** Never prints the webhook secrets (records print every component). */
    @Override
    public String toString() {
        return "RouteSettings[consumers=" + consumers + ", edifactId=" + edifactId + ", recordBatch="
                + recordBatch + ", releaseChunk=" + releaseChunk + ", batchMax=" + batchMax + ", batchWindowMs="
                + batchWindowMs + ", outboxSweepMs=" + outboxSweepMs + ", outboxSweepGraceMs=" + outboxSweepGraceMs + ", groupCommit="
                + groupCommit + "]";
    }
}
