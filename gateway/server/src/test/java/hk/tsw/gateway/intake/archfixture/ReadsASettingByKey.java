package hk.tsw.gateway.intake.archfixture;

import hk.tsw.gateway.settings.GatewaySettings;

/** TEST FIXTURE, never in the product: a stage class reading a setting by its key (SettingsReadsTest). */
public final class ReadsASettingByKey {

    private ReadsASettingByKey() {
    }

    public static int port(GatewaySettings s) {
        return s.getInt("gateway.sftp.port");
    }
}
