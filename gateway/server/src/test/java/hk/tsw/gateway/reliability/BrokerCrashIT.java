package hk.tsw.gateway.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import hk.tsw.gateway.testsupport.BrokerProcess;
import hk.tsw.gateway.testsupport.GatewayLogsOnFailure;
import hk.tsw.gateway.testsupport.Invariants;
import hk.tsw.gateway.testsupport.RunningGatewayFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.PartnerPosts;
import hk.tsw.gateway.testsupport.ProcessHarness;

/**
 * Scenario 3, external-broker mode: the broker runs in its own JVM ({@code tsw-gateway.jar broker}) and is killed
 * (SIGKILL) while the gateway is still translating and delivering a batch of SFTP uploads. How soon the gateway
 * notices depends on the machine's load, so the test waits for the state that decides (health says the broker is
 * down; an upload before that may be taken and must then be delivered once) and asserts what holds from then on: no
 * partner gets an acknowledgement: SFTP uploads into the inbox fail, AS2 gets 503 (no MDN), SOAP a fault without a
 * receipt. The broker is started again on its journal; the gateway (never restarted) reconnects by itself, the
 * partners send again what was refused, and the four invariants hold for everything that was acknowledged.
 */
@ExtendWith(GatewayLogsOnFailure.class)
class BrokerCrashIT {

    /** SFTP uploads in the batch; the broker is killed when {@link #KILL_AT} of them are in, the rest are refused. */
    private static final int COUNT = 30;
    private static final int KILL_AT = 18;
    /** Uploads after the broker is back. */
    private static final int AFTER = 5;

    @TempDir
    Path dir;

    @Test
    void nothing_is_acknowledged_while_the_broker_is_down_and_everything_flows_once_it_is_back() throws Exception {
        // the broker has its own copy of the settings; closed last, after the gateway
        RunningGatewayFiles.copyConfig(dir.resolve("broker-config"), Map.of());
        try (BrokerProcess broker = new BrokerProcess(dir.resolve("broker-config"), dir.resolve("broker-data"));
             ProcessHarness h = new ProcessHarness(dir)) {
            broker.start();
            h.start(Map.of("gateway.broker.embedded", "false", "gateway.broker.url", broker.url()));
            PartnerPosts partner = new PartnerPosts(h.as2Port, h.soapPort);
            Set<String> lodged = new TreeSet<>();
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < KILL_AT; i++) {
                String ref = "BATCH" + i;
                h.uploadUntilTaken(ref + ".edi", ProcessHarness.declaration(ref), () -> { });
                lodged.add("DOC-" + ref);
            }
            // mid-flow: the pipeline is busy with the batch
            await().atMost(Duration.ofSeconds(120)).until(() -> h.ced.ledger().size() >= 3);
            int deliveredAtKill = h.ced.ledger().size();
            broker.kill();
            long killedAt = System.nanoTime();
            System.out.println("broker crash test: broker killed with " + deliveredAtKill + " of " + KILL_AT
                    + " uploads delivered to CED");
            // the partner keeps uploading; until the gateway notices the loss an upload may still be taken: it stays
            // in the inbox, unacknowledged, until the broker is back
            String early = "BATCH" + KILL_AT;
            boolean earlyTaken = h.upload(early + ".edi", ProcessHarness.declaration(early));
            if (earlyTaken) {
                lodged.add("DOC-" + early);
            } else {
                refused.add(early);
            }
            // the state that decides, whenever it comes: health says the broker is down
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> h.health().contains("the broker is unreachable"));
            System.out.println("broker crash test: health said the broker is down "
                    + Duration.ofNanos(System.nanoTime() - killedAt).toMillis() + " ms after the kill"
                    + " (that upload " + (earlyTaken ? "taken" : "refused") + ")");
            for (int i = KILL_AT + 1; i < COUNT; i++) {
                String ref = "BATCH" + i;
                assertFalse(h.upload(ref + ".edi", ProcessHarness.declaration(ref)),
                        "upload " + ref + " taken after health said the broker is down");
                refused.add(ref);
            }
            // AS2: 503 and no MDN; SOAP: a fault and no receipt
            hk.tsw.gateway.testsupport.As2Posts.Prepared as2 = partner.as2Message("AS2DOWN");
            HttpResponse<String> as2Down = partner.post(as2);
            assertEquals(503, as2Down.statusCode(), "AS2 while the broker is down: " + as2Down.body());
            assertEquals(null, PartnerPosts.disposition(as2Down), "no MDN while the broker is down");
            HttpResponse<String> soapDown = partner.submitBySoap("SOAPDOWN");
            assertTrue(soapDown.statusCode() >= 400 && soapDown.body().contains("Fault")
                    && !soapDown.body().contains("MessageId"), "SOAP while the broker is down: " + soapDown.body());
            assertTrue(h.gateway.alive(), "the gateway outlives its broker");

            broker.start();
            for (String ref : refused) {
                h.uploadUntilTaken(ref + ".edi", ProcessHarness.declaration(ref), () -> { });
                lodged.add("DOC-" + ref);
            }
            await().atMost(ProcessHarness.UPLOAD_PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> "automatic-action/MDN-sent-automatically; processed".equals(
                            PartnerPosts.disposition(partner.post(as2))));
            lodged.add("DOC-AS2DOWN");
            await().atMost(ProcessHarness.UPLOAD_PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> partner.submitBySoap("SOAPDOWN").body().contains("MessageId"));
            lodged.add("DOC-SOAPDOWN");
            for (int i = 0; i < AFTER; i++) {
                h.uploadUntilTaken("after-" + i + ".edi", ProcessHarness.declaration("AFTER" + i), () -> { });
                lodged.add("DOC-AFTER" + i);
            }
            Invariants.Counts counts = h.invariants().check(h.ced, h.data, lodged, Set.of(), 0);
            // stopped as a supervisor stops them (SIGTERM): a clean stop is exit status 0, not 143
            assertEquals(0, h.gateway.stop(), "the gateway's exit status after SIGTERM");
            assertEquals(0, broker.stop(), "the broker's exit status after SIGTERM");
            System.out.println("broker crash test (broker SIGKILL at " + deliveredAtKill + " CED deliveries; "
                    + (earlyTaken ? 1 : 0) + " upload taken before the gateway noticed, "
                    + refused.size() + " refused and sent again, AS2 503 and SOAP fault sent again): " + lodged.size()
                    + " lodged; " + counts);
        }
    }
}
