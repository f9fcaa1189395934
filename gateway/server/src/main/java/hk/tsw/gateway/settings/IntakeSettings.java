package hk.tsw.gateway.settings;

import java.time.Duration;

/** The intake stage's settings (SFTP listener, disk guard, duplicate window), read once at start. */
public record IntakeSettings(String sftpHost, int sftpPort, long sftpMaxFileBytes, long sftpSettleMs,
        double diskMaxUsagePercent, double diskHeadroomPercent, long diskCheckMs, Duration duplicateWindow) {

    public static IntakeSettings from(GatewaySettings s) {
        return new IntakeSettings(s.get("gateway.sftp.host"), s.getInt("gateway.sftp.port"),
                s.getLong("gateway.sftp.max.file.bytes"), s.getLong("gateway.sftp.settle.ms"),
                s.getDouble("gateway.disk.max.usage.percent"), s.getDouble("gateway.intake.disk.headroom.percent"),
                s.getLong("gateway.disk.check.ms"), Duration.ofDays(s.getLong("gateway.duplicate.window.days")));
    }
}
