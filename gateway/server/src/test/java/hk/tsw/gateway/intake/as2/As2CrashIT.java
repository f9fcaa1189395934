package hk.tsw.gateway.intake.as2;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import hk.tsw.gateway.testsupport.ProcessHarness;
import hk.tsw.gateway.testsupport.AgencyStub;
import hk.tsw.gateway.testsupport.GatewayProcess;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import hk.tsw.gateway.testsupport.As2Posts;

/**
 * Kills the gateway (SIGKILL, a separate JVM) twice in the middle of 300 AS2 posts and starts it again, while the partner
 * resends every message that got no positive MDN with the same Message-ID and the same bytes, as AS2 products do.
 * Every message that got a positive MDN reaches CED (HTTP, fsync'd ledger) and CSD (folder) exactly once, and none
 * is lost. The partner here builds each signed and encrypted message once (BouncyCastle) so that a resend is
 * byte-identical; the camel-as2 client cannot reuse a Message-ID.
 */
@org.junit.jupiter.api.extension.ExtendWith(hk.tsw.gateway.testsupport.GatewayLogsOnFailure.class)
class As2CrashIT {

    private static final int COUNT = 300;

    @TempDir
    Path dir;

    @Test
    void every_message_with_a_positive_mdn_is_delivered_exactly_once_across_a_sigkill() throws Exception {
        try (ProcessHarness h = new ProcessHarness(dir)) {
            h.start(Map.of());
            int as2Port = h.as2Port;
            AgencyStub ced = h.ced;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            As2Posts as2 = new As2Posts();
            java.util.concurrent.atomic.AtomicInteger resends = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger positive = new java.util.concurrent.atomic.AtomicInteger();
            {
                GatewayProcess gw = h.gateway;
                // four partner connections post concurrently; each message is posted until it gets a positive MDN,
                // always with the same Message-ID and bytes
                java.util.concurrent.ExecutorService partner = java.util.concurrent.Executors.newFixedThreadPool(4);
                List<java.util.concurrent.Future<?>> posts = new java.util.ArrayList<>();
                for (int i = 0; i < COUNT; i++) {
                    As2Posts.Prepared m = as2.declaration("AS2CRASH" + i, "<as2crash-" + i + "-" + System.nanoTime()
                            + "@partner.test>");
                    posts.add(partner.submit(() -> {
                        String disposition = As2Posts.disposition(http, as2Port, m);
                        while (disposition == null || !disposition.endsWith("; processed")) {
                            if (resends.incrementAndGet() > 20 * COUNT) {
                                throw new AssertionError("no positive MDN for " + m.messageId() + " after many resends");
                            }
                            Thread.sleep(250);
                            disposition = As2Posts.disposition(http, as2Port, m);
                        }
                        positive.incrementAndGet();
                        return null;
                    }));
                }
                // pull the plug twice while partners are still posting and the pipeline is still working
                for (int floor : new int[]{60, 180}) {
                    await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(20)).until(() -> positive.get() >= floor);
                    System.out.println("AS2 crash test: killing the gateway with " + positive.get() + " positive MDNs and "
                            + ced.ledger().size() + " CED deliveries");
                    gw.kill();
                    gw.start();
                }
                for (var f : posts) {
                    f.get(10, java.util.concurrent.TimeUnit.MINUTES);
                }
                partner.shutdown();
                java.util.Set<String> acknowledged = new java.util.TreeSet<>();
                for (int i = 0; i < COUNT; i++) {
                    acknowledged.add("DOC-AS2CRASH" + i);
                }
                var counts = h.invariants().check(ced, h.data, acknowledged,
                        java.util.Set.of(), 0);
                System.out.println("AS2 crash test (2 SIGKILLs): " + COUNT + " posted, " + positive.get()
                        + " positive MDNs, " + resends.get() + " resends with the same Message-ID; " + counts);
            }
        }
    }
}
