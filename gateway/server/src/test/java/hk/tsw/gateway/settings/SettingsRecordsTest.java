package hk.tsw.gateway.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hk.tsw.gateway.intake.soap.SoapSettings;

/**
 * The stage records read the dynamic families once: each id of a family with its value, nothing of the fixed keys that
 * share the prefix; and a record never prints a secret.
 */
class SettingsRecordsTest {

    @TempDir
    Path dir;

    private GatewaySettings load(Map<String, String> overrides) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.properties"), "gateway.secrets.file=\n");
        return GatewaySettings.load(config, dir.resolve("data"), overrides);
    }

    @Test
    void a_family_holds_each_id_with_its_value_and_none_of_the_fixed_keys_beside_it() throws Exception {
        GatewaySettings s = load(Map.of("gateway.soap.acme.password", "s3cret", "gateway.soap.beta-2.password", "pw2",
                "gateway.broker.agency.CED.password", "ced", "gateway.broker.password", "node",
                "gateway.webhook.acme.secret", "hook"));
        assertEquals(Map.of("acme", "s3cret", "beta-2", "pw2"), s.family("gateway.soap.", ".password"));
        BrokerSettings broker = BrokerSettings.from(s);
        assertEquals(Map.of("CED", "ced"), broker.agencyPasswords());
        assertEquals("node", broker.password());
        assertEquals(Map.of("acme", "hook"), RouteSettings.from(s).webhookSecrets());
        assertEquals(Map.of("acme", "s3cret", "beta-2", "pw2"), SoapSettings.from(s).partnerPasswords());
    }

    @Test
    void records_with_secrets_do_not_print_them() throws Exception {
        GatewaySettings s = load(Map.of("gateway.soap.acme.password", "s3cret-soap",
                "gateway.broker.password", "s3cret-broker", "gateway.webhook.acme.secret", "s3cret-hook",
                "gateway.http.tls.password", "s3cret-tls"));
        for (Object record : new Object[]{SoapSettings.from(s), BrokerSettings.from(s), RouteSettings.from(s),
                HttpSettings.from(s), StoreSettings.from(s), ApiSettings.from(s)}) {
            assertFalse(record.toString().contains("s3cret"), record.toString());
        }
    }
}
