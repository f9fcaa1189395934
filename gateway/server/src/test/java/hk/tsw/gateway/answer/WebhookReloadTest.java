package hk.tsw.gateway.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import hk.tsw.gateway.partner.PartnerFiles;
import hk.tsw.gateway.partner.PartnerRegistry;
import hk.tsw.gateway.store.MessageStore;
import hk.tsw.gateway.store.WebhookStore;
import hk.tsw.gateway.testsupport.TestPools;
import hk.tsw.gateway.testsupport.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook sender follows a reload of the partners: after a partner's webhook URL is changed in its file and the
 * partners reloaded, its next events go to the new URL and none to the old one.
 */
class WebhookReloadTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private MessageStore store;
    private int seq;

    @Test
    void events_after_a_reload_go_to_the_partners_new_webhook_url() throws Exception {
        store = pools.store("h2", tmp);
        try (WebhookReceiver before = new WebhookReceiver(); WebhookReceiver after = new WebhookReceiver()) {
            PartnerRegistry running = partnerWith(before.url());
            WebhookRoute route = new WebhookRoute(new WebhookStore(store), running, Map.of("ACME", "acme-secret"),
                    () -> true);
            route.poll(); // the partner's cursor starts at the end of the timeline
            submit();
            route.poll();
            assertEquals(1, before.calls().size(), before.calls().toString());

            running.replaceWith(partnerWith(after.url()));
            submit();
            route.poll();

            assertEquals(1, before.calls().size(), "the old URL is called after the reload: " + before.calls());
            assertEquals(1, after.calls().size(), after.calls().toString());
            assertTrue(after.calls().get(0).body().contains("\"partner\":\"ACME\""), after.calls().get(0).body());
        }
    }

    private void submit() {
        String name = "f" + (++seq) + ".edi";
        byte[] content = ("UNB+" + name).getBytes(StandardCharsets.UTF_8);
        store.receive("ACME", "SFTP", name, content, name, Duration.ofDays(30));
    }

    /** The partner file with {@code webhook}, loaded as a start or a reload would load it. */
    private PartnerRegistry partnerWith(String webhook) throws Exception {
        String key = Files.readString(Path.of("config/demo/demoline_ed25519.pub")).strip();
        return PartnerFiles.load(tmp.resolve("config"), "ACME", "<sftp><user>acme</user><authorizedKey>" + key
                + "</authorizedKey></sftp>", "<channel>SFTP</channel><format>EDIFACT</format><webhook>" + webhook
                + "</webhook>");
    }
}
