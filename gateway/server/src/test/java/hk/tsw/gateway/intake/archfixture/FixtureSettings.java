package hk.tsw.gateway.intake.archfixture;

import hk.tsw.gateway.settings.GatewaySettings;

/** TEST FIXTURE, never in the product: a stage's settings record, the one place its keys are read (SettingsReadsTest). */
public record FixtureSettings(int port) {

    public static FixtureSettings from(GatewaySettings s) {
        return new FixtureSettings(s.getInt("gateway.sftp.port"));
    }
}
