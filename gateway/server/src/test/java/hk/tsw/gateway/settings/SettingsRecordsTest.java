package hk.tsw.gateway.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void the_payload_journal_is_on_by_default_and_the_switch_turns_it_off() throws Exception {
        PayloadSettings defaults = PayloadSettings.from(load(Map.of()));
        assertTrue(defaults.journal());
        assertEquals(java.time.Duration.ofSeconds(60), defaults.checkpointAfter());
        PayloadSettings off = PayloadSettings.from(load(Map.of("gateway.payloads.journal.enabled", "false",
                "gateway.payloads.journal.checkpoint.seconds", "120")));
        assertFalse(off.journal(), "false: every file and folder fsynced, no journal");
        assertEquals(java.time.Duration.ofSeconds(120), off.checkpointAfter());
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
