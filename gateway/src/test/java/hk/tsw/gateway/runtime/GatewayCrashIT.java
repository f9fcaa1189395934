package hk.tsw.gateway.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import hk.tsw.gateway.mapping.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the gateway (a separate JVM, SIGKILL) twice in the middle of 300 SFTP interchanges, starts it again on the
 * same data each time, and proves that every interchange a partner lodged reached every routed agency (CED over HTTP with an
 * fsync'd ledger, CSD a folder) and none was lost. The same idempotency key arriving twice at CED is allowed (the
 * agency drops the repeat); a missing one is not.
 */
class GatewayCrashIT {

    private static final int COUNT = 300;

    @TempDir
    Path dir;

    private static byte[] interchange(int i) throws Exception {
        String edi = Files.readString(TestEngine.REPO.resolve("config/demo/samples/demofwd-import.edi"), StandardCharsets.ISO_8859_1);
        return edi.replace("WH25031200017", "CRASH" + i).replace("HKIMP2025031200017", "DOC-CRASH" + i)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void no_interchange_is_lost_or_delivered_twice_when_the_gateway_is_killed_mid_batch() throws Exception {
        try (AgencyStub ced = new AgencyStub(dir.resolve("ced-ledger.txt"))) {
            Path config = dir.resolve("config");
            RunningGatewayFiles.copyConfig(config, Map.of("CED", ced.url()));
            int sftpPort = RunningGateway.freePort();
            Map<String, String> settings = new HashMap<>();
            settings.put("gateway.mappings.dir", TestEngine.REPO.resolve("mappings").toString());
            settings.put("gateway.xsd.dir", TestEngine.REPO.resolve("xsd").toString());
            settings.put("gateway.dfdl.cache.dir", TestEngine.DFDL_CACHE.toString());
            settings.put("gateway.secrets.file", "");
            settings.put("gateway.sftp.port", String.valueOf(sftpPort));
            settings.put("gateway.as2.port", String.valueOf(RunningGateway.freePort()));
            settings.put("gateway.broker.acceptor", "");
            settings.put("gateway.soap.port", String.valueOf(RunningGateway.freePort()));
            settings.put("gateway.sftp.settle.ms", "300");
            settings.put("gateway.delivery.redelivery.delay.ms", "200");
            Path data = dir.resolve("data");
            try (GatewayProcess gw = new GatewayProcess(config, data, RunningGateway.freePort(), settings)) {
                gw.start();
                int next = 0;
                int kills = 0;
                while (next < COUNT) {
                    try (PartnerSftp sftp = new PartnerSftp("demofwd", sftpPort)) {
                        while (next < COUNT) {
                            sftp.upload("crash-" + next + ".edi", interchange(next));
                            next++;
                            if (kills < 2 && next == (kills + 1) * COUNT / 3) {
                                // let part of the work get under way, then pull the plug
                                int floor = 20 + kills * COUNT / 3;
                                await().atMost(Duration.ofSeconds(120)).until(() -> ced.ledger().size() >= floor);
                                System.out.println("crash test: killing the gateway with " + ced.ledger().size() + " CED deliveries of " + next + " uploaded");
                                gw.kill();
                                kills++;
                                gw.start();
                                break;
                            }
                        }
                    } catch (Exception e) {
                        // the upload in progress when the gateway died got no acknowledgement: send it again
                        if (kills == 0) {
                            throw e;
                        }
                    }
                }
                Set<String> expected = new TreeSet<>();
                // document ids are the gateway's; the ledger key is tsw-doc-<id>-CED, so count CED deliveries by
                // distinct key, and CSD deliveries by the functional reference in the file name
                await().atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> new TreeSet<>(ced.ledger()).size() >= COUNT && csdReferences(data).size() >= COUNT);
                for (int i = 0; i < COUNT; i++) {
                    expected.add("DOC-CRASH" + i);
                }
                assertEquals(expected, csdReferences(data), "every interchange reached CSD");
                List<String> keys = ced.ledger();
                assertEquals(COUNT, new TreeSet<>(keys).size(), "every interchange reached CED, under one key each");
                Invariants.Counts counts = new Invariants(gw.httpPort()).check(ced, data, expected, Set.of(), 0);
                System.out.println("crash test (SFTP, " + kills + " SIGKILLs): " + COUNT + " lodged; " + counts);
            }
        }
    }

    private static Set<String> csdReferences(Path data) throws Exception {
        Path csd = data.resolve("agencies/CSD");
        if (!Files.isDirectory(csd)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(csd)) {
            return files.map(p -> p.getFileName().toString().replaceFirst("-\\d+\\.xml$", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
