package hk.tsw.gateway.reliability;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import hk.tsw.gateway.testsupport.GatewayLogsOnFailure;
import hk.tsw.gateway.testsupport.Invariants;
import hk.tsw.gateway.testsupport.PartnerSftp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.ProcessHarness;

/**
 * Scenario 1 by SFTP: kills the gateway (a separate JVM, SIGKILL) twice in the middle of 300 interchanges, starts it
 * again on the same data each time, and proves that every interchange a partner lodged reached every routed agency
 * (CED over HTTP with an fsync'd ledger, CSD a folder) and none was lost. The upload in progress when the gateway
 * died got no acknowledgement, so the partner sends it again. The same idempotency key arriving twice at CED is
 * allowed (the agency drops the repeat); a missing one is not.
 */
@ExtendWith(GatewayLogsOnFailure.class)
class SftpCrashIT {

    private static final int COUNT = 300;

    @TempDir
    Path dir;

    @Test
    void no_interchange_is_lost_or_delivered_twice_when_the_gateway_is_killed_mid_batch() throws Exception {
        try (ProcessHarness h = new ProcessHarness(dir)) {
            h.start(Map.of());
            int next = 0;
            int kills = 0;
            int failedSessions = 0;
            while (next < COUNT) {
                try (PartnerSftp sftp = new PartnerSftp("demofwd", h.sftpPort)) {
                    while (next < COUNT) {
                        sftp.upload("crash-" + next + ".edi", ProcessHarness.declaration("CRASH" + next));
                        next++;
                        if (kills < 2 && next == (kills + 1) * COUNT / 3) {
                            // let part of the work get under way, then pull the plug
                            int floor = 20 + kills * COUNT / 3;
                            await().atMost(Duration.ofSeconds(120)).until(() -> h.ced.ledger().size() >= floor);
                            System.out.println("crash test: killing the gateway with " + h.ced.ledger().size()
                                    + " CED deliveries of " + next + " uploaded");
                            h.gateway.kill();
                            kills++;
                            h.gateway.start();
                            break;
                        }
                    }
                } catch (Exception e) {
                    // the upload in progress when the gateway died got no acknowledgement, or the session failed
                    // (a loaded machine's SSH time-out, before or after a kill): send it again, a bounded number of times
                    if (++failedSessions > 20) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
            Set<String> lodged = new TreeSet<>();
            for (int i = 0; i < COUNT; i++) {
                lodged.add("DOC-CRASH" + i);
            }
            Invariants.Counts counts = h.invariants().check(h.ced, h.data, lodged, Set.of(), 0);
            System.out.println("crash test (SFTP, " + kills + " SIGKILLs): " + COUNT + " lodged; " + counts);
        }
    }
}
