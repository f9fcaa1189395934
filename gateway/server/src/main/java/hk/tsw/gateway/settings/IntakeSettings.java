package hk.tsw.gateway.settings;

import java.time.Duration;

/**
 * The intake stage's settings (SFTP listener and its host key file, empty: generated per node; disk guard, duplicate
 * window; the drain: how long a stopping node refuses new submissions with a retryable answer before its listeners
 * close), read once at start.
 */
public record IntakeSettings(String sftpHost, int sftpPort, String sftpHostKey, long sftpMaxFileBytes, long sftpSettleMs,
        double diskMaxUsagePercent, double diskHeadroomPercent, long diskCheckMs, Duration duplicateWindow,
        long drainMs) {

    public static IntakeSettings from(GatewaySettings s) {
        return new IntakeSettings(s.get("gateway.sftp.host"), s.getInt("gateway.sftp.port"), s.get("gateway.sftp.hostKey"),
                s.getLong("gateway.sftp.max.file.bytes"), s.getLong("gateway.sftp.settle.ms"),
                s.getDouble("gateway.disk.max.usage.percent"), s.getDouble("gateway.intake.disk.headroom.percent"),
                s.getLong("gateway.disk.check.ms"), Duration.ofDays(s.getLong("gateway.duplicate.window.days")),
                s.getLong("gateway.intake.drain.ms"));
    }
}
